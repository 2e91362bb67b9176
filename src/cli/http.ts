// `litellm-mcp --http`: settings from the environment, the refusal to serve a non-loopback address
// without an access token (unless each caller brings their own LiteLLM key), the listening address on
// stderr, and a clean exit on SIGTERM or SIGINT.

import { loadConfig, type Config } from "../config/config.js";
import { ConfigError } from "../errors.js";
import { isLoopback, allowedHostsFor, normalizeHost } from "../mcp/http-guard.js";
import { startHttpServer } from "../mcp/http-server.js";
import { policyNotices } from "../policy/policy.js";
import { createStderrLogger } from "../log.js";
import { VERSION } from "../version.js";
import { exitCleanlyOnSignals, masterKeyState } from "./shutdown.js";

/** Shorter tokens are guessable; `openssl rand -hex 32` makes a good one. */
const MIN_TOKEN_LENGTH = 16;

function accessToken(env: NodeJS.ProcessEnv, bindHost: string, auth: Config["auth"]): string | undefined {
  const token = env.LITELLM_MCP_HTTP_TOKEN?.trim() || undefined;
  if (auth === "caller") {
    // The Authorization header carries each caller's LiteLLM key, and LiteLLM checking that key is the access control.
    if (token !== undefined) {
      throw new ConfigError(
        "LITELLM_MCP_HTTP_TOKEN cannot be combined with LITELLM_MCP_AUTH=caller: each request's Authorization header carries the caller's own LiteLLM key, which LiteLLM checks. Unset LITELLM_MCP_HTTP_TOKEN.",
      );
    }
    return undefined;
  }
  if (token === undefined && !isLoopback(bindHost)) {
    throw new ConfigError(
      `Serving on ${bindHost} makes the tools reachable from other machines, so LITELLM_MCP_HTTP_TOKEN must be set (e.g. to the output of \`openssl rand -hex 32\`); clients then send it as Authorization: Bearer <token>. To stay on this machine, leave out --host.`,
    );
  }
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(`LITELLM_MCP_HTTP_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters long.`);
  }
  return token;
}

function gate(token: string | undefined, config: Config, bindHost: string): string {
  if (config.auth === "caller") return ", each caller's LiteLLM key required";
  if (token) return ", access token required";
  return isLoopback(bindHost) ? ", loopback only" : "";
}

export async function runHttp(options: { host: string; port: number }): Promise<void> {
  const config = loadConfig();
  const token = accessToken(process.env, options.host, config.auth);
  const extraHosts = (process.env.LITELLM_MCP_HTTP_ALLOWED_HOSTS ?? "").split(",").filter((h) => h.trim());
  const log = createStderrLogger(() => [config.masterKey, token]);

  const running = await startHttpServer(config, {
    host: options.host,
    port: options.port,
    log,
    allowedHosts: allowedHostsFor(options.host, extraHosts),
    frontedHosts: new Set(extraHosts.map(normalizeHost).filter((name): name is string => name !== undefined)),
    ...(token ? { token } : {}),
  });

  exitCleanlyOnSignals(log, () => running.close());

  log(
    "info",
    `${VERSION} listening on ${running.url} (stateless Streamable HTTP${gate(token, config, options.host)}) serving LiteLLM at ${config.host}; ${masterKeyState(config)}`,
  );
  for (const notice of policyNotices(config.policy)) log("warn", notice);
}
