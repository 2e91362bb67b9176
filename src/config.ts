// The server's settings, read once from the environment and validated, so a bad value fails at start
// with the variable's name. A missing master key is not an error here: only admin tools need it.

import { ConfigError } from "./errors.js";

export interface Config {
  /** Base URL of the LiteLLM proxy, without a trailing slash. */
  host: string;
  /** LITELLM_MASTER_KEY: sent only to admin routes, never returned or logged. */
  masterKey?: string;
  /** Request timeouts: admin calls are quick; completions may legitimately take a while. */
  adminTimeoutMs: number;
  completionTimeoutMs: number;
  /** Largest response body read from LiteLLM; reading stops there. */
  maxResponseBytes: number;
}

type Env = Record<string, string | undefined>;

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive whole number, got "${raw}".`);
  }
  return value;
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

export function loadConfig(env: Env = process.env): Config {
  const masterKey = env.LITELLM_MASTER_KEY?.trim();
  return {
    host: hostUrl(env.LITELLM_HOST?.trim() || "http://localhost:4000"),
    ...(masterKey ? { masterKey } : {}),
    adminTimeoutMs: positiveInt(env, "LITELLM_MCP_ADMIN_TIMEOUT_MS", 15_000),
    completionTimeoutMs: positiveInt(env, "LITELLM_MCP_COMPLETION_TIMEOUT_MS", 60_000),
    maxResponseBytes: positiveInt(env, "LITELLM_MCP_MAX_RESPONSE_BYTES", 10 * 1024 * 1024),
  };
}
