// The text `litellm-mcp --help` prints: every command and the environment each one reads.

import { DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT } from "./args.js";

export const USAGE = `Usage:
  litellm-mcp                         MCP server on stdio (what MCP hosts launch)
  litellm-mcp --http [--port N] [--host ADDR]
                                      MCP server over Streamable HTTP at /mcp, stateless
                                      (default ${DEFAULT_HTTP_HOST}:${DEFAULT_HTTP_PORT}; port 0 picks a free one)
  litellm-mcp doctor                  check the proxy, the master key and the API the tools use
  litellm-mcp --help | --version`;

export const HELP = `litellm-mcp — operate a LiteLLM proxy from an MCP host: mint and inspect virtual keys, list
models, run completions under a virtual key, without handing the assistant the master key.

${USAGE}

Environment:
  LITELLM_HOST                        proxy base URL (default http://localhost:4000)
  LITELLM_MASTER_KEY                  the proxy's master key, for the admin tools
  LITELLM_MCP_ADMIN_TIMEOUT_MS        admin call timeout (default 15000)
  LITELLM_MCP_COMPLETION_TIMEOUT_MS   completion timeout (default 60000)
  LITELLM_MCP_MAX_RESPONSE_BYTES      largest answer read from LiteLLM (default 10485760)
  LITELLM_MCP_HTTP_TOKEN              --http: bearer token clients must send; required unless bound to loopback
  LITELLM_MCP_HTTP_ALLOWED_HOSTS      --http: extra host names clients may use (comma-separated)

Logs go to stderr; on stdio, stdout carries only MCP messages.`;
