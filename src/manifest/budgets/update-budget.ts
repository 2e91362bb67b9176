// update_budget: change a LiteLLM budget's limits, for everything that points to it at once.

import { z } from "zod";
import { postBudgetUpdateBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { duration } from "../../litellm/duration.js";
import { required } from "../required.js";
import { someChange } from "../some-change.js";
import { budgetSummary, knownBudget, summarizeBudget } from "./budget-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postBudgetUpdateBodyFields;

export const updateBudget = defineTool({
  name: "update_budget",
  toolset: "budgets",
  byDefault: false,
  title: "Update a LiteLLM budget",
  description: "Change a budget's limits; every key, end user and team membership using it gets the new ones. Given fields replace the old values.",
  operation: { method: "post", path: "/budget/update" },
  credential: "master",
  // Overwrites limits in place; LiteLLM keeps no previous values: destructive. The same update twice
  // leaves the same budget: idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  limits: "budget",
  input: someChange(
    z.strictObject({
      budget_id: required(litellm.budget_id).min(1).max(TEXT_LIMITS.name).describe("The budget's id."),
      max_budget: litellm.max_budget.unwrap().positive().optional().describe("New spend limit per holder, in USD."),
      budget_duration: duration.optional().describe('How often spend resets, e.g. "30d".'),
      tpm_limit: litellm.tpm_limit.unwrap().positive().optional(),
      rpm_limit: litellm.rpm_limit.unwrap().positive().optional(),
    }),
    "budget_id",
  ),
  request: (args) => ({
    body: { budget_id: args.budget_id, max_budget: args.max_budget, budget_duration: args.budget_duration, tpm_limit: args.tpm_limit, rpm_limit: args.rpm_limit },
  }),
  output: budgetSummary,
  // LiteLLM declares `{}`; it answers with the budget's row after the update, or null for an unknown id.
  result: (data, args) => summarizeBudget(knownBudget(data, args.budget_id)),
});
