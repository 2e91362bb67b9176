// delete_key: delete one or more virtual keys, by key or by alias. The keys stop working for good.

import { z } from "zod";
import { postKeyDeleteBodyFields } from "../../../generated/request-schemas.js";
import { deleteKeyQuestion } from "../confirmation-previews.js";
import { answeredByAround, defineTool } from "../define-tool.js";
import { InputError, UpstreamError } from "../../errors.js";
import { oneOf } from "../one-of.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";
import { heldKeys, KEY_PRESENCE_READS, shownKey } from "./key-presence.js";

const litellm = postKeyDeleteBodyFields;

const listed = (names: readonly string[]) => names.map(shownKey).join(", ");

/** "the key sk-...abcd", "the keys with the aliases a, b": what a sentence says LiteLLM has or lacks. */
function keysNamed(names: readonly string[], byAlias: boolean): string {
  const many = names.length > 1;
  return byAlias ? `${many ? "keys with the aliases" : "a key with the alias"} ${listed(names)}` : `${many ? "the keys" : "the key"} ${listed(names)}`;
}

export const deleteKey = defineTool({
  name: "delete_key",
  toolset: "keys",
  byDefault: true,
  title: "Delete LiteLLM virtual keys",
  description:
    "Delete virtual keys for good, by key or by alias. Their callers are refused from then on.",
  operation: { method: "post", path: "/key/delete" },
  credential: "master",
  // Irreversible: destructive. Deleting again finds nothing to delete and is refused, so not idempotent either.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: oneOf(
    z.strictObject({
      keys: z.array(z.string().min(1).max(TEXT_LIMITS.key)).min(1).max(50).optional().describe("Virtual keys (sk-...) or hashed tokens."),
      key_aliases: z.array(z.string().min(1).max(TEXT_LIMITS.name)).min(1).max(50).optional().describe("Aliases of the keys, instead of keys."),
    }),
    ["keys", "key_aliases"],
    "the keys to delete",
  ),
  request: (args) => ({ body: { keys: args.keys, key_aliases: args.key_aliases } }),
  output: z.object({
    deleted: z.array(z.string()).describe("Keys (abbreviated) or aliases deleted."),
    not_found: z.array(z.string()).describe("Those LiteLLM did not have."),
  }),
  // LiteLLM answers {"deleted_keys": [...]} with everything it was given, found or not, and 404 only when it
  // found none; so what it held is read before the call (the person is asked about those rows), and what it
  // still holds after.
  around: {
    calls: KEY_PRESENCE_READS,
    run: async (args, { lookup, confirm, write }) => {
      const byAlias = args.key_aliases !== undefined;
      const named = [...new Set(args.keys ?? args.key_aliases ?? [])];
      const before = await heldKeys(lookup, named, byAlias);
      const notFound = named.filter((name) => !before.has(name));
      if (before.size === 0) {
        throw new InputError(`LiteLLM does not have ${keysNamed(named, byAlias)}, so nothing was deleted. list_keys shows the keys there are.`);
      }
      await confirm(async () => deleteKeyQuestion([...before.values()].flat(), notFound.map(shownKey)));
      await write();
      const after = await heldKeys(lookup, [...before.keys()], byAlias);
      const deleted = [...before.keys()].filter((name) => !after.has(name));
      if (after.size > 0) {
        throw new UpstreamError(
          `LiteLLM answered that it deleted them, but still has ${keysNamed([...after.keys()], byAlias)}${deleted.length > 0 ? ` (deleted: ${listed(deleted)})` : ""}. Try delete_key again for those; the proxy's log may say why.`,
        );
      }
      return { deleted: deleted.map(shownKey), not_found: notFound.map(shownKey) };
    },
  },
  // The answer was made from what LiteLLM holds afterwards (above).
  result: answeredByAround,
});
