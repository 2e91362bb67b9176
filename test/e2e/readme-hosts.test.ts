// The host configuration snippets in README.md, read from the README itself and launched exactly as each
// host would launch them — with the local build standing in for `npx -y litellm-mcp` — through an MCP
// initialize and tools/list. If a snippet rots (wrong key, wrong shape, wrong command), this fails.

import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, describe, expect, it } from "vitest";
import { BUILT_SERVER } from "../support/spawn-server.ts";
import { connectHttp, startHttpInstance, type HttpInstance } from "../support/spawn-http.ts";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string; bin: Record<string, string> };
const TOOLS = ["generate_key", "get_key_info", "list_models", "proxy_completion"];

/** The fenced blocks of one language under the README heading `### <title>`. */
function snippets(title: string, lang: string): string[] {
  const start = README.indexOf(`\n### ${title}\n`);
  expect(start, `README has a "### ${title}" section`).toBeGreaterThanOrEqual(0);
  const rest = README.slice(start + title.length + 6);
  const section = rest.slice(0, rest.search(/\n##+ /) === -1 ? undefined : rest.search(/\n##+ /));
  return [...section.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
}

/** What the host runs for `npx -y litellm-mcp ...`: this checkout's bin, which is what npx would fetch. */
function localCommand(command: string, args: readonly string[]): { command: string; args: string[] } {
  expect([command, ...args.slice(0, 2)]).toEqual(["npx", "-y", pkg.name]);
  return { command: process.execPath, args: [BUILT_SERVER, ...args.slice(2)] };
}

async function initializeAndList(command: string, args: readonly string[], env: Record<string, string>) {
  const local = localCommand(command, args);
  // Like the hosts: the SDK adds a minimal default environment (PATH, HOME, ...) to the snippet's env.
  const transport = new StdioClientTransport({ command: local.command, args: local.args, env, stderr: "pipe" });
  const client = new Client({ name: "readme-host", version: "0.0.0" });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const info = client.getServerVersion();
  await client.close();
  return { info, names: tools.map((t) => t.name) };
}

/** Just enough of a POSIX shell for the README's one-line commands: quotes and $VARIABLES. */
function shellWords(line: string, vars: Record<string, string>): string[] {
  const words: string[] = [];
  for (const m of line.trim().matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    words.push(m[2] ?? (m[1] ?? m[3]!).replace(/\$([A-Z_][A-Z0-9_]*)/g, (_, name: string) => vars[name] ?? ""));
  }
  return words;
}

interface ClaudeMcpAdd {
  transport: string;
  env: Record<string, string>;
  headers: string[];
  name: string;
  rest: string[];
}

/** `claude mcp add [options] <name> -- <command> [args...]` or `... <name> <url>`: options before the name. */
function parseClaudeMcpAdd(words: string[]): ClaudeMcpAdd {
  expect(words.slice(0, 3)).toEqual(["claude", "mcp", "add"]);
  const parsed: ClaudeMcpAdd = { transport: "stdio", env: {}, headers: [], name: "", rest: [] };
  let i = 3;
  for (; i < words.length && words[i]!.startsWith("-") && words[i] !== "--"; i += 2) {
    const [flag, value] = [words[i]!, words[i + 1]];
    expect(value, `${flag} needs a value`).toBeDefined();
    if (flag === "--transport" || flag === "-t") parsed.transport = value!;
    else if (flag === "--env" || flag === "-e") {
      const [key, ...v] = value!.split("=");
      expect(v.length, `--env takes KEY=value, got ${value}`).toBeGreaterThan(0);
      parsed.env[key!] = v.join("=");
    } else if (flag === "--header" || flag === "-H") parsed.headers.push(value!);
    else if (flag !== "--scope" && flag !== "-s") throw new Error(`claude mcp add has no option ${flag}`);
  }
  parsed.name = words[i++] ?? "";
  parsed.rest = words.slice(i);
  return parsed;
}

const running: HttpInstance[] = [];
afterEach(async () => {
  for (const instance of running.splice(0)) await instance.stop();
});

describe("README host configuration", () => {
  it("npx -y litellm-mcp names this package and its bin", () => {
    expect(pkg.name).toBe("litellm-mcp");
    expect(Object.keys(pkg.bin)).toEqual(["litellm-mcp"]);
  });

  it("Claude Desktop / Cursor: mcpServers with npx -y litellm-mcp and env", async () => {
    const [json] = snippets("Claude Desktop / Cursor", "json");
    const server = (JSON.parse(json!) as { mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }> }).mcpServers.litellm!;
    expect(Object.keys(server.env).sort()).toEqual(["LITELLM_HOST", "LITELLM_MASTER_KEY"]);
    const { info, names } = await initializeAndList(server.command, server.args, server.env);
    expect(info?.name).toBe("litellm-mcp");
    expect(names).toEqual(expect.arrayContaining(TOOLS));
  });

  it("VS Code: servers with type stdio, and the master key from a password input", async () => {
    const [json] = snippets("VS Code", "json");
    const config = JSON.parse(json!) as {
      inputs: { type: string; id: string; password?: boolean }[];
      servers: Record<string, { type: string; command: string; args: string[]; env: Record<string, string> }>;
    };
    const server = config.servers.litellm!;
    expect(server.type).toBe("stdio");
    // The key is not written in the file: it is an input VS Code asks for once and keeps secret.
    const ref = /^\$\{input:([^}]+)\}$/.exec(server.env.LITELLM_MASTER_KEY ?? "");
    expect(ref, "LITELLM_MASTER_KEY comes from ${input:...}").not.toBeNull();
    expect(config.inputs.find((input) => input.id === ref![1])).toMatchObject({ type: "promptString", password: true });
    // Resolve ${input:...} as VS Code does, with what the user would type.
    const env = Object.fromEntries(Object.entries(server.env).map(([k, v]) => [k, v.replace(/\$\{input:[^}]+\}/g, "sk-typed-into-vscode")]));
    const { info, names } = await initializeAndList(server.command, server.args, env);
    expect(info?.name).toBe("litellm-mcp");
    expect(names).toEqual(expect.arrayContaining(TOOLS));
  });

  it("Claude Code: claude mcp add with options before the name and the command after --", async () => {
    const [bash] = snippets("Claude Code", "bash");
    const add = parseClaudeMcpAdd(shellWords(bash!, {}));
    expect(add).toMatchObject({ transport: "stdio", name: "litellm" });
    expect(Object.keys(add.env).sort()).toEqual(["LITELLM_HOST", "LITELLM_MASTER_KEY"]);
    expect(add.rest[0]).toBe("--");
    const [command, ...args] = add.rest.slice(1);
    const { info, names } = await initializeAndList(command!, args, add.env);
    expect(info?.name).toBe("litellm-mcp");
    expect(names).toEqual(expect.arrayContaining(TOOLS));
  });

  it("Streamable HTTP: the claude mcp add --transport http line reaches a token-protected --http server", async () => {
    const token = "readme-http-token-0123456789abcdef";
    const line = snippets("Streamable HTTP", "bash").flatMap((block) => block.split("\n")).find((l) => l.startsWith("claude mcp add"));
    const add = parseClaudeMcpAdd(shellWords(line!, { LITELLM_MCP_HTTP_TOKEN: token }));
    expect(add).toMatchObject({ transport: "http", name: "litellm", headers: [`Authorization: Bearer ${token}`] });
    const url = new URL(add.rest[0]!);
    expect(add.rest).toHaveLength(1);

    const server = await startHttpInstance(["--host", "0.0.0.0"], { LITELLM_MCP_HTTP_TOKEN: token });
    running.push(server);
    // Same path and header as the snippet; the host is this machine instead of the example's name.
    const local = new URL(url.pathname, `http://127.0.0.1:${server.url.port}`);
    const [name, value] = add.headers[0]!.split(/:\s*/);
    const client = await connectHttp(local, { requestInit: { headers: { [name!]: value! } } });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(expect.arrayContaining(TOOLS));
    await client.close();
  });
});
