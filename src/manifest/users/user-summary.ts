// How the user tools show a LiteLLM user (who it is, what it may call and spend) and what they send of one.
// LiteLLM's user rows also carry SSO ids, permissions and spend per model, which an admin's next step never
// needs.

import { z } from "zod";
import { documentedFields } from "../documented-fields.js";

export const userSummary = z.object({
  user_id: z.string().nullable(),
  user_email: z.string().nullable(),
  user_alias: z.string().nullable(),
  user_role: z.string().nullable(),
  models: z.array(z.string()).nullable().describe("Models the user may call; empty means every model."),
  max_budget: z.number().nullable().describe("USD."),
  budget_duration: z.string().nullable(),
  spend: z.number().nullable(),
  teams: z.array(z.string()).nullable(),
});

export function summarizeUser(row: unknown): Record<keyof typeof userSummary.shape, unknown> {
  return documentedFields(userSummary, row);
}

/** The roles these tools may give: LiteLLM's proxy_admin roles make every key of the user an admin key. */
export const GRANTABLE_ROLES = ["internal_user", "internal_user_viewer"] as const;

interface UserArguments {
  user_id?: string;
  user_email?: string;
  user_alias?: string;
  user_role?: (typeof GRANTABLE_ROLES)[number];
  models?: string[];
  max_budget?: number;
  budget_duration?: string;
  metadata?: Record<string, unknown>;
}

/** What create_user and update_user send of a user, field by field as LiteLLM names them. */
export function userFields(args: UserArguments) {
  return {
    user_id: args.user_id,
    user_email: args.user_email,
    user_alias: args.user_alias,
    user_role: args.user_role,
    models: args.models,
    max_budget: args.max_budget,
    budget_duration: args.budget_duration,
    metadata: args.metadata,
  };
}
