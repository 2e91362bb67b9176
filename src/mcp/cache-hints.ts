// What a 2026-07-28 client may cache of this server's answers, for how long and for whom (ttlMs and
// cacheScope on the cacheable results: tools/list and server/discover; tool results are never cacheable).
// Both answers are built from the server's settings alone, so they change only when the operator restarts
// it with other settings.

import type { ServerOptions } from "@modelcontextprotocol/server";
import type { AuthMode } from "../config/config.js";

/** How long a client keeps offering a tool after a restart that removed it: a few minutes, not a session. */
export const LIST_TTL_MS = 5 * 60_000;

/**
 * With a master key every caller is served the same list, so a shared cache may hold it ("public"). In caller
 * mode the list is answered to one caller's key, and everything that caller is answered is theirs alone
 * ("private"): a shared cache must not hand it to a request that never showed a key.
 */
export function cacheHintsFor(auth: AuthMode): NonNullable<ServerOptions["cacheHints"]> {
  const hint = { ttlMs: LIST_TTL_MS, cacheScope: auth === "caller" ? "private" : "public" } as const;
  return { "tools/list": hint, "server/discover": hint };
}
