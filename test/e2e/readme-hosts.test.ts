// The host configuration snippets in README.md, read from the README itself and launched exactly as each
// host would launch them, through an MCP initialize and tools/list. The `claude mcp add` lines are run, as
// printed, by the real Claude Code CLI (test/support/claude-cli.ts), and what it wrote into its config is
// what gets launched. What they launch is the package as shipped: `npm pack` of this checkout installed
// into an empty prefix (standing in for `npm install -g .` and for the registry download of
// `npx -y <package>`), never the work tree. If a snippet rots (wrong command, wrong shape, a line the CLI
// rejects, a package name that is not ours) or the package stops working once packed and installed
// (`files`, `bin`, the code cache), this fails.

import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";
import { CLAUDE_CODE_VERSION, installClaudeCli, type ClaudeCli, type WrittenServer } from "../support/claude-cli.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { packAndInstall, type PackedInstall } from "../support/packed.ts";
import { connectHttp, startHttpInstance, type HttpInstance } from "../support/spawn-http.ts";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string; bin: Record<string, string> };
const [BIN] = Object.keys(pkg.bin);
/** What the README's snippets, which set no LITELLM_MCP_TOOLSETS, get: the default tools. */
const DEFAULT_TOOLS = manifest.filter((tool) => tool.byDefault).map((tool) => tool.name);
/** The placeholder the README uses for "where you cloned it"; a user writes their own path there. */
const CLONE_PLACEHOLDER = "/absolute/path/to/litellm-mcp";

interface Block {
  heading: string;
  lang: string;
  text: string;
}

