// LiteLLM's duration strings ("30m", "24h", "7d", "1mo"), checked before they reach the proxy, which
// otherwise answers a typo with a 500 and a Python traceback.

import { z } from "zod";

export const duration = z.string().regex(/^\d+(s|m|h|d|w|mo)$/, 'Use a number and a unit, e.g. "30m", "24h", "7d", "1mo".');
