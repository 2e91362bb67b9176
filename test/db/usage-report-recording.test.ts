// The usage view's data, from the real LiteLLM with its database: three teams (two with budgets), four people
// and their keys, a dozen completions on both mock models; then the usage report through the built server,
// by team and by key, must add up to what was spent. The answers LiteLLM gave to the reads behind it are
// what the stand-in and the browser test serve (test/fixtures/usage/): with LITELLM_MCP_RECORD_USAGE=1 this
// file writes them anew (run it alone, so no other file's spend lands in them); otherwise it checks that the
// committed recording still has the shape LiteLLM answers with.

import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LITELLM_VERSION } from "../../scripts/litellm-pin.ts";
import type { Report } from "../../src/mcp/apps/usage-view/report.ts";
import { leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { startCheckedServer, type CheckedServer } from "../support/checked-server.ts";
import { createUser, DB_MODELS, liteLLMAdmin } from "../support/db-proxy.ts";
import { fixtureUrl, keptFields, USAGE_FIXTURE_FILES, usageFixture } from "../support/usage-fixture.ts";

const proxy = inject("dbProxy");
const [ALPHA, BETA] = DB_MODELS;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const range = { start_date: day(-6), end_date: day(0) };


type Json = Record<string, any>;
const keys = (value: unknown) => Object.keys((value ?? {}) as Json).sort();

/** The fields of all of one level's objects (a deleted user's entry, say, has an empty metadata). */
const union = (objects: unknown[]) => [...new Set(objects.flatMap(keys))].sort();

/** The fields of an answer the report reads, level by level (breakdowns are keyed by ids, so by their entries). */
function activityShape(answer: Json) {
  const days: Json[] = answer.results ?? [];
  const entries = (kind: string): Json[] => days.flatMap((day) => Object.values((day.breakdown?.[kind] ?? {}) as Json));
  return {
    answer: keys(answer),
    metadata: keys(answer.metadata),
    day: union(days),
    breakdown: union(days.map((d) => d.breakdown)),
    ...Object.fromEntries(["api_keys", "entities", "model_groups"].map((kind) => [kind, [union(entries(kind)), union(entries(kind).map((e) => e.metrics)), union(entries(kind).map((e) => e.metadata))]])),
  };
}
const rowShape = (list: Json, field: string) => keys(list[field]?.[0]);

describe.skipIf(!proxy)("the usage report behind the view, on a real LiteLLM with its database", () => {
  const run = randomBytes(3).toString("hex");
  const teams = { research: { alias: "Research", budget: 0.003 }, support: { alias: "Support", budget: 0.0015 }, platform: { alias: "Platform", budget: undefined } };
  const teamId = (name: string) => `team-${name}-${run}`;
  const people = { ana: "research", bo: "research", cy: "support", dee: "platform", eli: undefined } as const;
  const userId = (name: string) => `${name}-${run}`;
  /** Completions per person: [model, how many]. */
  const calls: Record<keyof typeof people, [string, number][]> = {
    ana: [[BETA.name, 3], [ALPHA.name, 1]],
    bo: [[ALPHA.name, 2]],
    cy: [[ALPHA.name, 2], [BETA.name, 1]],
    dee: [[ALPHA.name, 1]],
    eli: [[BETA.name, 1]],
  };
  const perTeam = { [teamId("research")]: 6, [teamId("support")]: 3, [teamId("platform")]: 1 };
  let server: CheckedServer;

  beforeAll(async () => {
    server = await startCheckedServer({ LITELLM_HOST: proxy!.url, LITELLM_MASTER_KEY: proxy!.masterKey, LITELLM_MCP_TOOLSETS: "all" });
  });
  afterAll(async () => {
    if (!server) return;
    await server.close();
    capture("db-usage-recording", server.emitted());
    expect(leaksCanary(server.emitted())).toBe(false);
  });

  it("spends through real virtual keys, and the report by team and by key adds up to it", async () => {
    for (const [name, team] of Object.entries(teams)) {
      const created = await liteLLMAdmin(proxy!, "POST", "/team/new", { team_id: teamId(name), team_alias: team.alias });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
    }
    for (const [person, team] of Object.entries(people)) {
      await createUser(proxy!, userId(person), { user_email: `${person}@example.com` });
      const minted = await liteLLMAdmin(proxy!, "POST", "/key/generate", { user_id: userId(person), key_alias: `${person}-laptop-${run}`, duration: "1h", ...(team ? { team_id: teamId(team) } : {}) });
      expect(minted.status, JSON.stringify(minted.body)).toBe(200);
      const key = (minted.body as { key: string }).key;
      for (const [model, times] of calls[person as keyof typeof people]) {
        for (let i = 0; i < times; i++) {
          const answer = await fetch(`${proxy!.url}/chat/completions`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            body: JSON.stringify({ model, messages: [{ role: "user", content: `Hello number ${i}` }] }),
          });
          expect(answer.status, await answer.clone().text()).toBe(200);
          await answer.text();
        }
      }
    }

    // Budgets set once the spending is done: what a call costs depends on the prices other files give the mock
    // models, and a budget set first could refuse a call here.
    for (const [name, team] of Object.entries(teams)) {
      if (!team.budget) continue;
      const updated = await liteLLMAdmin(proxy!, "POST", "/team/update", { team_id: teamId(name), max_budget: team.budget, budget_duration: "30d" });
      expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    }
    const updated = await liteLLMAdmin(proxy!, "POST", "/user/update", { user_id: userId("ana"), max_budget: 0.002, budget_duration: "30d" });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);

    // LiteLLM writes daily activity in batches, seconds later.
    const deadline = Date.now() + 90_000;
    let byTeam: Report;
    for (;;) {
      byTeam = await server.answer<Report>("get_usage_report", { ...range, group_by: "team" });
      const seen = Object.fromEntries(byTeam.top.filter((s) => s.id in perTeam).map((s) => [s.id, s.requests]));
      if (Object.keys(perTeam).every((id) => seen[id] === perTeam[id])) break;
      if (Date.now() > deadline) throw new Error(`the completions did not reach the daily activity within 90 s: ${JSON.stringify(byTeam.top)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const byKey = await server.answer<Report>("get_usage_report", { ...range, group_by: "key" });
    for (const id of Object.keys(perTeam)) {
      const team = byTeam.top.find((s) => s.id === id)!;
      const name = id.split("-")[1]!;
      const keysOfTeam = byKey.top.filter((k) => Object.entries(people).some(([p, t]) => t === name && k.label === `${p}-laptop-${run}`));
      expect(team.spend).toBeGreaterThan(0);
      expect(team.spend).toBeCloseTo(keysOfTeam.reduce((sum, k) => sum + k.spend, 0), 12);
    }
    expect(byTeam.complete).toBe(true);
  });

  it("LiteLLM's answers behind the report: recorded anew on request, else the committed recording has their shape", async () => {
    const activity = await liteLLMAdmin(proxy!, "GET", `/user/daily/activity/aggregated?start_date=${range.start_date}&end_date=${range.end_date}&api_key_limit=1000`);
    const teamList = await liteLLMAdmin(proxy!, "GET", "/v2/team/list?page_size=100");
    const userList = await liteLLMAdmin(proxy!, "GET", `/user/list?user_ids=${Object.keys(people).map(userId).join(",")}&page_size=100`);
    for (const answer of [activity, teamList, userList]) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const ours = (rows: Record<string, unknown>[], field: string, ids: string[]) => rows.filter((r) => ids.includes(String(r[field]))).map(keptFields);
    const recording = {
      activity: activity.body,
      teams: { teams: ours((teamList.body as { teams: Record<string, unknown>[] }).teams, "team_id", Object.keys(perTeam)) },
      users: { users: ours((userList.body as { users: Record<string, unknown>[] }).users, "user_id", Object.keys(people).map(userId)) },
    };
    expect(recording.teams.teams).toHaveLength(3);
    expect(recording.users.users.find((u) => u.user_id === userId("ana"))).toMatchObject({ max_budget: 0.002 });

    if (process.env.LITELLM_MCP_RECORD_USAGE === "1") {
      const recorded = { litellm: LITELLM_VERSION, date: day(0), ...range };
      for (const [name, value] of Object.entries({ ...recording, recorded })) {
        writeFileSync(fixtureUrl(USAGE_FIXTURE_FILES[name as keyof typeof USAGE_FIXTURE_FILES]), `${JSON.stringify(value, null, 2)}\n`);
      }
      return;
    }
    const committed = usageFixture();
    expect(activityShape(committed.activity)).toEqual(activityShape(recording.activity as Json));
    expect(rowShape(committed.teams, "teams")).toEqual(rowShape(recording.teams, "teams"));
    expect(rowShape(committed.users, "users")).toEqual(rowShape(recording.users, "users"));
  });
});
