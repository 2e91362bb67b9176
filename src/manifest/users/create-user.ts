// create_user: add an internal user to LiteLLM, with a budget and the models they may call — and no key.

import { z } from "zod";
import { postUserNewBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { duration } from "../../litellm/duration.js";
import { modelNames } from "../../litellm/model-names.js";
import { GRANTABLE_ROLES, summarizeUser, userFields, userSummary } from "./user-summary.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postUserNewBodyFields;

export const createUser = defineTool({
  name: "create_user",
  toolset: "users",
  byDefault: false,
  title: "Create a LiteLLM user",
  description:
    "Create an internal user with a budget and the models they may call (omitted: every model). Mints no key: use generate_key with the user_id.",
  operation: { method: "post", path: "/user/new" },
  credential: "master",
  // Creates a user and loses nothing; a second call with the same user_id is refused by LiteLLM, and one
  // without a user_id creates another user: not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  limits: "user",
  input: z.strictObject({
    user_id: litellm.user_id.unwrap().min(1).max(TEXT_LIMITS.name).optional().describe("Id to give the user; LiteLLM generates one if omitted."),
    user_email: litellm.user_email.unwrap().min(1).max(TEXT_LIMITS.email).optional(),
    user_alias: litellm.user_alias.unwrap().max(TEXT_LIMITS.name).optional().describe("Display name."),
    // Tightened: a proxy_admin user's keys are admin keys, so these tools never grant an admin role.
    user_role: litellm.user_role.unwrap().extract(GRANTABLE_ROLES).optional().describe("Default internal_user; _viewer may only read."),
    models: modelNames.optional().describe("Model names the user may call."),
    max_budget: litellm.max_budget.unwrap().positive().optional().describe("The user's spend limit over all their keys, in USD."),
    budget_duration: duration.optional().describe('How often the user\'s spend resets, e.g. "30d".'),
    metadata: litellm.metadata.describe("Free-form JSON stored with the user."),
  }),
  request: (args) => ({
    body: {
      ...userFields(args),
      // LiteLLM would otherwise mint a key for the user with no expiry and no budget, out of policy's reach.
      auto_create_key: false,
    },
  }),
  output: userSummary,
  // Typed by the spec: NewUserResponse (with `key` empty, as no key was asked for).
  result: (data) => summarizeUser(data),
});
