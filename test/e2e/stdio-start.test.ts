// The built bin answers a launch's opening by itself (src/mcp/stdio-opening.ts): with the bundled server taken
// out of dist/, a host still gets its answers to initialize (or server/discover) and tools/list, so nothing
// of the bundle, the SDK or a tool is loaded before them. What it lists is what the manifest builds: the
// listings the build embedded equal the ones made from the manifest here, for every selection and policy.

import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { toolListings } from "../../src/mcp/tool-catalog.ts";
import { listedTools } from "../../src/mcp/tool-listing.ts";
import { BUILT_SERVER, spawnServer } from "../support/spawn-server.ts";

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** The bin alone: dist/ without the bundled server and its cache. */
function binOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), "litellm-mcp-bin-only-"));
  copies.push(dir);
  cpSync(dirname(BUILT_SERVER), dir, { recursive: true });
  rmSync(join(dir, "server.cjs"));
  rmSync(join(dir, "server.cjs.v8cache"));
  return join(dir, "index.cjs");
}

const SETTINGS: [string, Record<string, string>][] = [
  ["the default toolsets", {}],
  ["every toolset", { LITELLM_MCP_TOOLSETS: "all" }],
  ["read-only, two toolsets, one tool disabled", { LITELLM_MCP_TOOLSETS: "keys,teams", LITELLM_MCP_READ_ONLY: "true", LITELLM_MCP_DISABLED_TOOLS: "list_keys" }],
  ["policy limits", { LITELLM_MCP_TOOLSETS: "all", LITELLM_MCP_ALLOWED_MODELS: "gpt-4o", LITELLM_MCP_MAX_BUDGET: "5", LITELLM_MCP_MAX_KEY_DURATION: "7d", LITELLM_MCP_DISABLED_TOOLS: "generate_key" }],
];

describe("the stdio start", () => {
  it("answers the opening and tools/list without the bundled server", async () => {
    const server = await spawnServer({ LITELLM_HOST: "http://127.0.0.1:9", LITELLM_MCP_TOOLSETS: "all" }, binOnly());
    try {
      expect(server.client.getServerVersion()).toMatchObject({ name: "litellm-mcp" });
      expect((await server.client.listTools()).tools.length).toBe(toolListings().length);
    } finally {
      await server.close();
    }
  });

  it.each(SETTINGS)("lists, with %s, what the manifest builds", async (_name, env) => {
    const settings = { LITELLM_HOST: "http://127.0.0.1:9", LITELLM_MASTER_KEY: "sk-start-0000000000", ...env };
    const server = await spawnServer(settings, BUILT_SERVER);
    try {
      const { tools } = await server.client.listTools();
      expect(tools).toEqual(listedTools(toolListings(), loadConfig(settings)));
    } finally {
      await server.close();
    }
  });
});
