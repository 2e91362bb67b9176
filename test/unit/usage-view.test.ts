// The usage view as MCP Apps hosts see it, at both revisions: a client that declares io.modelcontextprotocol/ui
// finds get_usage_report linked to a ui:// view it can read, and gets the spenders' names and budgets in the
// result's _meta; a client that does not sees today's server, byte for byte in what its calls return, and
// LiteLLM is asked nothing more for it.

import nock from "nock";
import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { builtUsageViewUrl, USAGE_VIEW_FILE } from "../../src/mcp/apps/usage-view-html.ts";
import { USAGE_VIEW_URI } from "../../src/mcp/apps/views.ts";
import { SPENDERS_META_KEY } from "../../src/mcp/apps/usage-budgets.ts";
import { UI_EXTENSION, UI_MIME_TYPE } from "../../src/mcp/apps/ui-extension.ts";
import { ensureUsageViewBuilt } from "../support/built-view.ts";
import { leaksCanary } from "../support/canary.ts";
import { CANARY_MASTER_KEY, connect, TEST_HOST, textOf } from "../support/connect.ts";
import { dailyActivity, type Spent } from "../support/litellm-management-answers.ts";
import { asMaster, useNockChecks } from "../support/nock-bridge.ts";
import { REVISIONS, type Revision } from "../support/revisions.ts";

const DRAWS = { extensions: { [UI_EXTENSION]: { mimeTypes: [UI_MIME_TYPE] } } };
const USAGE = { LITELLM_MCP_TOOLSETS: "usage" };

const spent: Spent[] = [
  { date: "2026-11-30", key: "hash-ana", alias: "ana-laptop", user: "ana", team: "team-a", model: "mock-gpt", spend: 0.4, requests: 4, tokens: 400 },
  { date: "2026-12-01", key: "hash-cy", alias: "cy-batch", user: "cy", team: "team-b", model: "mock-gpt", spend: 0.3, requests: 3, tokens: 300 },
];
const args = { start_date: "2026-11-30", end_date: "2026-12-01", group_by: "team" };

function activity() {
  nock(TEST_HOST, asMaster).get("/user/daily/activity/aggregated").query({ start_date: args.start_date, end_date: args.end_date, api_key_limit: 1000 }).reply(200, dailyActivity(spent));
}

useNockChecks();
beforeAll(ensureUsageViewBuilt);

describe("the view a run from source serves", () => {
  // The file \`npm run build\` writes, in the checkout's dist/: a path resolved one folder short read a copy
  // under src/ that a test had built once and nothing rebuilt, so sources ran with a stale view.
  it("is the checkout's dist/usage-view.html, the one the build writes", () => {
    expect(fileURLToPath(builtUsageViewUrl())).toBe(fileURLToPath(new URL(`../../${USAGE_VIEW_FILE}`, import.meta.url)));
  });
});

