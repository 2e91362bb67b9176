// get_usage_report: LiteLLM's daily activity becomes per-day totals with the top spenders of the chosen kind,
// bounded in days and in rows; teams are summed from the keys' team_id; a key filter travels as its hash.

import { createHash } from "node:crypto";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { dailyActivity, type Spent } from "../support/litellm-management-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge({ LITELLM_MCP_TOOLSETS: "usage" });

const spent: Spent[] = [
  { date: "2026-11-30", key: "hash-ana", alias: "ana-laptop", user: "ana", email: "ana@example.com", team: "team-a", model: "mock-gpt", spend: 0.4, requests: 4, tokens: 400 },
  { date: "2026-11-30", key: "hash-bo", alias: "bo-ci", user: "bo", team: "team-a", model: "mock-claude", spend: 0.1, requests: 1, tokens: 100 },
  { date: "2026-12-01", key: "hash-ana", alias: "ana-laptop", user: "ana", email: "ana@example.com", team: "team-a", model: "mock-gpt", spend: 0.2, requests: 2, tokens: 200 },
  { date: "2026-12-01", key: "hash-cy", alias: "cy-batch", user: "cy", team: null, model: "mock-gpt", spend: 0.3, requests: 3, tokens: 300 },
];

const range = { start_date: "2026-11-30", end_date: "2026-12-01" };

async function reportBy(group_by: string, extra: Record<string, unknown> = {}, answer: object = dailyActivity(spent)) {
  nock(TEST_HOST, asMaster)
    .get("/user/daily/activity/aggregated")
    .query({ ...range, api_key_limit: 1000, ...extra })
    .reply(200, answer);
  const result = await bridge().call("get_usage_report", { ...range, group_by, ...extra });
  expect(result.isError, textOf(result)).toBeFalsy();
  expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  return result.structuredContent as Record<string, any>;
}

const near = (value: number) => expect.closeTo(value, 10);

describe("get_usage_report", () => {
  it("by user: days in order with each day's spenders, and the range's top spenders with their emails", async () => {
    const out = await reportBy("user");
    expect(out.total).toEqual({ spend: near(1.0), requests: 10, tokens: 1000 });
    expect(out.days.map((d: { date: string }) => d.date)).toEqual(["2026-11-30", "2026-12-01"]);
    expect(out.days[1]).toEqual({ date: "2026-12-01", spend: near(0.5), requests: 5, tokens: 500, top: [{ id: "cy", spend: near(0.3), requests: 3, tokens: 300 }, { id: "ana", spend: near(0.2), requests: 2, tokens: 200 }] });
    expect(out.top).toEqual([
      { id: "ana", label: "ana@example.com", spend: near(0.6), requests: 6, tokens: 600 },
      { id: "cy", label: null, spend: near(0.3), requests: 3, tokens: 300 },
      { id: "bo", label: null, spend: near(0.1), requests: 1, tokens: 100 },
    ]);
    expect([out.top_truncated, out.complete]).toEqual([false, true]);
  });

  it("by team: summed from the keys, with spend outside any team as LiteLLM's Unassigned", async () => {
    const out = await reportBy("team");
    expect(out.top.map((s: { id: string; spend: number }) => [s.id, Math.round(s.spend * 10) / 10])).toEqual([
      ["team-a", 0.7],
      ["Unassigned", 0.3],
    ]);
  });

  it("by key (labelled with aliases) and by model group", async () => {
    expect((await reportBy("key")).top.map((s: { id: string; label: string }) => [s.id, s.label])).toEqual([
      ["hash-ana", "ana-laptop"],
      ["hash-cy", "cy-batch"],
      ["hash-bo", "bo-ci"],
    ]);
    expect((await reportBy("model")).top.map((s: { id: string }) => s.id)).toEqual(["mock-gpt", "mock-claude"]);
  });

  it("filters by user and by key, sending the key's hash, never the key", async () => {
    const key = "sk-live-virtual-0042";
    const hash = createHash("sha256").update(key).digest("hex");
    nock(TEST_HOST)
      .get("/user/daily/activity/aggregated")
      .query({ ...range, api_key_limit: 1000, user_id: "ana", api_key: hash })
      .reply(200, dailyActivity(spent.slice(0, 1)));
    const result = await bridge().call("get_usage_report", { ...range, group_by: "model", user_id: "ana", key });
    expect(result.isError, textOf(result)).toBeFalsy();
  });

  it("says key and team figures are partial when more keys spent than LiteLLM breaks down", async () => {
    expect((await reportBy("team", {}, dailyActivity(spent, 1500))).complete).toBe(false);
    expect((await reportBy("user", {}, dailyActivity(spent, 1500))).complete).toBe(true);
  });

  it("bounds the spenders shown per day and over the range", async () => {
    const many: Spent[] = Array.from({ length: 30 }, (_, i) => ({ date: "2026-12-01", key: `k-${i}`, alias: `a-${i}`, user: `user-${String(i).padStart(2, "0")}`, team: null, model: "mock-gpt", spend: 1 + i, requests: 1, tokens: 10 }));
    const out = await reportBy("user", {}, dailyActivity(many));
    expect([out.days[0].top.length, out.top.length, out.top_truncated]).toEqual([10, 25, true]);
    expect(out.top[0].id).toBe("user-29");
  });

  it.each([
    [{ start_date: "2026-11-01", end_date: "2026-12-02" }, /At most 31 days/],
    [{ start_date: "2026-12-02", end_date: "2026-12-01" }, /end_date must not be before start_date/],
    [{ start_date: "2026-02-30", end_date: "2026-03-01" }, /Not a calendar date/],
    [{ start_date: "2026/12/01", end_date: "2026-12-01" }, /YYYY-MM-DD/],
  ])("refuses %j before asking LiteLLM", async (dates, message) => {
    const result = await bridge().call("get_usage_report", { ...dates, group_by: "user" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
  });

  it("an answer without its results list is an error naming the route", async () => {
    nock(TEST_HOST).get("/user/daily/activity/aggregated").query(true).reply(200, { metadata: {} });
    const result = await bridge().call("get_usage_report", { ...range, group_by: "user" });
    expect(textOf(result)).toMatch(/^LiteLLM's answer to GET \/user\/daily\/activity\/aggregated does not have the shape get_usage_report documents/);
  });
});
