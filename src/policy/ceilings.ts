// Whose budget a tool sets, and the operator's ceiling for it. A team's budget is shared by all its keys, a
// user's by all theirs, a key's is its own, and a LiteLLM budget is a set of limits that each key, end user
// or team membership pointing to it gets; each kind has its own ceiling, so an operator can let teams have
// 500 USD while keys get 10.

import type { Policy } from "./operator-policy.js";

/** What a tool's models, max_budget, budget_duration or reset_to arguments are the limits of. */
export type Holder = "key" | "user" | "team" | "budget";

export interface Ceiling {
  /** The most it may be given, in USD. */
  amount: number;
  /** The variable that set it, for refusals to name. */
  variable: string;
}

/** "keys", "teams". */
export function holders(holder: Holder): string {
  return `${holder}s`;
}

/**
 * The operator's ceiling on a holder's max_budget, if any. A LiteLLM budget may be held by a key (as
 * budget_id) or by a team member (LiteLLM makes one for each max_budget_in_team), so it gets the lower of
 * the key and user ceilings.
 */
export function ceilingFor(holder: Holder, policy: Policy): Ceiling | undefined {
  const key = policy.maxBudget === undefined ? undefined : { amount: policy.maxBudget, variable: "LITELLM_MCP_MAX_BUDGET" };
  const user = policy.maxUserBudget === undefined ? undefined : { amount: policy.maxUserBudget, variable: "LITELLM_MCP_MAX_USER_BUDGET" };
  switch (holder) {
    case "key":
      return key;
    case "user":
      return user;
    case "team":
      return policy.maxTeamBudget === undefined ? undefined : { amount: policy.maxTeamBudget, variable: "LITELLM_MCP_MAX_TEAM_BUDGET" };
    case "budget":
      return [key, user].filter((c): c is Ceiling => c !== undefined).sort((a, b) => a.amount - b.amount)[0];
  }
}
