// get_team_info: a LiteLLM team's budget, spend, models and members, with the first of its keys.

import { z } from "zod";
import { getTeamInfoQueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";
import { keySummary, summarizeKey } from "../key-summary.js";
import { firstItems } from "../paging.js";
import { required } from "../required.js";
import { teamMember } from "./team-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const SHOWN = 20;

const team = z.object({
  team_alias: z.string().nullable(),
  spend: z.number().nullable(),
  max_budget: z.number().nullable(),
  budget_duration: z.string().nullable(),
  budget_reset_at: z.string().nullable(),
  models: z.array(z.string()).nullable().describe("Models the team may call; empty means all."),
  tpm_limit: z.number().nullable(),
  rpm_limit: z.number().nullable(),
  blocked: z.boolean().nullable(),
  created_at: z.string().nullable(),
});

export const getTeamInfo = defineTool({
  name: "get_team_info",
  toolset: "teams",
  byDefault: true,
  title: "Inspect a LiteLLM team",
  description: `Show a LiteLLM team's budget, spend, models and members, with its first ${SHOWN} keys.`,
  operation: { method: "get", path: "/team/info" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    team_id: required(getTeamInfoQueryFields.team_id).min(1).max(TEXT_LIMITS.name).describe("The LiteLLM team id."),
  }),
  request: (args) => ({ params: { query: { team_id: args.team_id } } }),
  output: z.object({
    team_id: z.string().nullable(),
    team: team.nullable(),
    members: z.array(teamMember),
    members_truncated: z.boolean(),
    keys: z.array(keySummary),
    keys_truncated: z.boolean().describe("More keys exist: list_keys with team_id pages through all."),
  }),
  // LiteLLM declares `{}`; it answers {team_id, team_info: <team row>, keys: [<key rows>], team_memberships}.
  result: (data) => {
    const answer = (data ?? {}) as { team_id?: unknown; team_info?: { members_with_roles?: unknown } | null; keys?: unknown };
    const members = firstItems(answer.team_info?.members_with_roles ?? [], SHOWN, (m) => documentedFields(teamMember, m));
    const keys = firstItems(answer.keys ?? [], SHOWN, summarizeKey);
    return {
      team_id: answer.team_id ?? null,
      team: answer.team_info ? documentedFields(team, answer.team_info) : null,
      members: members.items,
      members_truncated: members.truncated,
      keys: keys.items,
      keys_truncated: keys.truncated,
    };
  },
});
