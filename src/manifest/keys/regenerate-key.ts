// regenerate_key: give a virtual key a new secret; the old secret stops working. It hands the assistant a
// usable key, so operator policy holds it to the limits of minting one: where a limit is set, the call
// must carry new models, duration and max_budget within it, and LiteLLM writes them onto the key with the
// new secret (RegenerateKeyRequest takes a key's settings, as /key/update does). The new secret carries
// everything the key already has (its user's role, its team, routes, budget, metadata), so the key is read
// first and judged as generate_key's keys are; disabling generate_key closes this tool too.

import { z } from "zod";
import { postKeyRegenerateBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { InputError, PolicyError } from "../../errors.js";
import { checkKeyHolder, checkModelsServed, confirmRegeneratedKey, KEY_HOLDER_READS, keyGrantFault, MODELS_SERVED_READS, REGENERATED_KEY_UNDO } from "../../policy/effects.js";
import { duration } from "../../litellm/duration.js";
import { modelNames } from "../../litellm/model-names.js";
import { required } from "../required.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postKeyRegenerateBodyFields;

export const regenerateKey = defineTool({
  name: "regenerate_key",
  toolset: "keys",
  byDefault: true,
  title: "Regenerate a LiteLLM virtual key",
  description:
    "New secret for a virtual key; the old one stops working (after grace_period). Settings stay unless given. Returns the new key once. Enterprise only.",
  operation: { method: "post", path: "/key/regenerate" },
  credential: "master",
  // The old secret is gone for good and every call mints a different one: destructive, not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  limits: "key",
  input: z.strictObject({
    key: required(litellm.key).min(1).max(TEXT_LIMITS.key).describe("The virtual key (sk-...) or its hashed token."),
    grace_period: duration.optional().describe('How long the old secret keeps working, e.g. "24h".'),
    models: modelNames.optional().describe("New list of models the key may call."),
    duration: duration.optional().describe('The new secret is valid this long from now, e.g. "7d".'),
    max_budget: litellm.max_budget.unwrap().positive().optional().describe("New spend limit, in USD."),
  }),
  // The key goes in the body, not the path variant (/key/{key}/regenerate), so it stays out of URLs and logs.
  request: (args) => ({ body: { key: args.key, grace_period: args.grace_period, models: args.models, duration: args.duration, max_budget: args.max_budget } }),
  around: {
    calls: ["GET /key/info", ...KEY_HOLDER_READS, ...MODELS_SERVED_READS, ...REGENERATED_KEY_UNDO],
    run: async (args, { state, policy, write }) => {
      const existing = await state.key(args.key);
      if (!existing) throw new InputError("LiteLLM has no live key by that key or hash (it may have been deleted): there is nothing to regenerate. list_keys shows the keys there are.");
      await checkKeyHolder(state, existing.user_id, existing.team_id);
      if (args.models) await checkModelsServed(state, args.models);
      const fault = keyGrantFault(
        {
          ...existing,
          models: args.models ?? existing.models,
          max_budget: args.max_budget ?? existing.max_budget,
          // A new duration is checked as an argument; without one the key keeps its expiry.
          expires: args.duration === undefined ? existing.expires : undefined,
        },
        policy,
      );
      if (fault) {
        throw new PolicyError(
          `Refused by policy: the new secret would carry the key's settings, and ${fault}. Only keys as generate_key mints them (limited to its exact routes, within the limits) are regenerated here; pass new models, max_budget or duration within the limits, or have an admin regenerate it.`,
        );
      }
      const answer = await write();
      await confirmRegeneratedKey(state, answer, policy, existing);
      return answer;
    },
  },
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
