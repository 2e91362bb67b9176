// LiteLLM failures recognised by their error type or wording, each told as what it means for the reader:
// a missing or unreachable database, a spent budget, a blocked, unknown or restricted key, a value too large,
// a deployment without its provider key, and LiteLLM's own unhandled errors. The wording was recorded from a real LiteLLM 1.108.7, with and without its database.

import type { Credential } from "./credential.js";
import { UpstreamError } from "../errors.js";

// LiteLLM words "no database" differently per route and release: "No connected db.", "DB not connected",
// "Database not connected", "Not connected to DB!"; spend routes say the ORM is missing instead.
const NO_DATABASE = /no connected db|db not connected|database not connected|not connected to db|prisma client is not initialized/i;

/** The auth lookup of a key that is not the master key, on a proxy without a database. */
const KEY_LOOKUP_WITHOUT_DATABASE = /^no connected db\.?$/i;

/** A database that is configured but out of reach right now (LiteLLM reconnects when it is back). */
const DATABASE_UNREACHABLE = /temporarily unreachable|can't reach database server/i;

/** Every budget LiteLLM enforces words its refusal with the spend and the limit, in one of two forms. */
const BUDGET_FIGURES = /(?:Current cost:|Spend=)\s*(-?[\d.]+(?:e-?\d+)?).*?(?:Max budget:|Budget=)\s*(-?[\d.]+(?:e-?\d+)?)/i;
/** Whose budget: "Key=...", "User=...", "Team=...", "Organization=...", and so on. */
const BUDGET_OWNER = /\b(Key|User|Team|TeamMember|End User|Project|Organization|Tag|Model access group)=(\S+)/;

/**
 * Python's overflow errors, which LiteLLM passes on when a duration or number is too large to become a date
 * (on /key/generate a 500, on /key/update a 400 that calls itself an authentication error): from timedelta,
 * from adding it to now, and from adding months.
 */
const TOO_LARGE = /Python int too large|must have magnitude <=|date value out of range|year -?\d+ is out of range|signed integer is greater than maximum|OverflowError/i;

/** A deployment whose provider needs a key it was not given: LiteLLM wraps the provider SDK's refusal. */
const NO_PROVIDER_KEY = /Missing credentials|api_key client option must be set/i;

/** LiteLLM names the model a completion failed for on a later line of its message. */
const MODEL_GROUP = /model group '([^']+)'/;

function errorType(body: unknown): string | undefined {
  const type = (body as { error?: { type?: unknown } } | null)?.error?.type;
  return typeof type === "string" ? type : undefined;
}

/** The key a caller's failure is about: the one in `key`, or in caller mode the one the MCP client sends. */
export function callersKey(asCaller: boolean): string {
  return asCaller ? "the LiteLLM key your MCP client sends" : 'the virtual key given in "key"';
}

/** A phrase such as callersKey's, opening a sentence. */
export const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

function databaseFailure(status: number, type: string | undefined, message: string | undefined, credential: Credential, asCaller: boolean): UpstreamError | undefined {
  if (message && DATABASE_UNREACHABLE.test(message)) {
    return new UpstreamError(
      `LiteLLM cannot reach its database right now (HTTP ${status}), so nothing that needs keys, users, teams or spend works. Check that the PostgreSQL server behind the proxy is running; LiteLLM reconnects by itself once it is.`,
      status,
    );
  }
  if (type !== "no_db_connection" && !(message && NO_DATABASE.test(message))) return undefined;
  // Without a database LiteLLM knows only its master key: any other key fails its auth lookup.
  if (status < 500 && (type === "no_db_connection" || (message && KEY_LOOKUP_WITHOUT_DATABASE.test(message)))) {
    return new UpstreamError(
      credential === "master"
        ? "LiteLLM did not accept LITELLM_MASTER_KEY: it is not this proxy's master key (the proxy has no database, so it knows no other keys)."
        : `LiteLLM did not accept ${callersKey(asCaller)}: the proxy has no database, so it accepts no virtual keys until one is connected (DATABASE_URL).`,
      status,
    );
  }
  return new UpstreamError(
    "The LiteLLM proxy has no database connected, and virtual keys need one: start the proxy with DATABASE_URL set, then try again.",
    status,
  );
}

/** "$0.0000355": USD with three significant digits, never in exponent form. */
function dollars(raw: string): string {
  return `$${Number(raw).toLocaleString("en-US", { maximumSignificantDigits: 3, maximumFractionDigits: 20 })}`;
}

