// How the budget tools show one of LiteLLM's budgets: a reusable set of limits that keys, end users and
// team memberships point to by budget_id.

import { z } from "zod";
import { documentedFields } from "../documented-fields.js";
import { UpstreamError } from "../../errors.js";

export const budgetSummary = z.object({
  budget_id: z.string().nullable(),
  max_budget: z.number().nullable().describe("USD, for each holder of the budget."),
  budget_duration: z.string().nullable(),
  budget_reset_at: z.string().nullable(),
  tpm_limit: z.number().nullable(),
  rpm_limit: z.number().nullable(),
});

export function summarizeBudget(row: unknown): Record<keyof typeof budgetSummary.shape, unknown> {
  return documentedFields(budgetSummary, row);
}

/** LiteLLM answers an update or delete of an unknown budget with 200 and `null`, having done nothing. */
export function knownBudget(row: unknown, budgetId: string): unknown {
  if (row === null) {
    throw new UpstreamError(`LiteLLM has no budget "${budgetId}", so nothing changed. list_budgets shows the budgets there are.`, 404);
  }
  return row;
}
