// delete_budget: remove a LiteLLM budget; whatever pointed to it is left without its limits.

import { z } from "zod";
import { postBudgetDeleteBodyFields } from "../../../generated/request-schemas.js";
import { DELETE_BUDGET_READS, deleteBudgetQuestion } from "../confirmation-previews.js";
import { defineTool } from "../define-tool.js";
import { budgetSummary, knownBudget, summarizeBudget } from "./budget-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

export const deleteBudget = defineTool({
  name: "delete_budget",
  toolset: "budgets",
  byDefault: false,
  title: "Delete a LiteLLM budget",
  description:
    "Delete a budget for good. LiteLLM unlinks the keys, end users and team memberships using it: they keep only limits of their own, so a key without its own max_budget becomes unlimited.",
  operation: { method: "post", path: "/budget/delete" },
  credential: "master",
  // The budget, and the limits it gave others, are gone for good: destructive. Deleting again finds
  // nothing (this tool says so): not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  // LiteLLM unlinks a deleted budget from its holders, which keep only limits of their own.
  limits: "budget",
  removesLimits: true,
  input: z.strictObject({
    budget_id: postBudgetDeleteBodyFields.id.min(1).max(TEXT_LIMITS.name).describe("The budget's id."),
  }),
  request: (args) => ({ body: { id: args.budget_id } }),
  around: {
    calls: DELETE_BUDGET_READS,
    run: async (args, { lookup, confirm, write }) => {
      await confirm(() => deleteBudgetQuestion(lookup, args.budget_id));
      return write();
    },
  },
  output: z.object({ deleted: budgetSummary.describe("The budget as it was.") }),
  // LiteLLM declares `{}`; it answers with the deleted budget's row, or null for an unknown id.
  result: (data, args) => ({ deleted: summarizeBudget(knownBudget(data, args.budget_id)) }),
});