describe.each(REVISIONS)("the usage view at %s", (revision: Revision) => {
  it("a client that declares the extension: the tool links the view, which it can list and read", async () => {
    const bridge = await connect(USAGE, {}, { revision, capabilities: DRAWS });
    const listing = await bridge.client.listTools();
    const { tools } = listing;
    // The list now depends on what this client declared: no shared cache may hand it to another (2026-07-28).
    if (revision === "2026-07-28") expect(listing).toMatchObject({ cacheScope: "private" });
    else expect(listing).not.toHaveProperty("cacheScope");
    expect(tools.find((t) => t.name === "get_usage_report")?._meta).toEqual({ ui: { resourceUri: USAGE_VIEW_URI }, "ui/resourceUri": USAGE_VIEW_URI });
    expect(tools.filter((t) => t._meta !== undefined).map((t) => t.name)).toEqual(["get_usage_report"]);
    expect((await bridge.client.listResources()).resources).toEqual([expect.objectContaining({ uri: USAGE_VIEW_URI, mimeType: UI_MIME_TYPE })]);
    const read = await bridge.client.readResource({ uri: USAGE_VIEW_URI });
    expect(read.contents).toEqual([expect.objectContaining({ uri: USAGE_VIEW_URI, mimeType: UI_MIME_TYPE, _meta: { ui: { csp: {}, prefersBorder: true } } })]);
    expect((read.contents[0] as { text: string }).text).toMatch(/^<!doctype html>.*Content-Security-Policy.*default-src 'none'/);
    expect(bridge.client.getServerCapabilities()?.extensions).toEqual({ [UI_EXTENSION]: {} });
    await bridge.close();
  });

  it("its results carry the teams' names and budgets in _meta, and the same structuredContent as without", async () => {
    const plain = await connect(USAGE, {}, { revision });
    activity();
    const without = await plain.call("get_usage_report", args);
    await plain.close();
    expect(without._meta?.[SPENDERS_META_KEY]).toBeUndefined();

    const drawing = await connect(USAGE, {}, { revision, capabilities: DRAWS });
    activity();
    nock(TEST_HOST, asMaster)
      .get("/v2/team/list")
      .query({ page_size: 100 })
      .reply(200, { teams: [{ team_id: "team-a", team_alias: "Alpha", max_budget: 5, budget_duration: "30d" }, { team_id: "team-z", team_alias: "Zed", max_budget: 1 }], total: 2 });
    const withView = await drawing.call("get_usage_report", args);
    await drawing.close();
    expect(withView.structuredContent).toEqual(without.structuredContent);
    expect(textOf(withView)).toBe(textOf(without));
    // team-b has no row on that page: no budget line, no name; team-z spent nothing here: not sent.
    expect(withView._meta?.[SPENDERS_META_KEY]).toEqual({ "team-a": { alias: "Alpha", max_budget: 5, budget_duration: "30d" } });
  });

  it("by user: one /user/list call for the ids the report ranks", async () => {
    const drawing = await connect(USAGE, {}, { revision, capabilities: DRAWS });
    activity();
    nock(TEST_HOST, asMaster)
      .get("/user/list")
      .query({ user_ids: "ana,cy", page_size: 100 })
      .reply(200, { users: [{ user_id: "ana", user_email: "ana@example.com", max_budget: 2, budget_duration: null }], total: 1 });
    const result = await drawing.call("get_usage_report", { ...args, group_by: "user" });
    await drawing.close();
    expect(result._meta?.[SPENDERS_META_KEY]).toEqual({ ana: { alias: "ana@example.com", max_budget: 2, budget_duration: null } });
  });

  it("what the view is sent is redacted like the result: a key LiteLLM echoes in a name never reaches it", async () => {
    const drawing = await connect(USAGE, {}, { revision, capabilities: DRAWS });
    activity();
    nock(TEST_HOST, asMaster)
      .get("/v2/team/list")
      .query(true)
      .reply(200, { teams: [{ team_id: "team-a", team_alias: `Alpha ${CANARY_MASTER_KEY}`, max_budget: 5, budget_duration: "30d" }] });
    const result = await drawing.call("get_usage_report", args);
    await drawing.close();
    const sent = JSON.stringify(result._meta);
    expect(sent).toContain("Alpha");
    expect(leaksCanary(sent)).toBe(false);
  });

  it("a failed budget read costs the view its budget lines, never the report", async () => {
    const drawing = await connect(USAGE, {}, { revision, capabilities: DRAWS });
    activity();
    nock(TEST_HOST, asMaster).get("/v2/team/list").query(true).reply(500, { error: { message: "boom" } });
    const result = await drawing.call("get_usage_report", args);
    await drawing.close();
    expect(result.isError).toBeFalsy();
    expect(result._meta?.[SPENDERS_META_KEY]).toBeUndefined();
    expect((result.structuredContent as { total: { requests: number } }).total.requests).toBe(7);
  });

  it("a client that does not declare it (or declares another profile) sees no link, no view and no resources", async () => {
    for (const capabilities of [undefined, { extensions: { [UI_EXTENSION]: { mimeTypes: ["text/uri-list"] } } }]) {
      const bridge = await connect(USAGE, {}, { revision, ...(capabilities ? { capabilities } : {}) });
      const listing = await bridge.client.listTools();
      expect(listing.tools.filter((t) => t._meta !== undefined)).toEqual([]);
      if (revision === "2026-07-28") expect(listing).toMatchObject({ cacheScope: "public" });
      expect((await bridge.client.listResources()).resources).toEqual([]);
      await bridge.close();
    }
  });

  it("a server whose tools have no view declares neither resources nor the extension", async () => {
    const bridge = await connect({}, {}, { revision, capabilities: DRAWS });
    const declared = bridge.client.getServerCapabilities();
    expect(declared?.resources).toBeUndefined();
    expect(declared?.extensions).toBeUndefined();
    expect((await bridge.client.listTools()).tools.filter((t) => t._meta !== undefined)).toEqual([]);
    await bridge.close();
  });
});
