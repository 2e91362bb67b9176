// The stdio server on the MCP SDK: its serveStdio on the guarded transport (src/mcp/stdio-transport.ts), which
// pins the era the client opens with (2025-11-25's initialize or 2026-07-28's server/discover) and builds one
// server for it. The stdio command (src/cli/stdio.ts) starts it once the opening is handed over.

import { serveStdio } from "@modelcontextprotocol/server/stdio";
import type { Config } from "../config/config.js";
import type { Logger } from "../log.js";
import { createServer } from "../mcp/server.js";
import { GuardedStdioTransport, type GuardedStdioOptions } from "../mcp/stdio-transport.js";

export interface StdioSession {
  close(): Promise<void>;
}

export function serveStdioSession(config: Config, log: Logger, io: GuardedStdioOptions = {}): StdioSession {
  return serveStdio(({ era }) => createServer(config, { log, era }), {
    transport: new GuardedStdioTransport(io),
    onerror: (error) => log("warn", `stdio: ${error.message}`),
  });
}
