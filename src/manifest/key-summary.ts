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

/** A hash or id passes; a value that is itself a key (sk-...) does not. */
function notAKey(value: unknown): unknown {
  return typeof value === "string" && value.startsWith("sk-") ? null : value;
}

/** LiteLLM abbreviates key names as "sk-...abcd"; anything else in that field is not shown. */
function abbreviated(value: unknown): unknown {
  return typeof value === "string" && !value.includes("...") ? null : value;
}

/** One entry of a key listing: LiteLLM gives bare hashed tokens, or key rows when asked for full objects. */
export function summarizeKey(entry: unknown): Record<keyof typeof keySummary.shape, unknown> {
  const picked = documentedFields(keySummary, typeof entry === "string" ? { token: entry } : entry);
  return { ...picked, token: notAKey(picked.token), key_name: abbreviated(picked.key_name) };
}
