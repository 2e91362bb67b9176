// The bin's argv handling, from the built file: what each spelling prints, where, and with which exit code.
// stdout is sacred in stdio mode, so errors and usage go to stderr everywhere.

import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";
import { BUILT_SERVER } from "../support/spawn-server.ts";
import { variablesReadBySource } from "../support/variables-read.ts";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string; bin: Record<string, string> };

describe("litellm-mcp argv", () => {
  it("the package's bin is the file the tests run", () => {
    expect(new URL(`../../${pkg.bin["litellm-mcp"]}`, import.meta.url).pathname).toBe(BUILT_SERVER);
    expect(readFileSync(BUILT_SERVER, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("--version prints the package version", async () => {
    for (const flag of ["--version", "-v"]) {
      const run = await runCli([flag]);
      expect(run).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    }
  });

  it("--help lists every command and every variable the server reads", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const word of ["doctor", "help", "--http", "--port", "--host", "--version"]) expect(run.stdout).toContain(word);
    for (const name of variablesReadBySource()) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    // Grouped: the policy and tool-selection variables sit under their own headings.
    expect(run.stdout).toMatch(/Policy[^\n]*:\n(  LITELLM_MCP_\w+ +.+\n)+/);
    expect(run.stdout).toMatch(/Which tools are offered:\n(  LITELLM_MCP_\w+ +.+\n)+/);
  });

  it("`litellm-mcp help` prints what --help prints", async () => {
    const [help, flag] = await Promise.all([runCli(["help"]), runCli(["--help"])]);
    expect(help).toEqual(flag);
  });

  it.each([
    [["serve"], /Unknown command "serve"/],
    [["--bogus"], /^litellm-mcp: Unknown option "--bogus"\. The options are --http, --port, --host, --help and --version/],
    [["--http", "--host"], /^litellm-mcp: --host needs a value/],
    [["--port", "3000"], /--port and --host only apply with --http/],
    [["--http", "--port", "http"], /--port must be a whole number/],
    [["--http", "--port", "70000"], /--port must be a whole number/],
    [["doctor", "--http"], /doctor takes no options/],
    [["doctor", "now"], /Unexpected argument "now"/],
  ])("%j is a usage error: exit 2, the reason and the usage on stderr, nothing on stdout", async (args, reason) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain("Usage:");
    // The project's own sentence, not Node's argument parser explaining positional arguments.
    expect(run.stderr).not.toMatch(/positional argument|argument missing/);
  });

  it("a malformed setting stops the stdio server at start, naming the variable, with stdout untouched", async () => {
    const run = await runCli([], { LITELLM_MCP_ADMIN_TIMEOUT_MS: "soon" });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^litellm-mcp error: LITELLM_MCP_ADMIN_TIMEOUT_MS must be a positive whole number/);
  });

  it("with no arguments it is the stdio server: stdout carries JSON-RPC and nothing else", async () => {
    const child = spawn(process.execPath, [BUILT_SERVER], { env: { PATH: process.env.PATH ?? "" }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } } });
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    await new Promise<void>((resolve) => {
      const check = () => (stdout.split("\n").filter(Boolean).length >= 2 ? resolve() : setTimeout(check, 20));
      check();
    });
    child.stdin.end();
    const code = await new Promise((resolve) => child.on("exit", resolve));

    const lines = stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { jsonrpc: string; id: number; result: Record<string, unknown> });
    expect(lines.map((m) => [m.jsonrpc, m.id])).toEqual([["2.0", 1], ["2.0", 2]]);
    expect(lines[0]!.result.serverInfo).toEqual({ name: "litellm-mcp", version: pkg.version });
    expect((lines[1]!.result.tools as unknown[]).length).toBeGreaterThanOrEqual(4);
    // Without LITELLM_MASTER_KEY the server still starts and says so, on stderr; end of stdin ends it cleanly.
    expect(stderr).toMatch(/LITELLM_MASTER_KEY is not set/);
    expect(stderr).toMatch(/shutting down \(stdin closed\)/);
    expect(code).toBe(0);
  });
});
