// Toolsets: without configuration the server offers the sixteen tools it always has; LITELLM_MCP_TOOLSETS
// turns named sets on ("all" for every one), an unknown name stops the server at start as an unknown tool
// name does, and LITELLM_MCP_TOOLS, LITELLM_MCP_DISABLED_TOOLS and LITELLM_MCP_READ_ONLY narrow the result.

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { ConfigError } from "../../src/errors.ts";
import { manifest } from "../../src/manifest/index.ts";
import { createServer } from "../../src/mcp/server.ts";
import { TOOLSETS, enabledTools, toolsetNames } from "../../src/policy/toolsets.ts";
import { listedTools } from "../support/connect.ts";

/** The tools the default selection has served since before toolsets existed. */
const SIXTEEN = [
  "block_key",
  "check_health",
  "check_model_health",
  "delete_key",
  "generate_key",
  "get_key_info",
  "get_model_info",
  "get_spend_logs",
  "get_team_info",
  "get_user_info",
  "list_keys",
  "list_models",
  "proxy_completion",
  "regenerate_key",
  "unblock_key",
  "update_key",
];

const served = (env: Record<string, string>) => enabledTools(manifest, loadConfig(env).policy).map((t) => t.name).sort();
const inSet = (set: string) => manifest.filter((t) => t.toolset === set).map((t) => t.name).sort();

describe("toolsets", () => {
  it("serve the sixteen tools by default, over tools/list", async () => {
    expect(await listedTools({})).toEqual(SIXTEEN);
    expect(served({ LITELLM_MCP_TOOLSETS: "default" })).toEqual(SIXTEEN);
  });

  it("every toolset has tools, and every tool names a toolset", () => {
    for (const set of Object.keys(TOOLSETS)) expect(inSet(set), set).not.toEqual([]);
    expect(manifest.filter((t) => !(t.toolset in TOOLSETS))).toEqual([]);
  });

  it("each tool's file sits in the folder of the toolset its entry names", () => {
    const folder = new URL("../../src/manifest/", import.meta.url);
    const found = new Map<string, string>();
    for (const set of Object.keys(TOOLSETS)) {
      for (const file of readdirSync(new URL(`${set}/`, folder))) {
        for (const [, name] of readFileSync(new URL(`${set}/${file}`, folder), "utf8").matchAll(/^ {2}name: "([a-z_]+)",$/gm)) found.set(name!, set);
      }
    }
    expect(manifest.map((t) => [t.name, found.get(t.name)])).toEqual(manifest.map((t) => [t.name, t.toolset]));
  });

  it('"all" serves the whole manifest over tools/list', async () => {
    expect(await listedTools({ LITELLM_MCP_TOOLSETS: "all" })).toEqual(manifest.map((t) => t.name).sort());
  });

  it("one named toolset serves exactly its tools, default or not", () => {
    expect(served({ LITELLM_MCP_TOOLSETS: "teams" })).toEqual(inSet("teams"));
    expect(inSet("teams")).toContain("get_team_info");
  });

  it("selections combine: default plus a toolset", () => {
    expect(served({ LITELLM_MCP_TOOLSETS: "default,budgets" })).toEqual([...SIXTEEN, ...inSet("budgets")].sort());
  });

  it("an unknown toolset stops the server at start, listing the names that exist", () => {
    const build = () => createServer(loadConfig({ LITELLM_MCP_TOOLSETS: "keys,tems" }));
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(`LITELLM_MCP_TOOLSETS names "tems", which is not a toolset of this server (toolsets: ${toolsetNames().join(", ")}).`);
  });

  it("LITELLM_MCP_TOOLSETS is validated like the other name lists", () => {
    expect(() => loadConfig({ LITELLM_MCP_TOOLSETS: "keys,,teams" })).toThrow(/LITELLM_MCP_TOOLSETS must be a comma-separated list/);
  });

  it("LITELLM_MCP_TOOLS alone picks from every toolset", () => {
    expect(served({ LITELLM_MCP_TOOLS: "create_team,list_models" })).toEqual(["create_team", "list_models"]);
  });

  it("LITELLM_MCP_TOOLS narrows the chosen toolsets, and naming a tool they leave out is refused", () => {
    expect(served({ LITELLM_MCP_TOOLSETS: "teams", LITELLM_MCP_TOOLS: "create_team" })).toEqual(["create_team"]);
    expect(() => served({ LITELLM_MCP_TOOLSETS: "keys", LITELLM_MCP_TOOLS: "generate_key,create_team,delete_user" })).toThrow(
      'LITELLM_MCP_TOOLS names "delete_user", "create_team", from the toolsets "users", "teams", which LITELLM_MCP_TOOLSETS (keys) does not turn on. Add them to LITELLM_MCP_TOOLSETS, or leave the tool out.',
    );
  });

  it("LITELLM_MCP_DISABLED_TOOLS and LITELLM_MCP_READ_ONLY apply on top", () => {
    expect(served({ LITELLM_MCP_TOOLSETS: "teams", LITELLM_MCP_DISABLED_TOOLS: "delete_team" })).toEqual(inSet("teams").filter((n) => n !== "delete_team"));
    const readOnly = served({ LITELLM_MCP_TOOLSETS: "all", LITELLM_MCP_READ_ONLY: "true" });
    expect(readOnly).toEqual(manifest.filter((t) => t.annotations.readOnlyHint).map((t) => t.name).sort());
    expect(readOnly).toEqual(expect.arrayContaining(["list_teams", "list_users", "get_usage_report"]));
  });

  it("a selection that leaves nothing is refused, naming every variable involved", () => {
    expect(() => served({ LITELLM_MCP_TOOLSETS: "completions", LITELLM_MCP_READ_ONLY: "true" })).toThrow(
      "LITELLM_MCP_TOOLSETS, LITELLM_MCP_TOOLS, LITELLM_MCP_DISABLED_TOOLS and LITELLM_MCP_READ_ONLY together leave no tool enabled.",
    );
  });
});
