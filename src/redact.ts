// Removes secrets from any text before it leaves the process. LiteLLM echoes key fragments in its error
// messages ("sk-...6789"), so a secret is matched in full and by any prefix or suffix of 6+ characters.
// Matching is a linear scan, not a pattern of every fragment: a caller may pass a megabyte-long "key",
// and listing its fragments would take quadratic time and memory.

export const REDACTED = "[redacted]";
const MIN_FRAGMENT = 6;

type Span = [start: number, end: number];

/** Every occurrence of the secret's first 6 characters, extended as far as the text keeps following the secret. */
function prefixSpans(text: string, secret: string, spans: Span[]): void {
  const head = secret.slice(0, MIN_FRAGMENT);
  for (let at = text.indexOf(head); at !== -1; ) {
    let end = at + head.length;
    while (end - at < secret.length && text[end] === secret[end - at]) end++;
    spans.push([at, end]);
    at = text.indexOf(head, end);
  }
}

/** Every occurrence of the secret's last 6 characters, extended backwards while the text matches the secret's tail. */
function suffixSpans(text: string, secret: string, spans: Span[]): void {
  const tail = secret.slice(-MIN_FRAGMENT);
  for (let at = text.lastIndexOf(tail); at !== -1; ) {
    const end = at + tail.length;
    let start = at;
    while (end - start < secret.length && start > 0 && text[start - 1] === secret[secret.length - (end - start) - 1]) start--;
    spans.push([start, end]);
    if (start < tail.length) break;
    at = text.lastIndexOf(tail, start - tail.length);
  }
}

/** A secret shorter than a fragment is matched only in full. */
function wholeSpans(text: string, secret: string, spans: Span[]): void {
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length)) spans.push([at, at + secret.length]);
}

/** Replaces every occurrence of each secret (or a ≥6-character prefix/suffix of it) with [redacted]. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const spans: Span[] = [];
  for (const secret of secrets) {
    if (!secret) continue;
    if (secret.length < MIN_FRAGMENT) {
      wholeSpans(text, secret, spans);
    } else {
      prefixSpans(text, secret, spans);
      suffixSpans(text, secret, spans);
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let cursor = 0;
  for (let i = 0; i < spans.length; ) {
    const start = spans[i]![0];
    let end = spans[i]![1];
    // Overlapping matches (a prefix and a suffix of the same key, two secrets) become one [redacted].
    for (i++; i < spans.length && spans[i]![0] < end; i++) end = Math.max(end, spans[i]![1]);
    out += text.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  return out + text.slice(cursor);
}
