// How deep JSON may nest on its way through the bridge. JSON.stringify and every walk over a value
// (redaction, the output check) recurse, so a value nested some thousands of levels deep overflows the
// stack: an internal error instead of a sentence. Measured here without recursion, at both borders.

/**
 * Levels of objects and arrays an argument may hold. LiteLLM 1.108.7 stores a key's metadata 120 levels
 * deep and fails with HTTP 500 at 150; nothing real comes near either.
 */
export const MAX_ARGUMENT_DEPTH = 100;

/** Levels LiteLLM's answer may have: anything it stores, echoed inside its own wrapping, fits far below. */
export const MAX_ANSWER_DEPTH = 1_000;

/** Whether `value` holds objects or arrays nested more than `limit` levels deep (a scalar has none). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === "object" && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/** The first argument nested too deep, or undefined. */
export function tooDeepArgument(args: Record<string, unknown>): string | undefined {
  return Object.keys(args).find((name) => nestedDeeperThan(args[name], MAX_ARGUMENT_DEPTH));
}
