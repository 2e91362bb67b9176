// get_spend_logs: one bounded page of LiteLLM's per-request spend log for a date range, filtered by key,
// user, team or model. Prompts and replies are never included, only who spent what on which model.

import { z } from "zod";
import { getSpendLogsV2QueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";
import { keyHash } from "../../litellm/key-hash.js";
import { pageFields, pageOf } from "../paging.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = getSpendLogsV2QueryFields;

const PAGE_SIZE = 20;

// /spend/logs/v2 wants "YYYY-MM-DD HH:MM:SS" in UTC; a bare date means the whole day.
const date = z
  .string()
  .max(19)
  .regex(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2})?$/, 'Use "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (UTC).');

function at(value: string, endOfDay: boolean): string {
  return value.length === 10 ? `${value} ${endOfDay ? "23:59:59" : "00:00:00"}` : value.replace("T", " ");
}

const entry = z.object({
  request_id: z.string().nullable(),
  startTime: z.string().nullable(),
  model: z.string().nullable().describe("The model as callers name it (list_models)."),
  user: z.string().nullable(),
  team_id: z.string().nullable(),
  key_alias: z.string().nullable(),
  spend: z.number().nullable().describe("USD."),
  prompt_tokens: z.number().nullable(),
  completion_tokens: z.number().nullable(),
  status: z.string().nullable(),
  request_tags: z.array(z.string()).nullable(),
});

type Row = {
  model?: unknown;
  model_group?: unknown;
  metadata?: { user_api_key_alias?: unknown; status?: unknown } | null;
  status?: unknown;
  request_tags?: unknown;
};

function summarize(row: unknown): Record<keyof typeof entry.shape, unknown> {
  const r = (row ?? {}) as Row;
  const tags = r.request_tags;
  return {
    ...documentedFields(entry, row),
    // LiteLLM's `model` is the deployment's provider model ("openai/gpt-3.5-turbo"); model_group is the name called.
    model: r.model_group || r.model || null,
    key_alias: r.metadata?.user_api_key_alias ?? null,
    status: r.status ?? r.metadata?.status ?? null,
    request_tags: Array.isArray(tags) ? tags.filter((t) => typeof t === "string") : null,
  };
}

export const getSpendLogs = defineTool({
  name: "get_spend_logs",
  toolset: "usage",
  byDefault: true,
  title: "Read LiteLLM spend logs",
  description: `Per-request spend in a date range, newest first, ${PAGE_SIZE} a page; filter by key, user, team or model. No prompt or reply text.`,
  operation: { method: "get", path: "/spend/logs/v2" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    start_date: date.describe("From (UTC), e.g. 2026-11-01."),
    end_date: date.describe("To (UTC), inclusive."),
    key: z.string().min(1).max(TEXT_LIMITS.key).optional().describe("Virtual key (sk-...) or hashed token."),
    user_id: litellm.user_id.unwrap().max(TEXT_LIMITS.name).optional(),
    team_id: litellm.team_id.unwrap().max(TEXT_LIMITS.name).optional(),
    model: z.string().min(1).max(TEXT_LIMITS.model).optional().describe("Only calls to this model, as list_models names it."),
    page: litellm.page.describe("Page number, from 1."),
    page_size: litellm.page_size.unwrap().max(50).optional().describe(`At most 50; default ${PAGE_SIZE}.`),
  }),
  request: (args) => ({
    params: {
      query: {
        start_date: at(args.start_date, false),
        end_date: at(args.end_date, true),
        api_key: args.key === undefined ? undefined : keyHash(args.key),
        user_id: args.user_id,
        team_id: args.team_id,
        // `model` would filter by the provider's model behind it (e.g. "openai/gpt-4o"), which callers never see.
        model_group: args.model,
        page: args.page ?? 1,
        page_size: args.page_size ?? PAGE_SIZE,
      },
    },
  }),
  output: z.object({ logs: z.array(entry), total: z.number().nullable(), ...pageFields }),
  // LiteLLM declares a free-form object; it answers {data: [<LiteLLM_SpendLogs rows>], total, page, page_size, total_pages}.
  result: (data) => {
    const answer = data as { data?: unknown; total?: unknown; page?: unknown; total_pages?: unknown };
    return {
      logs: Array.isArray(answer.data) ? answer.data.map(summarize) : (answer.data ?? null),
      total: answer.total ?? null,
      ...pageOf(answer.page, answer.total_pages),
    };
  },
});
