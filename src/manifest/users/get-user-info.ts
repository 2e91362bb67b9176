// get_user_info: a LiteLLM user's role, spend and budget, with the first of their keys and teams.

import { z } from "zod";
import { getUserInfoQueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";
import { keySummary, summarizeKey } from "../key-summary.js";
import { firstItems } from "../paging.js";
import { required } from "../required.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const SHOWN = 20;

const user = z.object({
  user_email: z.string().nullable(),
  user_role: z.string().nullable(),
  spend: z.number().nullable(),
  max_budget: z.number().nullable(),
  models: z.array(z.string()).nullable(),
  budget_duration: z.string().nullable(),
  budget_reset_at: z.string().nullable(),
  created_at: z.string().nullable(),
});

const team = z.object({ team_id: z.string().nullable(), team_alias: z.string().nullable() });

export const getUserInfo = defineTool({
  name: "get_user_info",
  toolset: "users",
  byDefault: true,
  title: "Inspect a LiteLLM user",
  description: `Show a LiteLLM user's role, spend, budget and models, with their first ${SHOWN} keys and teams.`,
  operation: { method: "get", path: "/user/info" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    user_id: required(getUserInfoQueryFields.user_id).min(1).max(TEXT_LIMITS.name).describe("The LiteLLM user id."),
  }),
  request: (args) => ({ params: { query: { user_id: args.user_id } } }),
  output: z.object({
    user_id: z.string().nullable(),
    user: user.nullable(),
    keys: z.array(keySummary),
    keys_truncated: z.boolean().describe("More keys exist: list_keys with user_id pages through all."),
    teams: z.array(team),
    teams_truncated: z.boolean(),
  }),
  // Typed by the spec (UserInfoResponse), but user_info, keys and teams are untyped inside.
  result: (data) => {
    const keys = firstItems(data.keys, SHOWN, summarizeKey);
    const teams = firstItems(data.teams, SHOWN, (t) => documentedFields(team, t));
    return {
      user_id: data.user_id ?? null,
      user: data.user_info ? documentedFields(user, data.user_info) : null,
      keys: keys.items,
      keys_truncated: keys.truncated,
      teams: teams.items,
      teams_truncated: teams.truncated,
    };
  },
});
