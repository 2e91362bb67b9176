// The two shapes a tool call ends in. Success: structuredContent plus the same JSON as text (for clients
// that read only text). Failure: isError with one sentence. Both pass through redact() on the way out.

import type { CallToolResult } from "@modelcontextprotocol/server";
import { MIN_FRAGMENT, redact } from "../redact.js";

type Secrets = readonly (string | undefined)[];

/**
 * Redacts every string, object keys included: free-form fields such as metadata can carry a secret as
 * a key. Two keys that redact alike stay apart ("[redacted]", "[redacted] (2)") rather than one
 * silently replacing the other. In keys only secrets of a fragment's length or more are matched: any text
 * can be passed as a caller's "key", and "_" would otherwise rename every field of the output schema;
 * no LiteLLM key is that short.
 */
function redactDeep(value: unknown, secrets: Secrets, keySecrets = secrets.filter((s) => s !== undefined && s.length >= MIN_FRAGMENT)): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, keySecrets));
  if (typeof value === "object" && value !== null) {
    const names = new Set<string>();
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const safe = redact(key, keySecrets);
        let name = safe;
        for (let n = 2; names.has(name); n++) name = `${safe} (${n})`;
        names.add(name);
        return [name, redactDeep(item, secrets, keySecrets)];
      }),
    );
  }
  return value;
}

/** `meta`, when given, is what a view alone reads (hosts keep _meta from the model); it is redacted the same way. */
export function successResult(structured: Record<string, unknown>, secrets: Secrets, meta?: Record<string, unknown>): CallToolResult {
  const safe = redactDeep(structured, secrets) as Record<string, unknown>;
  const result: CallToolResult = { content: [{ type: "text", text: JSON.stringify(safe) }], structuredContent: safe };
  return meta === undefined ? result : { ...result, _meta: redactDeep(meta, secrets) as Record<string, unknown> };
}

export function errorResult(message: string, secrets: Secrets): CallToolResult {
  return { content: [{ type: "text", text: redact(message, secrets) }], isError: true };
}