/** Every fenced block of the README, with the heading it sits under. */
function fencedBlocks(): Block[] {
  const blocks: Block[] = [];
  let heading = "";
  for (const m of README.matchAll(/^(#{1,6} .*)$|^```(\w*)\n([\s\S]*?)^```$/gm)) {
    if (m[1]) heading = m[1].replace(/^#+ /, "");
    else blocks.push({ heading, lang: m[2]!, text: m[3]! });
  }
  return blocks;
}

/** Just enough of a POSIX shell for the README's one-line commands: quotes and $VARIABLES. */
function shellWords(line: string, vars: Record<string, string>): string[] {
  const words: string[] = [];
  for (const m of line.trim().matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    words.push(m[2] ?? (m[1] ?? m[3]!).replace(/\$([A-Z_][A-Z0-9_]*)/g, (_, name: string) => vars[name] ?? ""));
  }
  return words;
}

/** What a host starts for one snippet: the command, its arguments and the environment it sets. */
interface HostLaunch {
  where: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

type JsonServer = { type?: string; command: string; args?: string[]; env: Record<string, string> };

/** Every stdio server the README's JSON configs tell a host to start. */
function hostLaunches(): HostLaunch[] {
  const launches: HostLaunch[] = [];
  for (const block of fencedBlocks()) {
    if (block.lang === "json" && /"(mcpServers|servers)"/.test(block.text)) {
      const config = JSON.parse(block.text) as { mcpServers?: Record<string, JsonServer>; servers?: Record<string, JsonServer>; inputs?: { id: string; type: string; password?: boolean }[] };
      for (const [name, server] of Object.entries(config.mcpServers ?? config.servers ?? {})) {
        expect(name).toBe("litellm");
        if (config.servers) expect(server.type, "VS Code needs the transport type").toBe("stdio");
        // VS Code resolves ${input:...} from what the user typed into a password prompt; the key is not in the file.
        const env = Object.fromEntries(
          Object.entries(server.env).map(([k, v]) => {
            const input = /^\$\{input:([^}]+)\}$/.exec(v);
            if (input) expect(config.inputs?.find((i) => i.id === input[1])).toMatchObject({ type: "promptString", password: true });
            return [k, input ? "sk-typed-into-vscode" : v];
          }),
        );
        launches.push({ where: `${block.heading}: ${server.command} ${(server.args ?? []).join(" ")}`.trim(), command: server.command, args: server.args ?? [], env });
      }
    }
  }
  return launches;
}

/** Every `claude mcp add` line of the README, with the heading it sits under. */
function claudeLines(): { heading: string; line: string }[] {
  return fencedBlocks()
    .filter((block) => block.lang === "bash")
    .flatMap((block) => block.text.split("\n").filter((line) => line.startsWith("claude mcp add")).map((line) => ({ heading: block.heading, line })));
}

/** The one server a `claude mcp add` line configured, run through the real CLI. */
async function addedByClaude(line: string, vars: Record<string, string> = {}): Promise<WrittenServer> {
  const servers = await claude.add(line, vars);
  expect(Object.keys(servers), line).toEqual(["litellm"]);
  return servers.litellm!;
}

let packed: PackedInstall;
let claude: ClaudeCli;
beforeAll(async () => {
  [packed, claude] = await Promise.all([packAndInstall(), installClaudeCli()]);
}, 300_000);
afterAll(async () => {
  await packed?.remove();
  await claude?.remove();
});

/**
 * The one substitution: where the snippet would download the package from the registry, the tarball is
 * used instead (`npx -y --package <tarball> <bin>`); `litellm-mcp` resolves to the tarball's install on
 * PATH, as after `npm install -g .`; the clone placeholder names the installed package folder.
 */
function asShipped(launch: HostLaunch): { command: string; args: string[]; env: Record<string, string> } {
  let args = launch.args.map((arg) => arg.replace(CLONE_PLACEHOLDER, packed.packageDir));
  if (launch.command === "npx") {
    expect(args.slice(0, 2), "npx -y fetches this package, by its own name").toEqual(["-y", pkg.name]);
    args = ["-y", "--package", packed.tarball, BIN!, ...args.slice(2)];
  }
  return { command: launch.command, args, env: { ...launch.env, ...packed.npmEnv, PATH: `${packed.binDir}:${process.env.PATH ?? ""}` } };
}

async function initializeAndList(launch: HostLaunch) {
  const { command, args, env } = asShipped(launch);
  // Like the hosts: the SDK adds a minimal default environment (HOME, ...) to the snippet's env.
  const transport = new StdioClientTransport({ command, args, env, stderr: "pipe" });
  const client = new Client({ name: "readme-host", version: "0.0.0" });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const info = client.getServerVersion();
  await client.close();
  return { info, names: tools.map((t) => t.name) };
}

const running: HttpInstance[] = [];
afterEach(async () => {
  for (const instance of running.splice(0)) await instance.stop();
});

describe("README host configuration, launched as shipped", () => {
  const launches = hostLaunches();
  const lines = claudeLines();

  it("names only this package, and keeps the bin the snippets call", () => {
    expect(Object.keys(pkg.bin)).toEqual(["litellm-mcp"]);
    // npx -y runs whatever the registry holds under a name: only this package's own name may follow it.
    const fetched = [...README.matchAll(/npx -y ([@\w./-]+)/g)].map((m) => m[1]);
    expect(fetched.length).toBeGreaterThan(0);
    expect(new Set(fetched)).toEqual(new Set([pkg.name]));
    // The bare command name is another project's package on the registry: never `npx litellm-mcp`.
    expect(README).not.toMatch(/npx (-\S+ )*litellm-mcp\b/);
  });

  it("finds every kind of host snippet: global command, node + path, VS Code, Claude Code over stdio and HTTP, and npx after a release", () => {
    const commands = launches.map((l) => `${l.command} ${l.args.join(" ")}`.trim());
    expect(commands).toEqual(expect.arrayContaining([BIN, `node ${CLONE_PLACEHOLDER}/dist/index.cjs`, `npx -y ${pkg.name}`]));
    expect(launches.filter((l) => l.command === BIN).length).toBeGreaterThanOrEqual(2);
    for (const launch of launches) expect(Object.keys(launch.env).sort(), launch.where).toEqual(["LITELLM_HOST", "LITELLM_MASTER_KEY"]);
    expect(lines.map((l) => l.heading)).toEqual(expect.arrayContaining(["Claude Code", "Streamable HTTP", "After a release"]));
    expect(lines.find((l) => l.heading.startsWith("Caller mode"))).toBeDefined();
  });

  it(`runs the README's lines with the Claude Code CLI pinned for it (${CLAUDE_CODE_VERSION})`, () => {
    expect(claude.version).toBe(`${CLAUDE_CODE_VERSION} (Claude Code)`);
  });

  it.each(launches.map((launch) => [launch.where, launch] as const))("%s answers initialize and tools/list", async (_, launch) => {
    const { info, names } = await initializeAndList(launch);
    expect(info?.name).toBe("litellm-mcp");
    expect(names.sort()).toEqual([...DEFAULT_TOOLS].sort());
  });

  const stdioLines = lines.filter((l) => l.line.includes(" -- "));
  it.each(stdioLines.map((l) => [`${l.heading}: ${l.line}`, l.line] as const))("%s: the real CLI takes it, and the server it configured answers initialize and tools/list", async (_, line) => {
    const written = await addedByClaude(line);
    expect(written.type).toBe("stdio");
    const { command, args, env } = written as Extract<WrittenServer, { type: "stdio" }>;
    expect(Object.keys(env).sort()).toEqual(["LITELLM_HOST", "LITELLM_MASTER_KEY"]);
    const { info, names } = await initializeAndList({ where: line, command, args, env });
    expect(info?.name).toBe("litellm-mcp");
    expect(names.sort()).toEqual([...DEFAULT_TOOLS].sort());
  });

  it("Streamable HTTP: the real CLI takes the claude mcp add --transport http line, and what it wrote reaches a token-protected --http server", async () => {
    const token = "readme-http-token-0123456789abcdef";
    const { line } = lines.find((l) => l.heading === "Streamable HTTP")!;
    // The line's $LITELLM_MCP_HTTP_TOKEN comes from the shell, as for a user who exported it.
    const written = (await addedByClaude(line, { LITELLM_MCP_HTTP_TOKEN: token })) as Extract<WrittenServer, { type: "http" | "sse" }>;
    expect(written).toEqual({ type: "http", url: expect.any(String), headers: { Authorization: `Bearer ${token}` } });

    const server = await startHttpInstance(["--host", "0.0.0.0"], { LITELLM_MCP_HTTP_TOKEN: token }, `${packed.binDir}/${BIN}`);
    running.push(server);
    // Same path and headers as the CLI wrote; the host is this machine instead of the example's name.
    const local = new URL(new URL(written.url).pathname, `http://127.0.0.1:${server.url.port}`);
    const client = await connectHttp(local, { requestInit: { headers: written.headers } });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([...DEFAULT_TOOLS].sort());
    await client.close();
  });

  it("Caller mode: the server line and the claude mcp add line work together, each call under the caller's key", async () => {
    const shellLines = fencedBlocks()
      .filter((b) => b.heading.startsWith("Caller mode") && b.lang === "bash")
      .flatMap((block) => block.text.split("\n"));
    // `VAR=value ... litellm-mcp --http --host ADDR --port N`
    const words = shellWords(shellLines.find((l) => l.includes(" --http"))!, {});
    const at = words.indexOf(BIN!);
    const env = Object.fromEntries(words.slice(0, at).map((w) => [w.split("=")[0]!, w.slice(w.indexOf("=") + 1)]));
    expect(Object.keys(env).sort()).toEqual(["LITELLM_HOST", "LITELLM_MCP_AUTH"]);
    // The port becomes a free one; everything else is the README's.
    const args = words.slice(at + 1).filter((w, i, all) => w !== "--http" && w !== "--port" && all[i - 1] !== "--port");
    const written = (await addedByClaude(shellLines.find((l) => l.startsWith("claude mcp add"))!)) as Extract<WrittenServer, { type: "http" | "sse" }>;
    expect(written).toMatchObject({ type: "http", headers: { Authorization: expect.stringMatching(/^Bearer /) } });
    const key = written.headers!.Authorization!.replace(/^Bearer /, "");

    const upstream = await new FakeLiteLLM({ masterKey: "sk-readme-unused-master-1" }).start();
    try {
      upstream.state.mint(key, {});
      const server = await startHttpInstance(args, { ...env, LITELLM_HOST: upstream.url }, `${packed.binDir}/${BIN}`);
      running.push(server);
      const client = await connectHttp(new URL(new URL(written.url).pathname, `http://127.0.0.1:${server.url.port}`), { requestInit: { headers: written.headers } });
      const models = await client.callTool({ name: "list_models", arguments: {} });
      expect(models.isError).toBeFalsy();
      expect(upstream.requests.at(-1)?.authorization).toBe(`Bearer ${key}`);
      await client.close();
    } finally {
      await upstream.stop();
    }
  });

  it("the CLI never tried to reach the network: no connection to the proxy every request would have gone through", () => {
    expect(claude.escapes()).toBe(0);
  });
});
