// What the view reads: get_usage_report's structuredContent (its output schema) and the spenders' names
// and budgets the server adds in _meta for the view alone. Read defensively: a host may hand over anything.

import type { z } from "zod";
import type { dailyUsage, spender } from "../../../manifest/usage/daily-usage.js";
import { SPENDERS_META_KEY, type SpenderInfo } from "../usage-budgets.js";

type Spender = z.infer<typeof spender>;

/** get_usage_report's output schema (src/manifest/usage/get-usage-report.ts), field by field. */
export interface Report {
  total: Pick<Spender, "spend" | "requests" | "tokens">;
  days: z.infer<typeof dailyUsage>[];
  top: Spender[];
  top_truncated: boolean;
  complete: boolean;
}
export type Grouping = "team" | "user" | "key" | "model";
export type { SpenderInfo };

export const GROUPINGS: readonly Grouping[] = ["team", "user", "key", "model"];
export const NOUN: Record<Grouping, string> = { team: "Team", user: "User", key: "Key", model: "Model" };

export interface Args {
  start_date?: string;
  end_date?: string;
  group_by?: Grouping;
  [other: string]: unknown;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The report in a tool result, or a sentence saying why there is none. */
export function reportOf(result: Json): { report: Report; spenders: Record<string, SpenderInfo> } | { error: string } {
  const content = Array.isArray(result.content) ? result.content : [];
  const text = content.map((c) => (isObject(c) && typeof c.text === "string" ? c.text : "")).join(" ").trim();
  if (result.isError === true) return { error: text || "The tool call failed." };
  const report = result.structuredContent;
  if (!isObject(report) || !isObject(report.total) || !Array.isArray(report.days) || !Array.isArray(report.top)) {
    return { error: "The result holds no usage report this view can draw." };
  }
  const meta = isObject(result._meta) ? result._meta[SPENDERS_META_KEY] : undefined;
  return { report: report as unknown as Report, spenders: isObject(meta) ? (meta as Record<string, SpenderInfo>) : {} };
}

/** Every day from start to end (UTC, inclusive), so that days without spend show as such. */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  const last = Date.parse(`${end}T00:00:00Z`);
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= last && days.length < 366; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
