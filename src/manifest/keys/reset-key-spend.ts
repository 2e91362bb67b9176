// reset_key_spend: set a virtual key's spend counter back (to 0 by default), giving it its budget again.

import { z } from "zod";
import { postKeyKeyResetSpendBodyFields } from "../../../generated/request-schemas.js";
import { RESET_KEY_SPEND_READS, resetKeySpendQuestion } from "../confirmation-previews.js";
import { defineTool } from "../define-tool.js";
import { keyHash } from "../../litellm/key-hash.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

export const resetKeySpend = defineTool({
  name: "reset_key_spend",
  toolset: "keys",
  byDefault: false,
  title: "Reset a virtual key's spend",
  description: "Set a key's spend counter back to reset_to (0: all of it), so its max_budget is available again. Spend logs and usage reports keep the history.",
  operation: { method: "post", path: "/key/{key}/reset_spend" },
  credential: "master",
  // The counter's old value is overwritten (LiteLLM returns it once, as previous_spend): destructive.
  // Resetting to the same value twice leaves the same key: idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  limits: "key",
  input: z.strictObject({
    key: z.string().min(1).max(TEXT_LIMITS.key).describe("The virtual key (sk-...) or its hashed token."),
    reset_to: postKeyKeyResetSpendBodyFields.reset_to.min(0).describe("New spend in USD, at most the current spend."),
  }),
  // LiteLLM takes the key only in the path: the hash goes there, never the secret.
  request: (args) => ({ params: { path: { key: keyHash(args.key) } }, body: { reset_to: args.reset_to } }),
  around: {
    calls: RESET_KEY_SPEND_READS,
    run: async (args, { lookup, confirm, write }) => {
      await confirm(() => resetKeySpendQuestion(lookup, args.key, args.reset_to));
      return write();
    },
  },
  output: z.object({
    token: z.string().nullable().describe("The key's hashed id."),
    spend: z.number().nullable(),
    previous_spend: z.number().nullable(),
    max_budget: z.number().nullable(),
    budget_reset_at: z.string().nullable(),
  }),
  // Typed by the spec as a free-form object; it answers {key_hash, spend, previous_spend, max_budget, budget_reset_at}.
  result: (data) => {
    const answer = data as { key_hash?: unknown; spend?: unknown; previous_spend?: unknown; max_budget?: unknown; budget_reset_at?: unknown };
    return {
      token: answer.key_hash ?? null,
      spend: answer.spend ?? null,
      previous_spend: answer.previous_spend ?? null,
      max_budget: answer.max_budget ?? null,
      budget_reset_at: answer.budget_reset_at ?? null,
    };
  },
});
