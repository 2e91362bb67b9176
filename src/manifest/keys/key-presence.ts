// Which of the keys a call names LiteLLM holds right now, by key, hashed token or alias: read one by one,
// since LiteLLM's key routes answer for a whole list without saying which of it they found.

import type { Lookup } from "../../define-tool.js";
import { keyHash } from "../key-hash.js";

/** Reads in flight at once: enough to be quick over a 50-key call, few enough to spare the proxy. */
const AT_ONCE = 5;

/** How a key is shown in an answer: an sk- key abbreviated the way LiteLLM abbreviates it, anything else as given. */
export function shownKey(key: string): string {
  return key.startsWith("sk-") ? `sk-...${key.slice(-4)}` : key;
}

/** `test` for each item, at most AT_ONCE at a time, in the items' order. */
async function eachLimited<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean[]> {
  const results: boolean[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await test(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
  return results;
}

/** A key (or its hash) LiteLLM still has: /key/info keeps answering for a deleted key, marked "deleted". */
async function keyHeld(lookup: Lookup, key: string): Promise<boolean> {
  const answer = await lookup.find("/key/info", { params: { query: { key: keyHash(key) } } });
  return answer !== undefined && (answer as { info?: { status?: unknown } } | null)?.info?.status !== "deleted";
}

/** An alias some live key carries; LiteLLM keeps aliases unique among live keys and matches this one exactly. */
async function aliasHeld(lookup: Lookup, alias: string): Promise<boolean> {
  const answer = await lookup.get("/key/list", { params: { query: { key_alias: alias, return_full_object: true, page: 1, size: 10 } } });
  const rows = (answer as { keys?: unknown } | null)?.keys;
  return Array.isArray(rows) && rows.some((row) => (row as { key_alias?: unknown } | null)?.key_alias === alias);
}

/** Of `names` (keys, hashes, or aliases when `byAlias`), those LiteLLM holds now. */
export async function heldKeys(lookup: Lookup, names: readonly string[], byAlias: boolean): Promise<Set<string>> {
  const held = await eachLimited(names, (name) => (byAlias ? aliasHeld(lookup, name) : keyHeld(lookup, name)));
  return new Set(names.filter((_, i) => held[i]));
}
