// update_user: change a LiteLLM user's budget, models, role or names in place.

import { z } from "zod";
import { postUserUpdateBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { duration } from "../../litellm/duration.js";
import { modelNames } from "../../litellm/model-names.js";
import { required } from "../required.js";
import { someChange } from "../some-change.js";
import { GRANTABLE_ROLES, summarizeUser, userFields, userSummary } from "./user-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postUserUpdateBodyFields;

export const updateUser = defineTool({
  name: "update_user",
  toolset: "users",
  byDefault: false,
  title: "Update a LiteLLM user",
  description:
    "Change a user's budget, models, role, email, alias or metadata; given fields replace the old values. LiteLLM creates the user if user_id is unknown, so check it first.",
  operation: { method: "post", path: "/user/update" },
  credential: "master",
  // Overwrites limits and models in place; LiteLLM keeps no previous values: destructive. The same update
  // twice leaves the same user: idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  limits: "user",
  input: someChange(
    z.strictObject({
      user_id: required(litellm.user_id).min(1).max(TEXT_LIMITS.name).describe("The LiteLLM user id."),
      user_email: litellm.user_email.unwrap().min(1).max(TEXT_LIMITS.email).optional(),
      user_alias: litellm.user_alias.unwrap().max(TEXT_LIMITS.name).optional(),
      // Tightened as in create_user: no admin roles.
      user_role: litellm.user_role.unwrap().extract(GRANTABLE_ROLES).optional(),
      // Tightened: an empty list would mean "every model".
      models: modelNames.optional().describe("New list of models the user may call."),
      max_budget: litellm.max_budget.unwrap().positive().optional().describe("New spend limit, in USD."),
      budget_duration: duration.optional().describe('How often spend resets, e.g. "30d".'),
      metadata: litellm.metadata.describe("Replaces the user's metadata."),
    }),
    "user_id",
  ),
  request: (args) => ({ body: userFields(args) }),
  output: userSummary,
  // LiteLLM declares `{}`; it answers {user_id, data: <the user's row after the update>}.
  result: (data) => summarizeUser((data as { data?: unknown } | null)?.data),
});
