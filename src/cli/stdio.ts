// The stdio server MCP hosts launch: settings from the environment, the server on stdin/stdout for either
// protocol revision (the SDK's serveStdio pins the era the client opens with: 2025-11-25's initialize or
// 2026-07-28's server/discover), a clean exit on SIGTERM, SIGINT or end of stdin. stdout belongs to
// JSON-RPC; everything else goes to stderr.

import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { loadConfig } from "../config/config.js";
import { ConfigError } from "../errors.js";
import { createStderrLogger } from "../log.js";
import { policyNotices } from "../policy/policy.js";
import { createServer, servedTools } from "../mcp/server.js";
import { GuardedStdioTransport } from "../mcp/stdio-transport.js";
import { VERSION } from "../version.js";
import { exitCleanlyOnSignals, masterKeyState } from "./shutdown.js";

export async function runStdio(): Promise<void> {
  const config = loadConfig();
  if (config.auth === "caller") {
    throw new ConfigError("LITELLM_MCP_AUTH=caller needs --http: the key each tool sends comes from the HTTP request, and over stdio there is none. Start with --http, or unset LITELLM_MCP_AUTH.");
  }
  // The SDK builds the server when the client opens; a tool selection naming no tool must stop the start instead.
  servedTools(config);
  const log = createStderrLogger(() => [config.masterKey]);
  const handle = serveStdio(({ era }) => createServer(config, { log, era }), {
    transport: new GuardedStdioTransport(),
    onerror: (error) => log("warn", `stdio: ${error.message}`),
  });

  const shutdown = exitCleanlyOnSignals(log, () => handle.close());
  process.stdin.on("end", () => shutdown("stdin closed"));
  // The host went away mid-write: there is nobody left to answer.
  process.stdout.on("error", () => shutdown("stdout closed"));

  log("info", `${VERSION} serving LiteLLM at ${config.host}; ${masterKeyState(config)}`);
  for (const notice of policyNotices(config.policy)) log("warn", notice);
}
