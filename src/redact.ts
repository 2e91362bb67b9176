// Removes secrets from any text before it leaves the process. LiteLLM echoes key fragments in its error
// messages ("sk-...6789"), so a secret is matched in full and by any prefix or suffix of 6+ characters.
// Matching is a linear scan, not a pattern of every fragment: a caller may pass a megabyte-long "key",
// and listing its fragments would take quadratic time and memory.

export const REDACTED = "[redacted]";
export const MIN_FRAGMENT = 6;

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

/** Where the secrets (or their 6+-character prefixes or suffixes) occur in `text`: sorted, overlaps merged. */
function redactionSpans(text: string, secrets: readonly (string | undefined)[]): Span[] {
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
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    // Overlapping matches (a prefix and a suffix of the same key, two secrets) become one [redacted].
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Replaces every occurrence of each secret (or a ≥6-character prefix/suffix of it) with [redacted]. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const spans = redactionSpans(text, secrets);
  if (spans.length === 0) return text;
  let out = "";
  let cursor = 0;
  for (const [start, end] of spans) {
    out += text.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** A LiteLLM key: LiteLLM issues "sk-" keys and refuses a master key without that prefix. */
const KEY_SHAPED = /sk-[A-Za-z0-9_-]{4,}/g;

/** Replaces whatever looks like a LiteLLM key, for text where a key may sit where no setting says one is. */
export function redactKeyShaped(text: string): string {
  return text.replace(KEY_SHAPED, REDACTED);
}

export interface PieceRedactor {
  /** Adds text that arrived. */
  push(text: string): void;
  /** The redacted text that may go out now, following what earlier calls returned; `final` releases the rest. */
  take(final: boolean): string;
  /** How many characters of the pushed text the taken text covers so far. */
  released(): number;
}

/**
 * Redacts text that arrives and leaves in pieces (streamed progress), in time linear in the text. A secret
 * can straddle two pieces, so the last (longest secret − 1) characters are held back until more text
 * arrives, and each piece is matched together with that many characters before it: every occurrence
 * that touches a piece is then seen whole, and one never leaves half redacted.
 */
export function pieceRedactor(secrets: readonly (string | undefined)[]): PieceRedactor {
  const context = Math.max(0, ...secrets.map((secret) => (secret ? secret.length - 1 : 0)));
  let window = ""; // the text from `base` on: `context` characters already sent, then what has not been
  let base = 0;
  let sent = 0;
  return {
    push(text) {
      window += text;
    },
    take(final) {
      const from = sent - base;
      let end = final ? window.length : window.length - context;
      if (end <= from) return "";
      const spans = redactionSpans(window, secrets);
      // An occurrence that runs past the end goes out whole (as [redacted]), never cut in two.
      for (const [start, stop] of spans) if (start < end && stop > end) end = stop;
      let out = "";
      let cursor = from;
      for (const [start, stop] of spans) {
        if (stop <= cursor) continue;
        if (start >= end) break;
        // Begun in text already sent, where it was redacted (or too short to be a fragment): skip the rest.
        if (start >= cursor) out += window.slice(cursor, start) + REDACTED;
        cursor = stop;
      }
      if (cursor < end) out += window.slice(cursor, end);
      sent = base + Math.max(cursor, end);
      const keep = Math.max(0, sent - base - context);
      window = window.slice(keep);
      base += keep;
      return out;
    },
    released: () => sent,
  };
}
