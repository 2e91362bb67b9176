// LiteLLM's duration strings ("30m", "24h", "7d", "1mo"), checked before they reach the proxy, which
// otherwise answers a typo with a 500 and a Python traceback. A duration must also last: "0s" mints a key
// that is expired when it is handed out (and update_key {"duration": "0s"} expires one without a word), and
// "99999999999d" overflows LiteLLM's date arithmetic (HTTP 500 "Python int too large").

import { z } from "zod";
import { DURATION_PATTERN, durationSeconds } from "./duration-seconds.js";

export { DURATION_PATTERN, durationSeconds };

/** The shortest duration taken: anything shorter is over before anyone could use what it times. */
export const MIN_DURATION = { text: "1m", seconds: 60 };
/** The longest: a hundred years, far past any key's use and well inside what LiteLLM can add to a date. */
export const MAX_DURATION = { text: "36500d", seconds: 36_500 * 86_400 };

export const duration = z
  .string()
  .max(16)
  .regex(DURATION_PATTERN, 'Use a number and a unit, e.g. "30m", "24h", "7d", "1mo".')
  .refine((text) => {
    const seconds = durationSeconds(text);
    // Not a duration at all: the pattern above says so.
    return seconds === undefined || (seconds >= MIN_DURATION.seconds && seconds <= MAX_DURATION.seconds);
  }, `A duration must be at least ${MIN_DURATION.text} and at most ${MAX_DURATION.text}: "0s" would be over before it starts.`);
