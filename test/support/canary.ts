// The canary keys the safety suites plant, and the leak test: a key counts as leaked the way redact()
// defines it, in full or as any prefix or suffix of 6 or more characters.

import { redact } from "../../src/redact.ts";
import { CANARY_MASTER_KEY } from "./connect.ts";

/** A caller's virtual key the suites pass in; the bridge must not echo it back either. No prefix in common with the master key. */
export const CANARY_CALLER_KEY = "sk-caller-canary-0d9e8f7a6b5c";
export const CANARY_SECRETS = [CANARY_MASTER_KEY, CANARY_CALLER_KEY] as const;

export function leaksCanary(text: string): boolean {
  return redact(text, CANARY_SECRETS) !== text;
}
