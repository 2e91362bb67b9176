// What a LiteLLM duration string ("30m", "24h", "7d", "1mo") lasts, in seconds. Apart from the duration
// schema (duration.ts) because the operator's policy reads durations too, and the stdio start loads the
// policy without zod.

/** A LiteLLM duration: a count, then the unit (captured). The operator's policy reads durations with it too. */
export const DURATION_PATTERN = /^\d+(s|m|h|d|w|mo)$/;

// LiteLLM counts "mo" in calendar months; a month is taken at its longest so no limit can be exceeded by one.
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, mo: 31 * 86_400 };

/** Seconds in a LiteLLM duration such as "30m", "24h", "7d", "1mo"; undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const unit = DURATION_PATTERN.exec(text)?.[1];
  return unit ? Number(text.slice(0, -unit.length)) * UNIT_SECONDS[unit]! : undefined;
}
