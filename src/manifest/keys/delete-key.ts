// delete_key: delete one or more virtual keys, by key or by alias. The keys stop working for good.

import { z } from "zod";
import { postKeyDeleteBodyFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const litellm = postKeyDeleteBodyFields;

/** LiteLLM echoes the keys it deleted as given; a full sk- key is shown the way LiteLLM abbreviates it. */
function shown(key: string): string {
  return key.startsWith("sk-") ? `sk-...${key.slice(-4)}` : key;
}

export const deleteKey = defineTool({
  name: "delete_key",
  toolset: "keys",
  byDefault: true,
  title: "Delete LiteLLM virtual keys",
  description: "Delete virtual keys for good, by key or by alias. Their callers are refused from then on.",
  operation: { method: "post", path: "/key/delete" },
  credential: "master",
  // Irreversible: destructive. Deleting again finds nothing to delete and LiteLLM answers an error,
  // so not idempotent either.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z
    .strictObject({
      keys: z.array(z.string().min(1).max(TEXT_LIMITS.key)).min(1).max(50).optional().describe("Virtual keys (sk-...) or hashed tokens."),
      key_aliases: z.array(z.string().min(1).max(TEXT_LIMITS.name)).min(1).max(50).optional().describe("Aliases of the keys, instead of keys."),
    })
    .refine((args) => (args.keys === undefined) !== (args.key_aliases === undefined), { message: "Give either keys or key_aliases, not both." }),
  request: (args) => ({ body: { keys: args.keys, key_aliases: args.key_aliases } }),
  output: z.object({ deleted: z.array(z.string()).describe("What LiteLLM deleted, keys abbreviated.") }),
  // LiteLLM declares `{}`; it answers {"deleted_keys": [...]} with the keys or aliases it was given.
  result: (data) => {
    const deleted = (data as { deleted_keys?: unknown } | null)?.deleted_keys;
    return { deleted: Array.isArray(deleted) ? deleted.map((k) => (typeof k === "string" ? shown(k) : k)) : deleted ?? null };
  },
});
