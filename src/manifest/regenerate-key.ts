// regenerate_key: give a virtual key a new secret; the old secret stops working. It hands the assistant a
// usable key, so operator policy holds it to the limits of minting one: where a limit is set, the call
// must carry new models, duration and max_budget within it, and LiteLLM writes them onto the key with the
// new secret (RegenerateKeyRequest takes a key's settings, as /key/update does).

import { z } from "zod";
import { postKeyRegenerateBodyFields } from "../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { duration } from "./duration.js";
import { required } from "./required.js";

const litellm = postKeyRegenerateBodyFields;

export const regenerateKey = defineTool({
  name: "regenerate_key",
  title: "Regenerate a LiteLLM virtual key",
  description:
    "New secret for a virtual key; the old one stops working (after grace_period). Settings stay unless given. Returns the new key once. Enterprise only.",
  operation: { method: "post", path: "/key/regenerate" },
  credential: "master",
  // The old secret is gone for good and every call mints a different one: destructive, not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z.strictObject({
    key: required(litellm.key).min(1).describe("The virtual key (sk-...) or its hashed token."),
    grace_period: duration.optional().describe('How long the old secret keeps working, e.g. "24h".'),
    // Tightened as in generate_key: an empty list would mean "every model".
    models: z.array(z.string().min(1)).min(1).optional().describe("New list of models the key may call."),
    duration: duration.optional().describe('The new secret is valid this long from now, e.g. "7d".'),
    max_budget: litellm.max_budget.unwrap().positive().optional().describe("New spend limit, in USD."),
  }),
  // The key goes in the body, not the path variant (/key/{key}/regenerate), so it stays out of URLs and logs.
  request: (args) => ({ body: { key: args.key, grace_period: args.grace_period, models: args.models, duration: args.duration, max_budget: args.max_budget } }),
  output: z.object({
    key: z.string().describe("The new virtual key. LiteLLM stores only its hash: this is the one chance to see it."),
    key_alias: z.string().nullable(),
    key_name: z.string().nullable(),
    expires: z.string().nullable(),
  }),
  // Typed by the spec: GenerateKeyResponse.
  result: (data) => ({
    key: data.key,
    key_alias: data.key_alias ?? null,
    key_name: data.key_name ?? null,
    expires: data.expires ?? null,
  }),
});
