// The stdio server MCP hosts launch: settings from the environment, a clean exit on SIGTERM, SIGINT or end of
// stdin, and the session itself. A launch is answered as it begins without the MCP SDK: initialize or
// server/discover, and tools/list, from what the build recorded and the static tool listings
// (src/mcp/stdio-opening.ts). The server on the SDK (src/cli/stdio-server.ts, in dist/server.cjs) is loaded when
// the host asks anything else, or once it has gone quiet after its first questions, and takes over the
// session from there. stdout belongs to JSON-RPC; everything else goes to stderr. This file and what it
// imports are the bin (dist/index.cjs): nothing here loads zod, the SDK or a manifest tool.

import { PassThrough, type Readable, type Writable } from "node:stream";
import { loadConfig, type Config } from "../config/config.js";
import { ConfigError } from "../errors.js";
import { createStderrLogger, type Logger } from "../log.js";
import { policyNotices } from "../policy/policy.js";
import { RECORDED_OPENING_ANSWERS } from "../mcp/stdio-opening-answers.js";
import { openingAnswersFor, StdioOpening, type OpeningAnswers } from "../mcp/stdio-opening.js";
import { toolListings } from "../mcp/tool-catalog.js";
import { listedTools, type ListedTool } from "../mcp/tool-listing.js";
import { VERSION } from "../version.js";
import type { StdioSession, serveStdioSession } from "./stdio-server.js";
import { exitCleanlyOnSignals, masterKeyState } from "./shutdown.js";

/** The server on the SDK, loaded on demand (in the build: dist/server.cjs through its code cache). */
export type LoadServer = () => { serveStdioSession: typeof serveStdioSession };

/**
 * How long the host must be quiet before the server is loaded: briefly once it has listed the tools (it has
 * what it asks for at launch, and the first tool call typically waits for the assistant's first turn), longer
 * after initialize alone (it is likely to list the tools next, which is answered faster here).
 */
export const QUIET_AFTER_LIST_MS = 10;
export const QUIET_AFTER_OPENING_MS = 250;
/** An opening message is small; a longer line goes to the server's transport, which applies its own limit. */
const MAX_OPENING_LINE_BYTES = 1024 * 1024;
const NEWLINE = Buffer.from("\n");

export interface StdioStartOptions {
  config: Config;
  log: Logger;
  stdin: Readable;
  stdout: Writable;
  loadServer: LoadServer;
  /** The SDK's recorded answers; without them the server is loaded at once. */
  answers: OpeningAnswers | undefined;
  /** What tools/list answers for this configuration (src/mcp/tool-listing.ts). */
  tools: readonly ListedTool[];
}

export interface StdioStart {
  /** Whether the server on the SDK has taken over. */
  handedOver(): boolean;
  close(): Promise<void>;
}

/** Serves one stdio session: the opening here, the rest from the server on the SDK. */
export function startStdio(options: StdioStartOptions): StdioStart {
  const { config, log, stdin, stdout } = options;
  const opening = options.answers && new StdioOpening(options.answers, options.tools);
  let pending: Buffer = Buffer.alloc(0);
  let session: StdioSession | undefined;
  let quiet: NodeJS.Timeout | undefined;

  const handOver = () => {
    if (session) return;
    clearTimeout(quiet);
    stdin.off("data", onData);
    const input = new PassThrough();
    session = options.loadServer().serveStdioSession(config, log, { stdin: input, stdout, ...(opening ? { answered: opening.answered } : {}) });
    // What was taken here first, then what has not been read yet; from now on stdin goes straight through.
    for (const line of opening?.taken ?? []) input.write(Buffer.concat([line, NEWLINE]));
    if (pending.length > 0) input.write(pending);
    pending = Buffer.alloc(0);
    stdin.on("data", (chunk: Buffer) => input.write(chunk));
  };

  const onData = (chunk: Buffer) => {
    pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let end = pending.indexOf(0x0a); end !== -1; end = pending.indexOf(0x0a, start)) {
      const taken = opening!.take(pending.subarray(start, end));
      if (taken === undefined) {
        pending = pending.subarray(start);
        return handOver();
      }
      if (taken.answer) stdout.write(taken.answer);
      start = end + 1;
    }
    pending = pending.subarray(start);
    if (pending.length > MAX_OPENING_LINE_BYTES) return handOver();
    clearTimeout(quiet);
    quiet = setTimeout(handOver, opening!.listed ? QUIET_AFTER_LIST_MS : QUIET_AFTER_OPENING_MS);
    quiet.unref();
  };

  if (opening) stdin.on("data", onData);
  else handOver();
  return {
    handedOver: () => session !== undefined,
    close: async () => {
      clearTimeout(quiet);
      stdin.off("data", onData);
      await session?.close();
    },
  };
}

/** `litellm-mcp` with no arguments: the stdio server on this process's stdin and stdout. */
export function runStdio(loadServer: LoadServer): void {
  const config = loadConfig();
  if (config.auth === "caller") {
    throw new ConfigError("LITELLM_MCP_AUTH=caller needs --http: the key each tool sends comes from the HTTP request, and over stdio there is none. Start with --http, or unset LITELLM_MCP_AUTH.");
  }
  const log = createStderrLogger(() => [config.masterKey]);
  // Before anything is served: a tool selection naming no tool, or an unknown one, stops the start here.
  const tools = listedTools(toolListings(), config);
  const started = startStdio({ config, log, stdin: process.stdin, stdout: process.stdout, loadServer, answers: RECORDED_OPENING_ANSWERS && openingAnswersFor(RECORDED_OPENING_ANSWERS, tools), tools });

  const shutdown = exitCleanlyOnSignals(log, () => started.close());
  process.stdin.on("end", () => shutdown("stdin closed"));
  // The host went away mid-write: there is nobody left to answer.
  process.stdout.on("error", () => shutdown("stdout closed"));

  log("info", `${VERSION} serving LiteLLM at ${config.host}; ${masterKeyState(config)}`);
  for (const notice of policyNotices(config.policy)) log("warn", notice);
}
