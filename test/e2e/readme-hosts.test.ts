// The host configuration snippets in README.md, read from the README itself and launched exactly as each
// host would launch them, through an MCP initialize and tools/list. What they launch is the package as
// shipped: `npm pack` of this checkout installed into an empty prefix (standing in for `npm install -g .`
// and for the registry download of `npx -y <package>`), never the work tree. If a snippet rots (wrong
// command, wrong shape, a package name that is not ours) or the package stops working once packed and
// installed (`files`, `bin`, the code cache), this fails.

import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";
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

/** What a host starts for one snippet: the command, its arguments and the environment it sets. */
interface HostLaunch {
  where: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

type JsonServer = { type?: string; command: string; args?: string[]; env: Record<string, string> };

/** Every stdio server the README tells a host to start: JSON configs and `claude mcp add ... --` lines. */
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
    if (block.lang === "bash") {
      for (const line of block.text.split("\n").filter((l) => l.startsWith("claude mcp add"))) {
        const add = parseClaudeMcpAdd(shellWords(line, {}));
        if (add.transport !== "stdio") continue;
        expect(add.name).toBe("litellm");
        expect(add.rest[0], "the command follows --").toBe("--");
        const [command, ...args] = add.rest.slice(1);
        launches.push({ where: `${block.heading}: claude mcp add ... -- ${add.rest.slice(1).join(" ")}`, command: command!, args, env: add.env });
      }
    }
  }
  return launches;
}

let packed: PackedInstall;
beforeAll(async () => {
  packed = await packAndInstall();
});
afterAll(() => packed?.remove());

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

  it("names only this package, and keeps the bin the snippets call", () => {
    expect(Object.keys(pkg.bin)).toEqual(["litellm-mcp"]);
    // npx -y runs whatever the registry holds under a name: only this package's own name may follow it.
    const fetched = [...README.matchAll(/npx -y ([@\w./-]+)/g)].map((m) => m[1]);
    expect(fetched.length).toBeGreaterThan(0);
    expect(new Set(fetched)).toEqual(new Set([pkg.name]));
    // The bare command name is another project's package on the registry: never `npx litellm-mcp`.
    expect(README).not.toMatch(/npx (-\S+ )*litellm-mcp\b/);
  });

  it("finds every kind of host snippet: global command, node + path, VS Code, Claude Code, and npx after a release", () => {
    const commands = launches.map((l) => `${l.command} ${l.args.join(" ")}`.trim());
    expect(commands).toEqual(expect.arrayContaining([BIN, `node ${CLONE_PLACEHOLDER}/dist/index.cjs`, `npx -y ${pkg.name}`]));
    expect(launches.filter((l) => l.command === BIN).length).toBeGreaterThanOrEqual(3);
    for (const launch of launches) expect(Object.keys(launch.env).sort(), launch.where).toEqual(["LITELLM_HOST", "LITELLM_MASTER_KEY"]);
  });

  it.each(launches.map((launch) => [launch.where, launch] as const))("%s answers initialize and tools/list", async (_, launch) => {
    const { info, names } = await initializeAndList(launch);
    expect(info?.name).toBe("litellm-mcp");
    expect(names.sort()).toEqual([...DEFAULT_TOOLS].sort());
  });

  it("Streamable HTTP: the claude mcp add --transport http line reaches a token-protected --http server", async () => {
    const token = "readme-http-token-0123456789abcdef";
    const line = fencedBlocks()
      .filter((b) => b.heading === "Streamable HTTP" && b.lang === "bash")
      .flatMap((block) => block.text.split("\n"))
      .find((l) => l.startsWith("claude mcp add"));
    const add = parseClaudeMcpAdd(shellWords(line!, { LITELLM_MCP_HTTP_TOKEN: token }));
    expect(add).toMatchObject({ transport: "http", name: "litellm", headers: [`Authorization: Bearer ${token}`] });
    const url = new URL(add.rest[0]!);
    expect(add.rest).toHaveLength(1);

    const server = await startHttpInstance(["--host", "0.0.0.0"], { LITELLM_MCP_HTTP_TOKEN: token }, `${packed.binDir}/${BIN}`);
    running.push(server);
    // Same path and header as the snippet; the host is this machine instead of the example's name.
    const local = new URL(url.pathname, `http://127.0.0.1:${server.url.port}`);
    const [name, value] = add.headers[0]!.split(/:\s*/);
    const client = await connectHttp(local, { requestInit: { headers: { [name!]: value! } } });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([...DEFAULT_TOOLS].sort());
    await client.close();
  });

  it("Caller mode: the server line and the claude mcp add line work together, each call under the caller's key", async () => {
    const lines = fencedBlocks()
      .filter((b) => b.heading.startsWith("Caller mode") && b.lang === "bash")
      .flatMap((block) => block.text.split("\n"));
    // `VAR=value ... litellm-mcp --http --host ADDR --port N`
    const words = shellWords(lines.find((l) => l.includes(" --http"))!, {});
    const at = words.indexOf(BIN!);
    const env = Object.fromEntries(words.slice(0, at).map((w) => [w.split("=")[0]!, w.slice(w.indexOf("=") + 1)]));
    expect(Object.keys(env).sort()).toEqual(["LITELLM_HOST", "LITELLM_MCP_AUTH"]);
    // The port becomes a free one; everything else is the README's.
    const args = words.slice(at + 1).filter((w, i, all) => w !== "--http" && w !== "--port" && all[i - 1] !== "--port");
    const add = parseClaudeMcpAdd(shellWords(lines.find((l) => l.startsWith("claude mcp add"))!, {}));
    expect(add).toMatchObject({ transport: "http", name: "litellm" });
    const [name, value] = add.headers[0]!.split(/:\s*/);
    const key = value!.replace(/^Bearer /, "");

    const upstream = await new FakeLiteLLM({ masterKey: "sk-readme-unused-master-1" }).start();
    try {
      upstream.state.mint(key, {});
      const server = await startHttpInstance(args, { ...env, LITELLM_HOST: upstream.url }, `${packed.binDir}/${BIN}`);
      running.push(server);
      const client = await connectHttp(new URL(new URL(add.rest[0]!).pathname, `http://127.0.0.1:${server.url.port}`), { requestInit: { headers: { [name!]: value! } } });
      const models = await client.callTool({ name: "list_models", arguments: {} });
      expect(models.isError).toBeFalsy();
      expect(upstream.requests.at(-1)?.authorization).toBe(`Bearer ${key}`);
      await client.close();
    } finally {
      await upstream.stop();
    }
  });
});
