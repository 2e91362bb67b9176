// The budgets toolset, and reset_key_spend: LiteLLM answers an update or delete of an unknown budget with
// 200 and null, having done nothing, so those tools say so instead of reporting success; a key only ever
// travels to LiteLLM's reset route as its hash.

import { createHash } from "node:crypto";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { HASHED_TOKEN, budgetRow } from "../support/litellm-management-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge({ LITELLM_MCP_TOOLSETS: "budgets,keys" });

const summary = { budget_id: "b-standard", max_budget: 25, budget_duration: "30d", budget_reset_at: "2027-01-01T00:00:00Z", tpm_limit: null, rpm_limit: 60 };

describe("create_budget", () => {
  it("POSTs /budget/new and shows the budget", async () => {
    nock(TEST_HOST, asMaster).post("/budget/new", { budget_id: "b-standard", max_budget: 25, budget_duration: "30d", rpm_limit: 60 }).reply(200, budgetRow());
    const result = await bridge().call("create_budget", { budget_id: "b-standard", max_budget: 25, budget_duration: "30d", rpm_limit: 60 });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual(summary);
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("refuses a duration LiteLLM would choke on", async () => {
    expect((await bridge().call("create_budget", { max_budget: 1, budget_duration: "monthly" })).isError).toBe(true);
  });
});

describe("get_budget", () => {
  it("POSTs /budget/info and names the ids LiteLLM silently skipped", async () => {
    nock(TEST_HOST, asMaster).post("/budget/info", { budgets: ["b-standard", "b-gone"] }).reply(200, [budgetRow()]);
    const result = await bridge().call("get_budget", { budget_ids: ["b-standard", "b-gone"] });
    expect(result.structuredContent).toEqual({ budgets: [summary], missing: ["b-gone"] });
  });
});

describe("list_budgets", () => {
  it("shows the first 50 and says more exist", async () => {
    nock(TEST_HOST, asMaster)
      .get("/budget/list")
      .reply(200, Array.from({ length: 60 }, (_, i) => budgetRow({ budget_id: `b-${i}` })));
    const result = await bridge().call("list_budgets", {});
    const out = result.structuredContent as { budgets: unknown[]; truncated: boolean };
    expect([out.budgets.length, out.truncated]).toEqual([50, true]);
  });
});

describe("update_budget", () => {
  it("POSTs /budget/update with only the fields given", async () => {
    nock(TEST_HOST, asMaster).post("/budget/update", { budget_id: "b-standard", max_budget: 30 }).reply(200, budgetRow({ max_budget: 30 }));
    const result = await bridge().call("update_budget", { budget_id: "b-standard", max_budget: 30 });
    expect(result.structuredContent).toEqual({ ...summary, max_budget: 30 });
  });

  it("an unknown budget, which LiteLLM answers with 200 and null, is an error that says nothing changed", async () => {
    nock(TEST_HOST).post("/budget/update").reply(200, "null", { "content-type": "application/json" });
    const result = await bridge().call("update_budget", { budget_id: "b-gone", max_budget: 30 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('LiteLLM has no budget "b-gone", so nothing changed. list_budgets shows the budgets there are.');
  });
});

describe("delete_budget", () => {
  it("POSTs /budget/delete with the id and shows the budget as it was", async () => {
    nock(TEST_HOST, asMaster).post("/budget/delete", { id: "b-standard" }).reply(200, budgetRow());
    const result = await bridge().call("delete_budget", { budget_id: "b-standard" });
    expect(result.structuredContent).toEqual({ deleted: summary });
  });

  it("an unknown budget is an error, not a success", async () => {
    nock(TEST_HOST).post("/budget/delete").reply(200, "null", { "content-type": "application/json" });
    expect(textOf(await bridge().call("delete_budget", { budget_id: "b-gone" }))).toMatch(/^LiteLLM has no budget "b-gone"/);
  });

  it("says that what used the budget is left without its limits", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "delete_budget")?.description).toMatch(/a key without its own max_budget becomes unlimited/);
  });
});

describe("reset_key_spend", () => {
  const key = "sk-live-virtual-0042";
  const hash = createHash("sha256").update(key).digest("hex");

  it("POSTs /key/{hash}/reset_spend: the secret never goes into the URL", async () => {
    nock(TEST_HOST, asMaster)
      .post(`/key/${hash}/reset_spend`, { reset_to: 0 })
      .reply(200, { key_hash: hash, spend: 0, previous_spend: 4.2, max_budget: 5, budget_reset_at: null });

    const result = await bridge().call("reset_key_spend", { key, reset_to: 0 });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ token: hash, spend: 0, previous_spend: 4.2, max_budget: 5, budget_reset_at: null });
  });

  it("passes a hashed token through and sends reset_to", async () => {
    nock(TEST_HOST).post(`/key/${HASHED_TOKEN}/reset_spend`, { reset_to: 1.5 }).reply(200, { key_hash: HASHED_TOKEN, spend: 1.5, previous_spend: 3, max_budget: null, budget_reset_at: null });
    expect((await bridge().call("reset_key_spend", { key: HASHED_TOKEN, reset_to: 1.5 })).isError).toBeFalsy();
  });

  it("passes on LiteLLM's refusal to raise spend", async () => {
    nock(TEST_HOST).post(`/key/${HASHED_TOKEN}/reset_spend`).reply(400, { detail: { error: "reset_to (5.0) must be <= current spend (0.0)" } });
    const result = await bridge().call("reset_key_spend", { key: HASHED_TOKEN, reset_to: 5 });
    expect(textOf(result)).toBe("LiteLLM rejected the request (HTTP 400). LiteLLM said: reset_to (5.0) must be <= current spend (0.0)");
  });
});