function budgetSpent(status: number, message: string): UpstreamError {
  const figures = BUDGET_FIGURES.exec(message);
  const owner = BUDGET_OWNER.exec(message);
  const isKey = !owner || owner[1] === "Key";
  const whose = isKey ? "the key's budget" : `the budget of ${owner[1]!.toLowerCase()} ${owner[2]}`;
  const used = figures ? `: ${dollars(figures[1]!)} spent of ${dollars(figures[2]!)}` : "";
  const remedy = isKey ? "Raise its max_budget with update_key, or use another key." : "An admin can raise that budget in LiteLLM.";
  return new UpstreamError(`LiteLLM refused the call because ${whose} is used up (HTTP ${status})${used}. ${remedy}`, status);
}

/** The whole of LiteLLM's error message, every line of it (liteLLMMessage keeps the first). */
function fullMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === "string" ? message : "";
}

/** Failures that come back the same on every try, told as such: what is wrong, and who can change it. */
function permanentFailure(status: number, body: unknown, message: string | undefined): UpstreamError | undefined {
  if (!message) return undefined;
  if (TOO_LARGE.test(message)) {
    return new UpstreamError(
      `LiteLLM cannot handle a value this large (HTTP ${status}: ${message}): a duration or number in the call is beyond what it can turn into a date or store. Retrying will not help; use a smaller value.`,
      status,
    );
  }
  if (NO_PROVIDER_KEY.test(message)) {
    const model = MODEL_GROUP.exec(fullMessage(body))?.[1];
    return new UpstreamError(
      `The deployment behind ${model ? `model "${model}"` : "this model"} has no provider key: its credential is missing from LiteLLM (HTTP ${status}, LiteLLM said: ${message}). Retrying will not help: a proxy admin must point it at a credential LiteLLM stores (update_model), or fix the proxy's config.`,
      status,
    );
  }
  return undefined;
}

/** The model a key may not call, from "The requested model 'x' is not available for this API key...". */
function deniedModel(message: string | undefined): string | undefined {
  return message ? /model '([^']+)'/.exec(message)?.[1] : undefined;
}

/**
 * The sentence for a failure LiteLLM identifies by type or wording, or undefined for anything else.
 * `message` is the human part of the body (see liteLLMMessage). In caller mode (`asCaller`) every tool
 * sends the caller's own key, so what is said of a caller's key applies to every tool's failure.
 */
export function knownFailure(status: number, body: unknown, message: string | undefined, toolCredential: Credential, asCaller = false): UpstreamError | undefined {
  const type = errorType(body);
  const credential: Credential = asCaller && toolCredential !== "none" ? "caller" : toolCredential;
  const key = callersKey(asCaller);
  const database = databaseFailure(status, type, message, credential, asCaller);
  if (database) return database;
  if (type === "budget_exceeded" || (message && /budget has been exceeded|ExceededBudget/i.test(message))) return budgetSpent(status, message ?? "");
  const permanent = permanentFailure(status, body, message);
  if (permanent) return permanent;
  if (credential === "caller" && status === 401 && message && /key is blocked/i.test(message)) {
    return new UpstreamError(`${capitalized(key)} is blocked (HTTP 401): LiteLLM refuses its calls until an admin unblocks it (unblock_key).`, status);
  }
  if (credential === "caller" && status === 401 && type === "token_not_found_in_db") {
    return new UpstreamError(`LiteLLM does not know ${key} (HTTP 401): it is mistyped, or it has been deleted.`, status);
  }
  if (credential === "caller" && type === "key_model_access_denied") {
    const model = deniedModel(message);
    return new UpstreamError(
      `${capitalized(key)} may not call ${model ? `model "${model}"` : "this model"} (HTTP ${status}): get_key_info lists the models it may call.`,
      status,
    );
  }
  // LiteLLM's handler of last resort: the exception's own message is not in the answer.
  if (status === 500 && type === "internal_server_error" && message === "Internal server error") {
    return new UpstreamError(
      'LiteLLM failed with an error it did not handle (HTTP 500 "Internal server error") and gave no reason; the proxy\'s log has it. Retrying rarely helps: on key routes, a proxy without a database fails this way (check_health shows its "db").',
      status,
    );
  }
  return undefined;
}
