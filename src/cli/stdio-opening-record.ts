// Records the SDK's answers to the requests the stdio start answers itself (src/mcp/stdio-opening.ts): the stdio
// server on the SDK (src/cli/stdio-server.ts), asked in-process, a session for each protocol revision it
// accepts. `npm run build` puts the recording in the bin (scripts/build/catalog.ts), so what a launch is
// answered is what the SDK answers, recorded from the very SDK the bundle carries.

import { PassThrough } from "node:stream";
import { SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/server";
import { serveStdioSession } from "./stdio-server.js";
import { loadConfig } from "../config/config.js";
import { MODERN_REVISIONS, type OpeningAnswers, type RecordedOpenings } from "../mcp/stdio-opening.js";
import { VIEW_OF } from "../mcp/apps/view-tools.js";
import type { Config } from "../config/config.js";
const DEADLINE_MS = 10_000;

type JsonObject = Record<string, unknown>;
interface Answer {
  id?: string | number;
  result?: JsonObject;
  error?: unknown;
}

/** The stdio server on the SDK, in-process: its answers to `requests`, sent in turn, by request id. */
async function ask(config: Config, requests: readonly JsonObject[]): Promise<Map<unknown, Answer>> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const session = serveStdioSession(config, () => {}, { stdin, stdout });
  const answers = new Map<unknown, Answer>();
  const expected = requests.filter((request) => "id" in request).length;
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`the SDK answered ${answers.size} of ${expected} opening requests`)), DEADLINE_MS);
      let text = "";
      stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n")) {
          const answer = JSON.parse(text.slice(0, end)) as Answer;
          text = text.slice(end + 1);
          answers.set(answer.id, answer);
        }
        if (answers.size === expected) {
          clearTimeout(deadline);
          resolve();
        }
      });
      for (const request of requests) stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...request })}\n`);
    });
  } finally {
    await session.close();
  }
  return answers;
}

function resultOf(answers: Map<unknown, Answer>, id: string): JsonObject {
  const answer = answers.get(id);
  if (!answer?.result) throw new Error(`the SDK answered ${id} with ${JSON.stringify(answer)}`);
  return answer.result;
}

/** tools/list's result without its tools, members in the SDK's order; `tools` must come first for the start to write them so. */
function besidesTools(result: JsonObject): JsonObject {
  const [first, ...rest] = Object.keys(result);
  if (first !== "tools") throw new Error(`the SDK's tools/list result does not begin with tools: ${JSON.stringify(Object.keys(result))}`);
  return Object.fromEntries(rest.map((key) => [key, result[key]]));
}

/**
 * The SDK's opening answers for both kinds of tool selection: the answers hold no tool (src/mcp/tool-listing.ts
 * lists them), but a server serving a tool with a view declares resources and the MCP Apps extension.
 */
export async function recordOpeningAnswers(): Promise<RecordedOpenings> {
  return {
    plain: await recordFor(loadConfig({ LITELLM_MCP_TOOLS: "list_models" })),
    views: await recordFor(loadConfig({ LITELLM_MCP_TOOLS: [...VIEW_OF.keys()].join(",") })),
  };
}

async function recordFor(config: Config): Promise<OpeningAnswers> {
  const recorded: OpeningAnswers = { initialize: {}, ping: {}, discover: {}, toolsList: { legacy: {}, modern: {} } };
  const clientInfo = { name: "litellm-mcp-build", version: "0" };
  for (const version of SUPPORTED_PROTOCOL_VERSIONS) {
    const answers = await ask(config, [
      { id: "initialize", method: "initialize", params: { protocolVersion: version, capabilities: {}, clientInfo } },
      { method: "notifications/initialized" },
      { id: "ping", method: "ping" },
      { id: "list", method: "tools/list" },
    ]);
    const initialize = resultOf(answers, "initialize");
    // A revision the SDK answers with another is left to the SDK (and there is none today).
    if (initialize.protocolVersion !== version) continue;
    recorded.initialize[version] = initialize;
    recorded.ping = resultOf(answers, "ping");
    recorded.toolsList.legacy = besidesTools(resultOf(answers, "list"));
  }
  for (const revision of MODERN_REVISIONS) {
    const _meta = {
      "io.modelcontextprotocol/protocolVersion": revision,
      "io.modelcontextprotocol/clientInfo": clientInfo,
      "io.modelcontextprotocol/clientCapabilities": {},
    };
    const answers = await ask(config, [
      { id: "discover", method: "server/discover", params: { _meta } },
      { id: "list", method: "tools/list", params: { _meta } },
    ]);
    recorded.discover[revision] = resultOf(answers, "discover");
    recorded.toolsList.modern[revision] = besidesTools(resultOf(answers, "list"));
  }
  return recorded;
}
