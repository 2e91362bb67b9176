// How the team tools show a LiteLLM team and its members: budget, models, size. LiteLLM's team rows also
// carry router settings, permissions and spend per model, which an admin's next step never needs.

import { z } from "zod";
import { documentedFields } from "../documented-fields.js";

export const teamSummary = z.object({
  team_id: z.string().nullable(),
  team_alias: z.string().nullable(),
  models: z.array(z.string()).nullable().describe("Models the team's keys may call; empty means every model."),
  max_budget: z.number().nullable().describe("USD, for the whole team."),
  budget_duration: z.string().nullable(),
  spend: z.number().nullable(),
  blocked: z.boolean().nullable(),
  members_count: z.number().nullable(),
});

export const teamMember = z.object({ user_id: z.string().nullable(), user_email: z.string().nullable(), role: z.string().nullable() });

type TeamRow = { members_count?: unknown; members_with_roles?: unknown } | null | undefined;

/** A team row from any team route: /v2/team/list counts members itself, the others list them. */
export function summarizeTeam(row: unknown): Record<keyof typeof teamSummary.shape, unknown> {
  const { members_count, members_with_roles } = (row ?? {}) as NonNullable<TeamRow>;
  return {
    ...documentedFields(teamSummary, row),
    members_count: members_count ?? (Array.isArray(members_with_roles) ? members_with_roles.length : null),
  };
}
