// Removes secrets from any text before it leaves the process. LiteLLM echoes key fragments in its error
// messages ("sk-...6789"), so a secret is matched in full and by any prefix or suffix of 6+ characters.

export const REDACTED = "[redacted]";
const MIN_FRAGMENT = 6;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every fragment of `secret` that counts as leaking it, longest first so the longest match wins. */
function fragments(secret: string): string[] {
  if (secret.length < MIN_FRAGMENT) return secret ? [secret] : [];
  const parts = new Set<string>([secret]);
  for (let n = secret.length - 1; n >= MIN_FRAGMENT; n--) {
    parts.add(secret.slice(0, n));
    parts.add(secret.slice(-n));
  }
  return [...parts].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret (or a ≥6-character prefix/suffix of it) with [redacted]. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const alternatives = secrets.filter((s): s is string => !!s).flatMap(fragments);
  if (alternatives.length === 0) return text;
  return text.replace(new RegExp(alternatives.map(escapeRegExp).join("|"), "g"), REDACTED);
}
