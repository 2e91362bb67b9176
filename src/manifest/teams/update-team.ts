// update_team: change a LiteLLM team's budget, models, name or blocked flag in place.

import { z } from "zod";
import { postTeamUpdateBodyFields } from "../../../generated/request-schemas.js";
import { BLOCK_TEAM_READS, blockTeamQuestion } from "../confirmation-previews.js";
import { defineTool } from "../define-tool.js";
import { duration } from "../../litellm/duration.js";
import { modelNames } from "../../litellm/model-names.js";
import { someChange } from "../some-change.js";
import { refuseTakenAlias, TEAM_ALIAS_READS } from "./team-alias.js";
import { summarizeTeam, teamSummary } from "./team-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postTeamUpdateBodyFields;

export const updateTeam = defineTool({
  name: "update_team",
  toolset: "teams",
  byDefault: false,
  title: "Update a LiteLLM team",
  description:
    "Change a team's budget, models, alias, metadata or blocked flag (blocked: every key of the team is refused). Given fields replace the old values; another team's alias is refused.",
  operation: { method: "post", path: "/team/update" },
  credential: "master",
  // Overwrites limits and models in place; LiteLLM keeps no previous values: destructive. The same update
  // twice leaves the same team: idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  limits: "team",
  input: someChange(
    z.strictObject({
      team_id: litellm.team_id.min(1).max(TEXT_LIMITS.name).describe("The LiteLLM team id."),
      team_alias: litellm.team_alias.unwrap().min(1).max(TEXT_LIMITS.name).optional(),
      models: modelNames.optional().describe("New list of models the team's keys may call."),
      max_budget: litellm.max_budget.unwrap().positive().optional().describe("New spend limit for the whole team, in USD."),
      budget_duration: duration.optional().describe('How often spend resets, e.g. "30d".'),
      metadata: litellm.metadata.describe("Replaces the team's metadata."),
      blocked: litellm.blocked.describe("true blocks every key of the team, false unblocks."),
    }),
    "team_id",
  ),
  request: (args) => ({
    body: {
      team_id: args.team_id,
      team_alias: args.team_alias,
      models: args.models,
      max_budget: args.max_budget,
      budget_duration: args.budget_duration,
      metadata: args.metadata,
      blocked: args.blocked,
    },
  }),
  // An alias another team has is refused first; blocking the team (every key of it refused) is asked first.
  around: {
    calls: [...TEAM_ALIAS_READS, ...BLOCK_TEAM_READS],
    run: async (args, { lookup, confirm, write }) => {
      if (args.team_alias !== undefined) await refuseTakenAlias(lookup, args.team_alias, args.team_id);
      if (args.blocked === true) {
        const others = Object.entries(args).some(([field, value]) => !["team_id", "blocked"].includes(field) && value !== undefined);
        await confirm(() => blockTeamQuestion(lookup, args.team_id, others));
      }
      return write();
    },
  },
  output: teamSummary,
  // LiteLLM declares `{}`; it answers {team_id, data: <the team's row after the update>}.
  result: (data) => summarizeTeam((data as { data?: unknown } | null)?.data),
});
