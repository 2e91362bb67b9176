// How listing tools show a virtual key: enough to identify and judge it, never a usable secret. LiteLLM
// stores only hashes, but a listing must not depend on that: a raw sk- value is dropped wherever it shows.

import { z } from "zod";
import { documentedFields } from "./documented-fields.js";

export const keySummary = z.object({
  token: z.string().nullable().describe("Hashed id; other key tools accept it as key."),
  key_alias: z.string().nullable(),
  key_name: z.string().nullable().describe('Abbreviated, e.g. "sk-...abcd".'),
  user_id: z.string().nullable(),
  team_id: z.string().nullable(),
  models: z.array(z.string()).nullable(),
  spend: z.number().nullable(),
  max_budget: z.number().nullable(),
  expires: z.string().nullable(),
  blocked: z.boolean().nullable(),
});

/** Whether a string is (or starts like) a usable key. */
function isKey(value: unknown): boolean {
  return typeof value === "string" && value.startsWith("sk-");
}

/** LiteLLM abbreviates key names as "sk-...abcd" (the last four characters); anything else is not shown. */
const ABBREVIATED = /^sk-\.\.\.[A-Za-z0-9_-]{1,8}$/;

/**
 * One entry of a key listing: LiteLLM gives bare hashed tokens, or key rows when asked for full objects.
 * Every field is free text to LiteLLM (an alias or a user id can be anything), so an sk- value is
 * dropped wherever it shows: a string becomes null, a list loses it; key_name keeps only the
 * abbreviated form.
 */
export function summarizeKey(entry: unknown): Record<keyof typeof keySummary.shape, unknown> {
  const picked = documentedFields(keySummary, typeof entry === "string" ? { token: entry } : entry);
  const safe = Object.fromEntries(
    Object.entries(picked).map(([field, value]) => [field, Array.isArray(value) ? value.filter((item) => !isKey(item)) : isKey(value) ? null : value]),
  ) as typeof picked;
  const keyName = picked.key_name;
  return { ...safe, key_name: typeof keyName === "string" && ABBREVIATED.test(keyName) ? keyName : null };
}
