// The stdio server MCP hosts launch: settings from the environment, the server on stdin/stdout, a clean
// exit on SIGTERM, SIGINT or end of stdin. stdout belongs to JSON-RPC; everything else goes to stderr.

import { loadConfig } from "../config.js";
import { ConfigError } from "../errors.js";
import { createStderrLogger } from "../log.js";
import { policyNotices } from "../policy.js";
import { createServer, servedTools } from "../server.js";
import { GuardedStdioTransport } from "../stdio-transport.js";
import { VERSION } from "../version.js";
import { exitCleanlyOnSignals, masterKeyState } from "./shutdown.js";

export async function runStdio(): Promise<void> {
  const config = loadConfig();
  if (config.auth === "caller") {
    throw new ConfigError("LITELLM_MCP_AUTH=caller needs --http: the key each tool sends comes from the HTTP request, and over stdio there is none. Start with --http, or unset LITELLM_MCP_AUTH.");
  }
  const log = createStderrLogger(() => [config.masterKey]);
  const server = createServer(config, { log });
  const transport = new GuardedStdioTransport({ toolNames: servedTools(config).map((tool) => tool.name) });

  const shutdown = exitCleanlyOnSignals(log, () => server.close());
  process.stdin.on("end", () => shutdown("stdin closed"));
  // The host went away mid-write: there is nobody left to answer.
  process.stdout.on("error", () => shutdown("stdout closed"));

  await server.connect(transport);
  log("info", `${VERSION} serving LiteLLM at ${config.host}; ${masterKeyState(config)}`);
  for (const notice of policyNotices(config.policy)) log("warn", notice);
}
