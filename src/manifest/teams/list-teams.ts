// list_teams: one page of LiteLLM teams, optionally a user's or those whose alias contains a text.

import { z } from "zod";
import { getV2TeamListQueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { pageFields, pageOf } from "../paging.js";
import { summarizeTeam, teamSummary } from "./team-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = getV2TeamListQueryFields;

const PAGE_SIZE = 20;

export const listTeams = defineTool({
  name: "list_teams",
  toolset: "teams",
  byDefault: false,
  title: "List LiteLLM teams",
  description: `List teams with budget, spend and member count, ${PAGE_SIZE} a page; optionally a user's teams, or those whose alias contains a text.`,
  operation: { method: "get", path: "/v2/team/list" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    user_id: litellm.user_id.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe("Only teams this user belongs to."),
    team_alias: litellm.team_alias.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe("Text the alias contains."),
    page: litellm.page.describe("Page number, from 1."),
    page_size: litellm.page_size.unwrap().max(50).optional().describe(`At most 50; default ${PAGE_SIZE}.`),
  }),
  request: (args) => ({
    params: { query: { user_id: args.user_id, team_alias: args.team_alias, page: args.page ?? 1, page_size: args.page_size ?? PAGE_SIZE } },
  }),
  output: z.object({
    teams: z.array(teamSummary.extend({ keys_count: z.number().nullable() })),
    total: z.number().nullable(),
    ...pageFields,
  }),
  // Typed by the spec: TeamListResponse, whose rows count members and keys themselves.
  result: (data) => ({
    teams: Array.isArray(data.teams) ? data.teams.map((row) => ({ ...summarizeTeam(row), keys_count: (row as { keys_count?: unknown } | null)?.keys_count ?? null })) : (data.teams ?? null),
    total: data.total ?? null,
    ...pageOf(data.page, data.total_pages),
  }),
});
