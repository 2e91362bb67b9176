// get_budget: the limits of named LiteLLM budgets.

import { z } from "zod";
import { postBudgetInfoBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { budgetSummary, summarizeBudget } from "./budget-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

export const getBudget = defineTool({
  name: "get_budget",
  toolset: "budgets",
  byDefault: false,
  title: "Inspect LiteLLM budgets",
  description: "Show the limits of budgets by id. Ids LiteLLM does not know are listed under missing.",
  operation: { method: "post", path: "/budget/info" },
  credential: "master",
  // A read, over POST.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    budget_ids: z.array(z.string().min(1).max(TEXT_LIMITS.name)).min(1).max(20).describe("Budget ids."),
  }),
  request: (args) => ({ body: { budgets: args.budget_ids } }),
  output: z.object({ budgets: z.array(budgetSummary), missing: z.array(z.string()).describe("Ids with no budget.") }),
  // LiteLLM declares `{}`; it answers with a bare list of the budget rows it found, silently skipping the rest.
  result: (data, args) => {
    const rows = Array.isArray(data) ? data : [];
    const found = new Set(rows.map((row) => (row as { budget_id?: unknown } | null)?.budget_id));
    return { budgets: Array.isArray(data) ? rows.map(summarizeBudget) : data, missing: args.budget_ids.filter((id) => !found.has(id)) };
  },
});
