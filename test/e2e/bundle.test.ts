// The MCP Bundle `npm run bundle` makes, unpacked with @anthropic-ai/mcpb and launched the way Claude
// Desktop launches one: its manifest's command with ${__dirname} and the user's answers to user_config
// filled in. The user must be asked for the proxy's URL and its master key (as a secret), and what they
// answer must reach the server.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { VARIABLES, type Variable } from "../../src/config/variables.ts";
import { manifest as tools } from "../../src/manifest/index.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { REPO_ROOT, run } from "../support/project-copy.ts";

const TSX = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
const MCPB = join(REPO_ROOT, "node_modules/@anthropic-ai/mcpb/dist/cli/cli.js");
const MASTER = "sk-bundle-canary-master-16180339";
const pkg = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8")) as { name: string; version: string };

interface UserConfigEntry {
  type: string;
  title: string;
  description: string;
  required?: boolean;
  sensitive?: boolean;
  default?: unknown;
}

interface BundleManifest {
  name: string;
  version: string;
  server: { type: string; entry_point: string; mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  tools: { name: string }[];
  long_description: string;
  user_config: Record<string, UserConfigEntry>;
}

let dir: string;
let unpacked: string;
let bundleManifest: BundleManifest;
let upstream: FakeLiteLLM | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "litellm-mcp-bundle-"));
  // --no-build: the tests run against the build `pretest` made (a rebuild would replace dist/ under other tests).
  const built = await run(REPO_ROOT, process.execPath, [TSX, "scripts/bundle.ts", "--no-build", "--out", dir]);
  expect(built.code, built.stderr).toBe(0);
  const file = join(dir, `${pkg.name}-${pkg.version}.mcpb`);
  expect(built.stdout).toContain(file);
  unpacked = join(dir, "unpacked");
  const unpack = await run(REPO_ROOT, process.execPath, [MCPB, "unpack", file, unpacked]);
  expect(unpack.code, unpack.stderr).toBe(0);
  bundleManifest = JSON.parse(await readFile(join(unpacked, "manifest.json"), "utf8")) as BundleManifest;
});

afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
});

/** What Claude Desktop runs: ${__dirname} is where it unpacked the bundle, ${user_config.x} what the user answered. */
function asLaunched(answers: Record<string, string | boolean>) {
  const fill = (text: string) =>
    text.replace("${__dirname}", unpacked).replace(/\$\{user_config\.(\w+)\}/g, (_, name: string) => {
      const answer = answers[name] ?? bundleManifest.user_config[name]?.default;
      expect(answer, `an answer or a default for ${name}`).toBeDefined();
      return String(answer);
    });
  const { command, args, env } = bundleManifest.server.mcp_config;
  return { command: fill(command), args: args.map(fill), env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)])) };
}

async function launch(answers: Record<string, string | boolean>) {
  const { command, args, env } = asLaunched(answers);
  // Claude Desktop runs node from PATH (or its own); the environment is the manifest's, filled in.
  const transport = new StdioClientTransport({ command: command === "node" ? process.execPath : command, args, env, stderr: "pipe" });
  const client = new Client({ name: "bundle-host", version: "0.0.0" });
  await client.connect(transport);
  return client;
}

describe("the MCP Bundle", () => {
  it("is this package at this version, validates, lists the tools it serves as installed, and says how to get the rest", async () => {
    expect(bundleManifest).toMatchObject({ name: pkg.name, version: pkg.version, server: { type: "node", entry_point: "dist/index.cjs" } });
    expect(bundleManifest.tools.map((t) => t.name)).toEqual(tools.filter((t) => t.byDefault).map((t) => t.name));
    // Every other tool is named in the description, with the setting that turns it on.
    expect(bundleManifest.long_description).toMatch(/The Toolsets setting \(comma-separated\) turns on more: /);
    for (const tool of tools.filter((t) => !t.byDefault)) expect(bundleManifest.long_description).toMatch(new RegExp(`${tool.toolset} adds [\\w, ]*\\b${tool.name}\\b`));
    expect(bundleManifest.long_description).toContain(`"all" serves all ${tools.length}`);
    const validated = await run(REPO_ROOT, process.execPath, [MCPB, "validate", join(unpacked, "manifest.json")]);
    expect(validated.code, validated.stdout + validated.stderr).toBe(0);
  });

  it("asks for the LiteLLM URL and the master key, the key marked sensitive, and passes both to the server", () => {
    const { user_config: asked, server } = bundleManifest;
    expect(asked.litellm_host).toMatchObject({ type: "string", required: true });
    expect(asked.litellm_master_key).toMatchObject({ type: "string", required: true, sensitive: true });
    expect(server.mcp_config.env).toMatchObject({ LITELLM_HOST: "${user_config.litellm_host}", LITELLM_MASTER_KEY: "${user_config.litellm_master_key}" });
    // Only the key is a secret: the host shows the rest in plain text.
    expect(Object.entries(asked).filter(([, entry]) => entry.sensitive).map(([name]) => name)).toEqual(["litellm_master_key"]);
  });

  it("launched from the unpacked bundle as Claude Desktop does, serves the tools with what the user typed", async () => {
    upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
    const client = await launch({ litellm_host: upstream.url, litellm_master_key: MASTER });
    try {
      expect(client.getServerVersion()).toMatchObject({ name: "litellm-mcp", version: pkg.version });
      // Left at its default, the toolsets answer offers exactly the tools the manifest lists.
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(bundleManifest.tools.map((t) => t.name).sort());
      const models = await client.callTool({ name: "list_models", arguments: {} });
      expect(models.isError).toBeFalsy();
      expect(upstream.requests.map((r) => [r.path, r.authorization])).toEqual([["/models", `Bearer ${MASTER}`]]);
    } finally {
      await client.close();
    }
  });

  it("the read-only answer offers only the tools that change nothing", async () => {
    const client = await launch({ litellm_host: "http://127.0.0.1:4000", litellm_master_key: MASTER, read_only: true });
    try {
      const listed = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(listed).toEqual(tools.filter((t) => t.byDefault && t.annotations.readOnlyHint).map((t) => t.name).sort());
    } finally {
      await client.close();
    }
  });

  it("the toolsets answer turns toolsets on", async () => {
    const client = await launch({ litellm_host: "http://127.0.0.1:4000", litellm_master_key: MASTER, toolsets: "teams,budgets" });
    try {
      const listed = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(listed).toEqual(tools.filter((t) => t.toolset === "teams" || t.toolset === "budgets").map((t) => t.name).sort());
    } finally {
      await client.close();
    }
  });

  it("passes only variables the server reads, and offers each one's default as src/config/variables.ts states it", () => {
    const passed = Object.entries(bundleManifest.server.mcp_config.env);
    expect(passed.length).toBeGreaterThan(0);
    for (const [name, value] of passed) {
      const variable = (VARIABLES as Record<string, Variable>)[name];
      expect(variable, `${name} is not a variable of the server`).toBeDefined();
      const answer = bundleManifest.user_config[/^\$\{user_config\.(\w+)\}$/.exec(value)?.[1] ?? ""];
      expect(answer, `${name} is not filled from a user_config answer`).toBeDefined();
      if (answer!.default !== undefined) expect(answer!.default, name).toEqual(variable!.default);
    }
  });
});
