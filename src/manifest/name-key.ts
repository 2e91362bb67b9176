// Names people type (team aliases, credential names) compared as a person reads them: two names that
// differ only in case or in the kind and number of spaces are the same name to whoever reads a listing.

/** Unicode-normalized, spaces of any kind collapsed, trimmed, in lower case. */
export function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/gu, " ").trim().toLowerCase();
}
