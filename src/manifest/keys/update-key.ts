// update_key: change a virtual key's models, budget, expiry, alias, metadata or blocked flag in place.

import { z } from "zod";
import { postKeyUpdateBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";
import { duration } from "../../litellm/duration.js";
import { modelNames } from "../../litellm/model-names.js";
import { required } from "../required.js";
import { someChange } from "../some-change.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postKeyUpdateBodyFields;

const updated = z.object({
  key_alias: z.string().nullable(),
  models: z.array(z.string()).nullable(),
  max_budget: z.number().nullable(),
  budget_duration: z.string().nullable(),
  expires: z.string().nullable(),
  blocked: z.boolean().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
});

export const updateKey = defineTool({
  name: "update_key",
  toolset: "keys",
  byDefault: true,
  title: "Update a LiteLLM virtual key",
  description: "Change a virtual key's models, budget, expiry, alias, metadata or blocked flag. Given fields replace the old values.",
  operation: { method: "post", path: "/key/update" },
  credential: "master",
  // Overwrites limits, models and metadata in place; LiteLLM keeps no previous values: destructive.
  // The same update twice leaves the same key: idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  limits: "key",
  input: someChange(
    z.strictObject({
      key: required(litellm.key).min(1).max(TEXT_LIMITS.key).describe("The virtual key (sk-...) or its hashed token."),
      models: modelNames.optional().describe("New list of models the key may call."),
      max_budget: litellm.max_budget.unwrap().positive().optional().describe("New spend limit, in USD."),
      budget_duration: duration.optional().describe('How often spend resets, e.g. "30d".'),
      duration: duration.optional().describe('Valid for this long from now, e.g. "7d".'),
      key_alias: litellm.key_alias.unwrap().max(TEXT_LIMITS.name).optional(),
      metadata: litellm.metadata.describe("JSON stored with the key."),
      blocked: litellm.blocked.describe("true blocks the key, false unblocks it."),
    }),
    "key",
  ),
  request: (args) => ({
    body: {
      key: args.key,
      models: args.models,
      max_budget: args.max_budget,
      budget_duration: args.budget_duration,
      duration: args.duration,
      key_alias: args.key_alias,
      metadata: args.metadata,
      blocked: args.blocked,
    },
  }),
  output: updated,
  // LiteLLM declares `{}`; it answers with the key's row after the update: fields the call left alone are
  // there too, with the values LiteLLM holds (test/db/proxy-state.test.ts reads them back).
  result: (data) => documentedFields(updated, data),
});
