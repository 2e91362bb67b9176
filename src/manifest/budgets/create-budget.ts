// create_budget: a named, reusable set of limits (spend, reset period, rate) for LiteLLM to apply wherever
// it is referenced.

import { z } from "zod";
import { postBudgetNewBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { duration } from "../../litellm/duration.js";
import { budgetSummary, summarizeBudget } from "./budget-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postBudgetNewBodyFields;

export const createBudget = defineTool({
  name: "create_budget",
  toolset: "budgets",
  byDefault: false,
  title: "Create a LiteLLM budget",
  description: "Create a reusable budget: a spend limit, reset period and rate limits that each key, end user or team membership pointing to it gets.",
  operation: { method: "post", path: "/budget/new" },
  credential: "master",
  // Creates a budget and loses nothing; without budget_id each call makes another, and LiteLLM refuses an
  // existing budget_id: not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  limits: "budget",
  input: z.strictObject({
    budget_id: litellm.budget_id.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe("Id to give it; LiteLLM generates one if omitted."),
    max_budget: litellm.max_budget.unwrap().positive().optional().describe("Spend limit per holder, in USD."),
    budget_duration: duration.optional().describe('How often spend resets, e.g. "30d".'),
    tpm_limit: litellm.tpm_limit.unwrap().positive().optional().describe("Tokens per minute."),
    rpm_limit: litellm.rpm_limit.unwrap().positive().optional().describe("Requests per minute."),
  }),
  request: (args) => ({
    body: { budget_id: args.budget_id, max_budget: args.max_budget, budget_duration: args.budget_duration, tpm_limit: args.tpm_limit, rpm_limit: args.rpm_limit },
  }),
  output: budgetSummary,
  // LiteLLM declares `{}`; it answers with the new budget's row.
  result: (data) => summarizeBudget(data),
});
