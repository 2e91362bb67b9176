// get_usage_report: who spent what, per day, over a bounded date range, from LiteLLM's daily activity
// tables (the ones its UI's usage page reads), grouped by user, team, key or model.

import { z } from "zod";
import { getUserDailyActivityAggregatedQueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { keyHash } from "../../litellm/key-hash.js";
import { GROUPINGS, dailyUsage, report, spender } from "./daily-usage.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = getUserDailyActivityAggregatedQueryFields;

const MAX_DAYS = 31;
/** The most keys LiteLLM breaks a range down by; beyond it, key and team figures are partial. */
const KEY_LIMIT = 1000;

const DAY_MS = 86_400_000;
const date = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use "YYYY-MM-DD" (UTC).')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: "Not a calendar date." });

export const getUsageReport = defineTool({
  name: "get_usage_report",
  toolset: "usage",
  byDefault: false,
  title: "Report LiteLLM usage per day",
  description: `Spend (USD), requests and tokens per day for up to ${MAX_DAYS} days, with the top spenders by user, team, key or model each day and overall.`,
  operation: { method: "get", path: "/user/daily/activity/aggregated" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z
    .strictObject({
      start_date: date.describe("First day (UTC), e.g. 2026-11-01."),
      end_date: date.describe(`Last day (UTC), inclusive; at most ${MAX_DAYS} days after start.`),
      group_by: z.enum(GROUPINGS).describe("Rank spenders by user, team, key or model."),
      user_id: litellm.user_id.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe("Only this user's spend."),
      key: z.string().min(1).max(TEXT_LIMITS.key).optional().describe("Only this virtual key's spend (sk-... or hashed token)."),
    })
    .refine((a) => a.end_date >= a.start_date, { message: "end_date must not be before start_date.", path: ["end_date"] })
    .refine((a) => (Date.parse(a.end_date) - Date.parse(a.start_date)) / DAY_MS < MAX_DAYS, {
      message: `At most ${MAX_DAYS} days at a time; ask for the range in parts.`,
      path: ["end_date"],
    }),
  request: (args) => ({
    params: {
      query: {
        start_date: args.start_date,
        end_date: args.end_date,
        user_id: args.user_id,
        api_key: args.key === undefined ? undefined : keyHash(args.key),
        api_key_limit: KEY_LIMIT,
      },
    },
  }),
  output: z.object({
    total: spender.pick({ spend: true, requests: true, tokens: true }),
    days: z.array(dailyUsage).describe("Days with activity, in order."),
    top: z.array(spender).describe("Top spenders over the range, by spend."),
    top_truncated: z.boolean(),
    complete: z.boolean().describe("false: more keys spent than LiteLLM breaks down, so key and team figures miss the smallest."),
  }),
  // Typed by the spec: SpendAnalyticsPaginatedResponse (single page for the aggregated route). An answer
  // without its results list maps to nulls, which the output check turns into an error.
  result: (data, args) => {
    const summary = Array.isArray(data.results) ? report(data.results, args.group_by) : undefined;
    const keys = data.metadata?.total_api_keys;
    return {
      total: summary?.total ?? null,
      days: summary?.days ?? null,
      top: summary?.spenders ?? null,
      top_truncated: summary?.spenders_truncated ?? null,
      complete: (args.group_by !== "key" && args.group_by !== "team") || typeof keys !== "number" || keys <= KEY_LIMIT,
    };
  },
});
