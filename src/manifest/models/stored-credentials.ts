// A deployment added on a credential LiteLLM does not have is stored all the same, and every call to it
// then fails after seconds with HTTP 500 "Missing credentials". add_model checks the name first, against
// LiteLLM's list of stored credentials (GET /credentials: names and masked values; only names are read).

import type { AroundCall, Lookup } from "../../litellm/lookup.js";
import { InputError, UpstreamError } from "../../errors.js";
import { nameKey } from "../name-key.js";

/** What checking a credential name reads: an entry using refuseMissingCredential declares it. */
export const STORED_CREDENTIALS_READS = ["GET /credentials"] as const satisfies readonly AroundCall[];

/** How many stored names a refusal lists: enough to spot a typo, not a page of them. */
const LISTED = 10;

const UNCHECKED = "so the credential name could not be checked, and nothing was added";

async function storedCredentialNames(lookup: Lookup): Promise<string[]> {
  let answer: unknown;
  try {
    answer = await lookup.getUnlisted("/credentials");
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    throw new UpstreamError(`Reading LiteLLM's stored credentials (GET /credentials) failed, ${UNCHECKED}: ${error.message}`, error.status, error.retryAfterSeconds);
  }
  const rows = (answer as { credentials?: unknown } | null)?.credentials;
  if (!Array.isArray(rows)) throw new UpstreamError(`LiteLLM's answer to GET /credentials has no list of credentials, ${UNCHECKED}.`);
  return rows.map((row) => (row as { credential_name?: unknown } | null)?.credential_name).filter((name): name is string => typeof name === "string");
}

/** Throws an InputError when LiteLLM stores no credential called `name`, naming the ones it does. */
export async function refuseMissingCredential(lookup: Lookup, name: string): Promise<void> {
  const names = await storedCredentialNames(lookup);
  if (names.includes(name)) return;
  const alike = names.find((stored) => nameKey(stored) === nameKey(name));
  const known =
    names.length === 0
      ? "It stores no credentials at all"
      : alike
        ? `It has "${alike}", which differs only in case or spacing`
        : `It has ${names.slice(0, LISTED).map((n) => `"${n}"`).join(", ")}${names.length > LISTED ? ` and ${names.length - LISTED} more` : ""}`;
  throw new InputError(
    `LiteLLM has no credential named "${name}", so a deployment on it could never answer (every call would fail with "Missing credentials"); nothing was added. ${known}. Store the credential first (LiteLLM's UI: Models → Credentials, or POST /credentials), then add the model.`,
  );
}
