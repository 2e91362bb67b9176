// The server's settings, read once from the environment and validated, so a bad value fails at start
// with the variable's name. A missing master key is not an error here: only admin tools need it. Which
// variables there are and what an unset one means is src/config/variables.ts.

import { ConfigError } from "../errors.js";
import { durationSeconds } from "../litellm/duration-seconds.js";
import type { Policy } from "../policy/operator-policy.js";
import { metadataFieldsFrom } from "../policy/metadata.js";
import { VARIABLES, type WithDefault } from "./variables.js";

/**
 * LITELLM_MCP_AUTH: whose key the tools send. "master": the operator's LITELLM_MASTER_KEY for admin routes
 * (and the virtual key a completion names). "caller" (HTTP only): the server holds no key at all; every
 * tool sends the LiteLLM key that the MCP request itself carries, so LiteLLM's roles decide.
 */
export type AuthMode = "master" | "caller";

export interface Config {
  /** Base URL of the LiteLLM proxy, without a trailing slash. */
  host: string;
  auth: AuthMode;
  /** LITELLM_MASTER_KEY: sent only to admin routes, never returned or logged. Never set in caller mode. */
  masterKey?: string;
  /** Request timeouts: admin calls are quick; completions may legitimately take a while. */
  adminTimeoutMs: number;
  completionTimeoutMs: number;
  /** Largest response body read from LiteLLM; reading stops there. */
  maxResponseBytes: number;
  /** Operator-set limits, enforced by src/policy/policy.ts before anything is sent. */
  policy: Policy;
  /** Automatic retries of idempotent reads (src/litellm/retry.ts): how many, and the longest single wait. */
  retry: { retries: number; maxWaitMs: number };
  /**
   * LITELLM_MCP_REQUIRE_CONFIRMATION: destructive calls that need a person's yes (src/mcp/confirmation.ts) are
   * refused where the MCP client cannot ask for one, instead of being sent unasked.
   */
  requireConfirmation: boolean;
}

type Env = Record<string, string | undefined>;

/** A whole number of at least `min`: 1 for sizes and timeouts, 0 where zero turns a feature off. */
function wholeNumber(env: Env, name: WithDefault<number>, min: 0 | 1): number {
  const raw = env[name]?.trim();
  if (!raw) return VARIABLES[name].default;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be ${min === 1 ? "a positive whole number" : "a whole number (0 or more)"}, got "${raw}".`);
  }
  return value;
}

/** What an Authorization header can carry: fetch throws on a space, a control or a non-ASCII character. */
export function isHeaderSafeKey(key: string): boolean {
  return /^[\x21-\x7e]+$/.test(key);
}

function flag(env: Env, name: WithDefault<boolean>): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return VARIABLES[name].default;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}".`);
}

function nameList(env: Env, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || !raw.trim()) return undefined;
  const names = raw.split(",").map((n) => n.trim());
  if (names.some((n) => !n)) throw new ConfigError(`${name} must be a comma-separated list of names without empty entries, got "${raw}".`);
  return [...new Set(names)];
}

