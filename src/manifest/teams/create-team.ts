// create_team: a LiteLLM team with a budget for all its members together and the models they may call.

import { z } from "zod";
import { postTeamNewBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { duration } from "../../litellm/duration.js";
import { modelNames } from "../../litellm/model-names.js";
import { required } from "../required.js";
import { refuseTakenAlias, TEAM_ALIAS_READS } from "./team-alias.js";
import { summarizeTeam, teamSummary } from "./team-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postTeamNewBodyFields;

export const createTeam = defineTool({
  name: "create_team",
  toolset: "teams",
  byDefault: false,
  title: "Create a LiteLLM team",
  description:
    "Create a team with one budget for all its keys and the models they may call (omitted: every model). Then add_team_member, and generate_key with team_id. The alias must be unused.",
  operation: { method: "post", path: "/team/new" },
  credential: "master",
  // Creates a team and loses nothing; each call without team_id makes another team, and LiteLLM refuses
  // an existing team_id: not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  limits: "team",
  input: z.strictObject({
    team_alias: required(litellm.team_alias).min(1).max(TEXT_LIMITS.name).describe("The team's display name."),
    team_id: litellm.team_id.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe("Id to give the team; LiteLLM generates one if omitted."),
    models: modelNames.optional().describe("Model names the team's keys may call."),
    max_budget: litellm.max_budget.unwrap().positive().optional().describe("Spend limit for the whole team, in USD."),
    budget_duration: duration.optional().describe('How often the team\'s spend resets, e.g. "30d".'),
    metadata: litellm.metadata.describe("Free-form JSON stored with the team."),
  }),
  request: (args) => ({
    body: {
      team_alias: args.team_alias,
      team_id: args.team_id,
      models: args.models,
      max_budget: args.max_budget,
      budget_duration: args.budget_duration,
      metadata: args.metadata,
    },
  }),
  around: {
    calls: TEAM_ALIAS_READS,
    run: async (args, { lookup, write }) => {
      await refuseTakenAlias(lookup, args.team_alias);
      return write();
    },
  },
  output: teamSummary,
  // LiteLLM declares `{}`; it answers with the new team's row. It makes the caller (for the master key,
  // "default_user_id") the team's first admin member.
  result: (data) => summarizeTeam(data),
});
