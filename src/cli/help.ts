// The text `litellm-mcp --help` prints: every command, and every variable the server reads, grouped by
// what it governs. test/e2e/cli.test.ts holds this list to the variables src/ reads.

import { toolsetNames } from "../policy/toolsets.js";
import { TESTED_NODE_MAJORS } from "../version.js";
import { DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT } from "./args.js";

export const USAGE = `Usage:
  litellm-mcp                         MCP server on stdio (what MCP hosts launch)
  litellm-mcp --http [--port N] [--host ADDR]
                                      MCP server over Streamable HTTP at /mcp, stateless
                                      (default ${DEFAULT_HTTP_HOST}:${DEFAULT_HTTP_PORT}; port 0 picks a free one)
  litellm-mcp doctor                  check the proxy, the master key and the API the tools use
  litellm-mcp help | --help | -h      this text
  litellm-mcp --version | -v          the version`;

export const HELP = `litellm-mcp — operate a LiteLLM proxy from an MCP host: mint and inspect virtual keys, list
models, run completions under a virtual key, without handing the assistant the master key.

${USAGE}

Every setting comes from the environment; a malformed value stops the server at start, naming it.

The proxy:
  LITELLM_HOST                        proxy base URL (default http://localhost:4000)
  LITELLM_MASTER_KEY                  the proxy's master key, for the admin tools; never returned or logged

Timeouts, size and retries:
  LITELLM_MCP_ADMIN_TIMEOUT_MS        admin call timeout (default 15000)
  LITELLM_MCP_COMPLETION_TIMEOUT_MS   completion timeout (default 60000)
  LITELLM_MCP_MAX_RESPONSE_BYTES      largest answer read from LiteLLM (default 10485760)
  LITELLM_MCP_RETRIES                 retries of read-only idempotent tools on HTTP 429/502/503 (default 2; 0 = off)
  LITELLM_MCP_RETRY_MAX_WAIT_MS       longest single wait before a retry (default 10000)

Policy (checked before anything is sent to LiteLLM):
  LITELLM_MCP_ALLOWED_MODELS          comma list: the only models a key, user or team may be granted
  LITELLM_MCP_MAX_KEY_DURATION        longest key lifetime, e.g. 30d (duration becomes required)
  LITELLM_MCP_ALLOW_NO_EXPIRY         true lets generate_key omit duration (default false)
  LITELLM_MCP_MAX_BUDGET              a key's largest max_budget in USD, and a budget's (a budget becomes required)
  LITELLM_MCP_MAX_USER_BUDGET         a user's largest max_budget in USD, and a team member's
  LITELLM_MCP_MAX_TEAM_BUDGET         a team's largest max_budget in USD
  LITELLM_MCP_REQUIRE_BUDGET          true: every key, user, team, member and budget created carries one (default false)
  LITELLM_MCP_METADATA_FIELDS         comma list: the only metadata fields the assistant may write (default none)
  LITELLM_MCP_REQUIRE_CONFIRMATION    true: refuse deletions (and blocking a team) where the MCP client cannot
                                      ask the person to confirm them (default false: they go unasked there)

Which tools are offered:
  LITELLM_MCP_TOOLSETS                comma list of toolsets to offer (unset: "default", the tools marked default):
                                      ${toolsetNames().join(", ")}
  LITELLM_MCP_READ_ONLY               true: only tools annotated read-only (default false)
  LITELLM_MCP_TOOLS                   comma list: offer only these tools (from any toolset unless TOOLSETS is set)
  LITELLM_MCP_DISABLED_TOOLS          comma list: never offer these tools

--http only:
  LITELLM_MCP_AUTH                    master (default), or caller: hold no master key and send each request's
                                      own LiteLLM key (Authorization: Bearer sk-...) from every tool
  LITELLM_MCP_HTTP_TOKEN              bearer token clients must send; required beyond loopback (not in caller mode)
  LITELLM_MCP_HTTP_ALLOWED_HOSTS      extra host names clients may use (comma-separated)

Booleans are true/false (or 1/0). Logs go to stderr; on stdio, stdout carries only MCP messages.
Tested on Node.js ${listed(TESTED_NODE_MAJORS)}.`;

/** "20, 22 and 24". */
function listed(items: readonly number[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
