// Turns LiteLLM's daily activity (one entry per day, each broken down by user, key, model group and more)
// into a bounded report: per-day totals and the top spenders of the chosen kind, per day and over the
// range. Teams are not a breakdown of their own on the user routes: they are summed from the keys, which
// carry their team_id, exactly as LiteLLM itself attributes a key's spend to its team.

import { z } from "zod";

export const GROUPINGS = ["user", "team", "key", "model"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** Spenders shown per day, and over the whole range. */
const PER_DAY = 10;
const OVERALL = 25;

/** What LiteLLM calls spend it cannot attribute (no user, no team). */
const UNASSIGNED = "Unassigned";

const usage = { spend: z.number(), requests: z.number(), tokens: z.number() };

export const spender = z.object({ id: z.string(), label: z.string().nullable().describe("Email or alias, when LiteLLM has one."), ...usage });

export const dailyUsage = z.object({
  date: z.string(),
  ...usage,
  top: z.array(spender.omit({ label: true })).describe(`Up to ${PER_DAY}, by spend.`),
});

type Usage = { spend: number; requests: number; tokens: number };
type Spender = Usage & { id: string; label: string | null };

interface Metrics {
  spend?: unknown;
  api_requests?: unknown;
  total_tokens?: unknown;
}
interface Entry {
  metrics?: Metrics | null;
  metadata?: Record<string, unknown> | null;
}
interface Day {
  date?: unknown;
  metrics?: Metrics | null;
  breakdown?: Record<string, Record<string, Entry> | undefined> | null;
}

const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

function usageOf(metrics: Metrics | null | undefined): Usage {
  return { spend: number(metrics?.spend), requests: number(metrics?.api_requests), tokens: number(metrics?.total_tokens) };
}

function addUsage(into: Usage, amount: Usage): void {
  into.spend += amount.spend;
  into.requests += amount.requests;
  into.tokens += amount.tokens;
}

function add(into: Map<string, Spender>, id: string, label: string | null, amount: Usage): void {
  const seen = into.get(id) ?? { id, label, spend: 0, requests: 0, tokens: 0 };
  seen.label ??= label;
  addUsage(seen, amount);
  into.set(id, seen);
}

/** One day's spenders of the chosen kind. */
function spendersOf(day: Day, grouping: Grouping): Map<string, Spender> {
  const breakdown = day.breakdown ?? {};
  const found = new Map<string, Spender>();
  const entries = (name: string) => Object.entries(breakdown[name] ?? {});
  switch (grouping) {
    case "user":
      for (const [id, e] of entries("entities")) add(found, id, text(e.metadata?.user_email) ?? text(e.metadata?.user_alias), usageOf(e.metrics));
      break;
    case "model":
      for (const [id, e] of entries("model_groups")) add(found, id, null, usageOf(e.metrics));
      break;
    case "key":
      for (const [id, e] of entries("api_keys")) add(found, id, text(e.metadata?.key_alias), usageOf(e.metrics));
      break;
    case "team":
      for (const [, e] of entries("api_keys")) add(found, text(e.metadata?.team_id) ?? UNASSIGNED, null, usageOf(e.metrics));
      break;
  }
  return found;
}

const bySpend = (a: Spender, b: Spender) => b.spend - a.spend || a.id.localeCompare(b.id);

export interface Report {
  total: Usage;
  days: z.infer<typeof dailyUsage>[];
  spenders: Spender[];
  spenders_truncated: boolean;
}

/** The report for LiteLLM's `results`; days come out in date order whatever order LiteLLM used. */
export function report(results: readonly unknown[], grouping: Grouping): Report {
  const overall = new Map<string, Spender>();
  const total: Usage = { spend: 0, requests: 0, tokens: 0 };
  const days = (results as Day[])
    .filter((day): day is Day => typeof day?.date === "string")
    .sort((a, b) => String(a.date).localeCompare(String(b.date)))
    .map((day) => {
      const amount = usageOf(day.metrics);
      addUsage(total, amount);
      const spenders = [...spendersOf(day, grouping).values()];
      for (const s of spenders) add(overall, s.id, s.label, s);
      const top = spenders.sort(bySpend).slice(0, PER_DAY).map(({ label: _label, ...rest }) => rest);
      return { date: String(day.date), ...amount, top };
    });
  const ranked = [...overall.values()].sort(bySpend);
  return { total, days, spenders: ranked.slice(0, OVERALL), spenders_truncated: ranked.length > OVERALL };
}
