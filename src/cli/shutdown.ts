// How a running server stops: once, on SIGTERM or SIGINT (or whatever else the caller names), closing
// what it serves before the process exits 0, so a host or a supervisor sees a clean stop.

import type { Config } from "../config/config.js";
import type { Logger } from "../log.js";

/** Registers the signal handlers and returns the shutdown, for the caller's own triggers (stdin's end). */
export function exitCleanlyOnSignals(log: Logger, close: () => Promise<unknown>): (why: string) => void {
  let closing = false;
  const shutdown = (why: string) => {
    if (closing) return;
    closing = true;
    log("info", `shutting down (${why})`);
    void close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  return shutdown;
}

/** The start-up line's last words: whose key the tools send, and whether the admin tools can work. */
export function masterKeyState(config: Pick<Config, "auth" | "masterKey">): string {
  if (config.auth === "caller") return "caller mode: no master key held, every tool sends the key of the request it serves";
  return `LITELLM_MASTER_KEY is ${config.masterKey ? "set" : "not set (admin tools will refuse)"}`;
}
