// A usage report recorded from the real LiteLLM (1.108.7 on PostgreSQL, the database suite's kit) by
// test/db/usage-report-recording.test.ts with LITELLM_MCP_RECORD_USAGE=1: LiteLLM's own answers to the three
// reads get_usage_report makes for a host that draws its view. The stand-in serves them (npm run demo) and
// the browser test feeds them to the built server. test/fixtures/usage/README.md says how they were made.

import { readFileSync } from "node:fs";

const FOLDER = new URL("../fixtures/usage/", import.meta.url);

export interface UsageFixture {
  /** GET /user/daily/activity/aggregated, as LiteLLM answered it. */
  activity: { results: { date: string }[]; metadata: Record<string, unknown> };
  /** GET /v2/team/list?page_size=100: the recording's teams, each row cut to the fields the view reads. */
  teams: { teams: Record<string, unknown>[] };
  /** GET /user/list?user_ids=…: the recording's users, each row cut likewise. */
  users: { users: Record<string, unknown>[] };
  recorded: { litellm: string; date: string; start_date: string; end_date: string };
}

export const USAGE_FIXTURE_FILES = { activity: "daily-activity.json", teams: "team-list.json", users: "user-list.json", recorded: "recorded.json" } as const;

export function fixtureUrl(name: string): URL {
  return new URL(name, FOLDER);
}

export function usageFixture(): UsageFixture {
  const read = (name: string) => JSON.parse(readFileSync(fixtureUrl(name), "utf8"));
  return {
    activity: read(USAGE_FIXTURE_FILES.activity),
    teams: read(USAGE_FIXTURE_FILES.teams),
    users: read(USAGE_FIXTURE_FILES.users),
    recorded: read(USAGE_FIXTURE_FILES.recorded),
  };
}

/** The fields of a team or user row the view reads (names and budgets); the rest of LiteLLM's row is dropped. */
export const KEPT_FIELDS = ["team_id", "team_alias", "user_id", "user_alias", "user_email", "max_budget", "budget_duration", "spend"] as const;

export function keptFields(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(KEPT_FIELDS.filter((f) => f in row).map((f) => [f, row[f]]));
}

/**
 * The recorded daily activity moved so that its last day is `end`: the stand-in answers any range with the
 * recording's days, shifted into it, and with nothing outside it.
 */
export function activityFor(fixture: UsageFixture, start: string, end: string): UsageFixture["activity"] {
  const last = Date.parse(`${fixture.recorded.end_date}T00:00:00Z`);
  const shift = Date.parse(`${end}T00:00:00Z`) - last;
  const results = fixture.activity.results
    .map((day) => ({ ...day, date: new Date(Date.parse(`${day.date}T00:00:00Z`) + shift).toISOString().slice(0, 10) }))
    .filter((day) => day.date >= start && day.date <= end);
  return { ...fixture.activity, results };
}
