// LiteLLM stores and logs a virtual key as the sha256 hex of "sk-..."; its routes accept that hash wherever
// they accept the key. Tools that must put a key in a URL or filter logs by key send the hash, so the
// secret never lands in a URL, an access log or LiteLLM's error messages.

import { createHash } from "node:crypto";

/** The hash LiteLLM knows a key by; a hash passes through unchanged. */
export function keyHash(key: string): string {
  return key.startsWith("sk-") ? createHash("sha256").update(key).digest("hex") : key;
}
