// The real Claude Code CLI, to run the README's `claude mcp add` lines as a user pastes them. It is installed
// from the npm registry into a temporary folder with `npm ci` over the lock in test/support/claude-code/,
// which pins the version and the sha512 of the wrapper and of each platform's binary package: npm refuses a
// tarball that differs. Each line runs through bash with a HOME of its own, where the CLI writes its config;
// nothing may leave the machine: the CLI's own switches turn off updates, telemetry and error reports, and
// every proxy variable points at a loopback listener that counts whoever tries anyway.

import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, runIn } from "./project-copy.ts";

const LOCKED = fileURLToPath(new URL("./claude-code/", import.meta.url));
const PACKAGE = "@anthropic-ai/claude-code";
/** The version the lock pins: what `claude --version` must report. */
export const CLAUDE_CODE_VERSION = (JSON.parse(readFileSync(join(LOCKED, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies[PACKAGE]!;

/**
 * Claude Code's switches for traffic a test must not make (its documentation's names): the first covers the
 * other three, which are set as well so that none depends on what the first implies in a given release.
 */
const NO_TRAFFIC = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  DISABLE_AUTOUPDATER: "1",
  DISABLE_TELEMETRY: "1",
  DISABLE_ERROR_REPORTING: "1",
};

/** What `claude mcp add` wrote for one server: a command to start, or a URL to reach. */
export type WrittenServer =
  | { type: "stdio"; command: string; args: string[]; env: Record<string, string> }
  | { type: "http" | "sse"; url: string; headers?: Record<string, string> };

export interface ClaudeCli {
  version: string;
  /** Runs one shell line (`claude mcp add ...`) in a fresh project with a fresh HOME; the servers it configured. */
  add(line: string, vars?: Record<string, string>): Promise<Record<string, WrittenServer>>;
  /** Connections the proxy tripwire received: any is an attempt to reach the network. */
  escapes(): number;
  remove(): Promise<void>;
}

/** A loopback listener that counts and drops every connection: where the proxy variables point. */
async function tripwire(): Promise<{ url: string; count: () => number; server: Server }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, count: () => connections, server };
}

export async function installClaudeCli(): Promise<ClaudeCli> {
  const dir = mkdtempSync(join(tmpdir(), "litellm-mcp-claude-"));
  const wire = await tripwire();
  const remove = async () => {
    wire.server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const prefix = join(dir, "cli");
    cpSync(LOCKED, prefix, { recursive: true });
    // Scripts off, then the package's own postinstall by name: it copies the platform's binary into place,
    // and npm's policy on install scripts varies between releases.
    const installed = await run(prefix, "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { npm_config_update_notifier: "false" });
    if (installed.code !== 0) throw new Error(`npm ci of ${PACKAGE}@${CLAUDE_CODE_VERSION} from the npm registry failed:\n${installed.stderr}`);
    const postinstall = await run(join(prefix, "node_modules", PACKAGE), "node", ["install.cjs"]);
    if (postinstall.code !== 0) throw new Error(`${PACKAGE}'s install.cjs failed:\n${postinstall.stdout}${postinstall.stderr}`);
    const binDir = join(prefix, "node_modules", ".bin");

    const proxy = { HTTPS_PROXY: wire.url, HTTP_PROXY: wire.url, https_proxy: wire.url, http_proxy: wire.url, ALL_PROXY: wire.url };
    // Only what a shell needs, the switches and the tripwire: nothing of the runner's own environment.
    const baseEnv = { PATH: `${binDir}:/usr/local/bin:/usr/bin:/bin`, LANG: "C.UTF-8", ...NO_TRAFFIC, ...proxy };
    const version = await runIn(dir, join(binDir, "claude"), ["--version"], { ...baseEnv, HOME: mkdtempSync(join(dir, "home-")) });
    if (version.code !== 0) throw new Error(`claude --version failed:\n${version.stderr}`);

    return {
      version: version.stdout.trim(),
      escapes: wire.count,
      remove,
      async add(line, vars = {}) {
        const home = mkdtempSync(join(dir, "home-"));
        const project = realpathSync(mkdtempSync(join(dir, "project-")));
        const result = await runIn(project, "bash", ["-c", line], { ...baseEnv, ...vars, HOME: home });
        if (result.code !== 0) throw new Error(`\`${line}\` failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
        // The default scope, "local": this project's entry in the user's ~/.claude.json.
        const config = JSON.parse(readFileSync(join(home, ".claude.json"), "utf8")) as { projects?: Record<string, { mcpServers?: Record<string, WrittenServer> }> };
        return config.projects?.[project]?.mcpServers ?? {};
      },
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
