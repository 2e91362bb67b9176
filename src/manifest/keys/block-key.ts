// block_key: make LiteLLM refuse every request made with a virtual key, without deleting it.

import { z } from "zod";
import { postKeyBlockBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

/** What a block or unblock leaves behind, so the caller can see which key changed and how. */
export const keyState = z.object({
  key_alias: z.string().nullable(),
  key_name: z.string().nullable().describe('The key abbreviated, e.g. "sk-...abcd".'),
  user_id: z.string().nullable(),
  team_id: z.string().nullable(),
  blocked: z.boolean().nullable(),
});

export const blockKey = defineTool({
  name: "block_key",
  toolset: "keys",
  byDefault: true,
  title: "Block a LiteLLM virtual key",
  description: "Block a virtual key: LiteLLM refuses its requests until unblock_key. Settings and spend are kept.",
  operation: { method: "post", path: "/key/block" },
  credential: "master",
  // The key stops working: not read-only. Undone by unblock_key with nothing lost: not destructive.
  // Blocking a blocked key changes nothing: idempotent.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    key: postKeyBlockBodyFields.key.min(1).max(TEXT_LIMITS.key).describe("The virtual key (sk-...) or its hashed token."),
  }),
  request: (args) => ({ body: { key: args.key } }),
  output: keyState,
  // Typed by the spec: LiteLLM answers with the key's row (LiteLLM_VerificationToken), or null.
  result: (data) => ({
    key_alias: data?.key_alias ?? null,
    key_name: data?.key_name ?? null,
    user_id: data?.user_id ?? null,
    team_id: data?.team_id ?? null,
    blocked: data?.blocked ?? null,
  }),
});
