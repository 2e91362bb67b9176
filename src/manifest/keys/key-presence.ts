// Which of the keys a call names LiteLLM holds right now, by key, hashed token or alias, with their rows:
// read one by one, since LiteLLM's key routes answer for a whole list without saying which of it they found.

import { keyRow, type KeyRow } from "../confirmation-previews.js";
import type { AroundCall, Lookup } from "../../litellm/lookup.js";
import { keyHash } from "../../litellm/key-hash.js";

/** What reading keys by key or alias calls: an entry using heldKeys declares these. */
export const KEY_PRESENCE_READS = ["GET /key/info", "GET /key/list"] as const satisfies readonly AroundCall[];

/** Reads in flight at once: enough to be quick over a 50-key call, few enough to spare the proxy. */
const AT_ONCE = 5;

/** How a key is shown in an answer: an sk- key abbreviated the way LiteLLM abbreviates it, anything else as given. */
export function shownKey(key: string): string {
  return key.startsWith("sk-") ? `sk-...${key.slice(-4)}` : key;
}

/** `read` for each item, at most AT_ONCE at a time, in the items' order. */
async function eachLimited<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await read(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
  return results;
}

/** A key (or its hash) LiteLLM still has: /key/info keeps answering for a deleted key, marked "deleted". */
async function keyRows(lookup: Lookup, key: string): Promise<KeyRow[]> {
  const answer = await lookup.find("/key/info", { params: { query: { key: keyHash(key) } } });
  const info = (answer as { info?: { status?: unknown } } | null | undefined)?.info;
  return info && info.status !== "deleted" ? [keyRow.parse(info)] : [];
}

/** The live keys with an alias; LiteLLM keeps aliases unique among live keys and matches this one exactly. */
async function aliasRows(lookup: Lookup, alias: string): Promise<KeyRow[]> {
  const answer = await lookup.get("/key/list", { params: { query: { key_alias: alias, return_full_object: true, page: 1, size: 10 } } });
  const rows = (answer as { keys?: unknown } | null)?.keys;
  return (Array.isArray(rows) ? rows : []).filter((row) => (row as { key_alias?: unknown } | null)?.key_alias === alias).map((row) => keyRow.parse(row));
}

/** Of `names` (keys, hashes, or aliases when `byAlias`), those LiteLLM holds now, each with its rows. */
export async function heldKeys(lookup: Lookup, names: readonly string[], byAlias: boolean): Promise<Map<string, KeyRow[]>> {
  const found = await eachLimited(names, (name) => (byAlias ? aliasRows(lookup, name) : keyRows(lookup, name)));
  return new Map(names.flatMap((name, i) => (found[i]!.length > 0 ? [[name, found[i]!] as const] : [])));
}
