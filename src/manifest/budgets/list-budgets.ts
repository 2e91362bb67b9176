// list_budgets: the budgets LiteLLM stores, bounded.

import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { firstItems } from "../paging.js";
import { budgetSummary, summarizeBudget } from "./budget-summary.js";

const SHOWN = 50;

export const listBudgets = defineTool({
  name: "list_budgets",
  toolset: "budgets",
  byDefault: false,
  title: "List LiteLLM budgets",
  description: `List the budgets LiteLLM stores (the first ${SHOWN}), including those it made for team members' budgets.`,
  operation: { method: "get", path: "/budget/list" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({}),
  request: () => ({}),
  output: z.object({ budgets: z.array(budgetSummary), truncated: z.boolean().describe(`More than ${SHOWN} exist.`) }),
  // LiteLLM declares `{}`; it answers with a bare list of every budget row, unpaged.
  result: (data) => {
    const shown = firstItems(data, SHOWN, summarizeBudget);
    return { budgets: shown.items, truncated: shown.truncated };
  },
});
