// LiteLLM's duration strings ("30m", "24h", "7d", "1mo"), checked before they reach the proxy, which
// otherwise answers a typo with a 500 and a Python traceback.

import { z } from "zod";

/** A LiteLLM duration: a count, then the unit (captured). The operator's policy reads durations with it too. */
export const DURATION_PATTERN = /^\d+(s|m|h|d|w|mo)$/;

export const duration = z.string().regex(DURATION_PATTERN, 'Use a number and a unit, e.g. "30m", "24h", "7d", "1mo".');