function positiveAmount(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive amount in USD, such as 10 or 2.5, got "${raw}".`);
  return value;
}

function policyFrom(env: Env): Policy {
  const rawDuration = env.LITELLM_MCP_MAX_KEY_DURATION?.trim();
  const seconds = rawDuration ? durationSeconds(rawDuration) : undefined;
  if (rawDuration && !seconds) {
    throw new ConfigError(`LITELLM_MCP_MAX_KEY_DURATION must be a positive number and a unit (s, m, h, d, w, mo) such as "30d", got "${rawDuration}".`);
  }
  const allowNoExpiry = flag(env, "LITELLM_MCP_ALLOW_NO_EXPIRY");
  if (allowNoExpiry && rawDuration) {
    throw new ConfigError("LITELLM_MCP_ALLOW_NO_EXPIRY=true contradicts LITELLM_MCP_MAX_KEY_DURATION: a key that never expires outlasts any maximum. Unset one of them.");
  }
  const allowedModels = nameList(env, "LITELLM_MCP_ALLOWED_MODELS");
  const maxBudget = positiveAmount(env, "LITELLM_MCP_MAX_BUDGET");
  const maxUserBudget = positiveAmount(env, "LITELLM_MCP_MAX_USER_BUDGET");
  const maxTeamBudget = positiveAmount(env, "LITELLM_MCP_MAX_TEAM_BUDGET");
  const requireBudget = flag(env, "LITELLM_MCP_REQUIRE_BUDGET");
  const ceilings = [
    ["LITELLM_MCP_MAX_BUDGET", maxBudget],
    ["LITELLM_MCP_MAX_USER_BUDGET", maxUserBudget],
    ["LITELLM_MCP_MAX_TEAM_BUDGET", maxTeamBudget],
    ["LITELLM_MCP_REQUIRE_BUDGET", requireBudget || undefined],
  ].filter(([, value]) => value !== undefined).map(([variable]) => variable as string);
  const metadataFields = metadataFieldsFrom(nameList(env, "LITELLM_MCP_METADATA_FIELDS"), { set: ceilings.length > 0, variables: ceilings.join(", ") });
  const toolsets = nameList(env, "LITELLM_MCP_TOOLSETS");
  const tools = nameList(env, "LITELLM_MCP_TOOLS");
  return {
    ...(allowedModels ? { allowedModels } : {}),
    ...(rawDuration && seconds ? { maxKeyDuration: { text: rawDuration, seconds } } : {}),
    allowNoExpiry,
    ...(maxBudget !== undefined ? { maxBudget } : {}),
    ...(maxUserBudget !== undefined ? { maxUserBudget } : {}),
    ...(maxTeamBudget !== undefined ? { maxTeamBudget } : {}),
    requireBudget,
    metadataFields,
    readOnly: flag(env, "LITELLM_MCP_READ_ONLY"),
    ...(toolsets ? { toolsets } : {}),
    ...(tools ? { tools } : {}),
    disabledTools: nameList(env, "LITELLM_MCP_DISABLED_TOOLS") ?? [],
  };
}

function hostUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`LITELLM_HOST must be a URL such as http://localhost:4000, got "${raw}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`LITELLM_HOST must start with http:// or https://, got "${raw}".`);
  }
  if (url.username || url.password) {
    throw new ConfigError("LITELLM_HOST must not carry credentials; put the master key in LITELLM_MASTER_KEY.");
  }
  return url.href.replace(/\/+$/, "");
}

function authMode(env: Env, masterKey: string | undefined): AuthMode {
  const raw = env.LITELLM_MCP_AUTH?.trim().toLowerCase() || VARIABLES.LITELLM_MCP_AUTH.default;
  if (raw !== "master" && raw !== "caller") throw new ConfigError(`LITELLM_MCP_AUTH must be "master" or "caller", got "${env.LITELLM_MCP_AUTH}".`);
  // A server that acts for each caller must not be able to do more than they can.
  if (raw === "caller" && masterKey) {
    throw new ConfigError(
      "LITELLM_MCP_AUTH=caller sends each caller's own LiteLLM key, so this server must not hold the master key: unset LITELLM_MASTER_KEY.",
    );
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const masterKey = env.LITELLM_MASTER_KEY?.trim();
  // It goes into an Authorization header: a character fetch cannot send would fail every admin call.
  if (masterKey && !isHeaderSafeKey(masterKey)) {
    throw new ConfigError("LITELLM_MASTER_KEY has spaces, control or non-ASCII characters, which no LiteLLM key has; copy it again from the proxy's config.");
  }
  return {
    host: hostUrl(env.LITELLM_HOST?.trim() || VARIABLES.LITELLM_HOST.default),
    auth: authMode(env, masterKey),
    ...(masterKey ? { masterKey } : {}),
    adminTimeoutMs: wholeNumber(env, "LITELLM_MCP_ADMIN_TIMEOUT_MS", 1),
    completionTimeoutMs: wholeNumber(env, "LITELLM_MCP_COMPLETION_TIMEOUT_MS", 1),
    maxResponseBytes: wholeNumber(env, "LITELLM_MCP_MAX_RESPONSE_BYTES", 1),
    policy: policyFrom(env),
    retry: {
      retries: wholeNumber(env, "LITELLM_MCP_RETRIES", 0),
      maxWaitMs: wholeNumber(env, "LITELLM_MCP_RETRY_MAX_WAIT_MS", 1),
    },
    requireConfirmation: flag(env, "LITELLM_MCP_REQUIRE_CONFIRMATION"),
  };
}
