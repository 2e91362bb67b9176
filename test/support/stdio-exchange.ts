// The stdio server in-process, as bytes in and bytes out, two ways: the stdio start as the bin runs it (the
// opening answered without the SDK, then handed to the SDK's server: src/cli/stdio.ts), or the SDK's server
// alone (src/cli/stdio-server.ts). The same lines must get the same bytes back from both.

import { PassThrough } from "node:stream";
import { serveStdioSession } from "../../src/cli/stdio-server.ts";
import { startStdio } from "../../src/cli/stdio.ts";
import { loadConfig } from "../../src/config/config.ts";
import { openingAnswersFor, type RecordedOpenings } from "../../src/mcp/stdio-opening.ts";
import { recordOpeningAnswers } from "../../src/cli/stdio-opening-record.ts";
import { toolListings } from "../../src/mcp/tool-catalog.ts";
import { listedTools } from "../../src/mcp/tool-listing.ts";

let recorded: Promise<RecordedOpenings> | undefined;
/** What the build records, recorded the same way once per test file. */
export const openingAnswers = (): Promise<RecordedOpenings> => (recorded ??= recordOpeningAnswers());

/** A request every session answers, whatever came before: its answer means every earlier line was read. */
const BARRIER_ID = "exchange-barrier";
const BARRIER = JSON.stringify({ jsonrpc: "2.0", id: BARRIER_ID, method: "tools/call", params: { name: "no_such_tool", arguments: {} } });
const DEADLINE_MS = 10_000;

export interface Exchanged {
  /** Every line written to stdout, in order, the barrier's answer last. */
  output: string[];
  /** Start only: whether something before the barrier was left to the SDK's server (false: the start took every line). */
  handedOverEarly?: boolean;
}

/** Sends `lines` (each one line of stdin) and a barrier request; resolves once the barrier is answered. */
export async function exchange(lines: readonly string[], how: "start" | "sdk", env: Record<string, string> = {}): Promise<Exchanged> {
  const config = loadConfig({ LITELLM_HOST: "http://127.0.0.1:9", ...env });
  const log = () => {};
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const tools = listedTools(toolListings(), config);
  const start =
    how === "start"
      ? startStdio({ config, log, stdin, stdout, loadServer: () => ({ serveStdioSession }), answers: openingAnswersFor(await openingAnswers(), tools), tools })
      : undefined;
  const session = start ?? serveStdioSession(config, log, { stdin, stdout });
  const output: string[] = [];
  let handedOverEarly: boolean | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`no answer to the barrier within ${DEADLINE_MS} ms; written: ${output.join("")}`)), DEADLINE_MS);
      let text = "";
      stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n")) {
          const line = text.slice(0, end + 1);
          text = text.slice(end + 1);
          output.push(line);
          if (line.includes(`"id":"${BARRIER_ID}"`)) {
            clearTimeout(deadline);
            resolve();
          }
        }
      });
      for (const line of lines) stdin.write(`${line}\n`);
      // Once the lines are read (before the start's quiet timer could fire): did it leave any to the SDK?
      setImmediate(() => {
        handedOverEarly = start?.handedOver();
        stdin.write(`${BARRIER}\n`);
      });
    });
  } finally {
    await session.close();
  }
  return { output, ...(handedOverEarly !== undefined ? { handedOverEarly } : {}) };
}
