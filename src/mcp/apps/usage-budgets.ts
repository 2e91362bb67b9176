// What the usage view shows beside a spender's figures and the report itself does not carry: its name and
// its budget (max_budget over budget_duration), for teams and users. One read of LiteLLM's list route per
// report, only for a host that draws the view; keys and models have no such line. A read that fails costs
// the view its budget lines, never the report.

import type { CallOptions, LiteLLMClient } from "../../litellm/client.js";

/** The _meta key of a report's spenders as the view sees them (never in structuredContent, never for the model). */
export const SPENDERS_META_KEY = "io.github.litellm-mcp/spenders";

export interface SpenderInfo {
  alias: string | null;
  max_budget: number | null;
  budget_duration: string | null;
}

/** LiteLLM's largest page on both list routes. */
const PAGE = 100;

type Row = Record<string, unknown>;
const rows = (value: unknown, field: string): Row[] => {
  const list = typeof value === "object" && value !== null ? (value as Row)[field] : undefined;
  return Array.isArray(list) ? list.filter((r): r is Row => typeof r === "object" && r !== null) : [];
};
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
const amount = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

function infoOf(row: Row, alias: unknown): SpenderInfo {
  return { alias: text(alias), max_budget: amount(row.max_budget), budget_duration: text(row.budget_duration) };
}

/**
 * Names and budgets of the spenders a report ranks, by id: users by their ids in one /user/list call; teams
 * from /v2/team/list's first page (the hundred LiteLLM lists first), which has no filter by several ids.
 */
export async function spenderInfo(grouping: unknown, ids: readonly string[], client: LiteLLMClient, options: CallOptions): Promise<Record<string, SpenderInfo>> {
  const wanted = new Set(ids);
  const found: Record<string, SpenderInfo> = {};
  const get = (path: string, query: Record<string, string | number>) => client.call("get", path, { params: { query } }, { ...options, read: undefined, acceptFailure: undefined });
  if (grouping === "user" && ids.length > 0) {
    for (const row of rows(await get("/user/list", { user_ids: ids.join(","), page_size: PAGE }), "users")) {
      const id = text(row.user_id);
      if (id !== null && wanted.has(id)) found[id] = infoOf(row, row.user_alias ?? row.user_email);
    }
  }
  if (grouping === "team" && ids.length > 0) {
    for (const row of rows(await get("/v2/team/list", { page_size: PAGE }), "teams")) {
      const id = text(row.team_id);
      if (id !== null && wanted.has(id)) found[id] = infoOf(row, row.team_alias);
    }
  }
  return found;
}
