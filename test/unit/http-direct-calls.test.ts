// Plain tool calls over HTTP are answered by long-lived servers (src/mcp/http-direct-calls.ts) instead of the
// SDK's per-request serving. Whatever a client sends, it must get the SDK's answer: two HTTP
// servers on the same settings and the same stand-in LiteLLM, one taking such calls itself and one leaving
// everything to the SDK, are sent the same requests, and must answer with the same status, headers and body.
// Calls as clients send them must be taken (or nothing would be faster); fast-check's variations of them
// (other headers, fields of other types, one too many, other ids, methods and revisions) must get the SDK's
// answer, taken or not.

import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { UI_EXTENSION, UI_MIME_TYPE } from "../../src/mcp/apps/ui-extension.ts";
import { allowedHostsFor } from "../../src/mcp/http-guard.ts";
import { startHttpServer, type RunningHttpServer } from "../../src/mcp/http-server.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";

const MASTER = "sk-direct-calls-master-000000";
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Headers = Record<string, string>;
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let upstream: FakeLiteLLM;
let direct: RunningHttpServer;
let sdk: RunningHttpServer;

beforeAll(async () => {
  upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
  const config = loadConfig({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER, LITELLM_MCP_TOOLSETS: "all" });
  const options = { host: "127.0.0.1", port: 0, log: () => {}, allowedHosts: allowedHostsFor("127.0.0.1", []) };
  [direct, sdk] = [await startHttpServer(config, options), await startHttpServer(config, { ...options, directCalls: false })];
});

afterAll(async () => {
  await direct?.close();
  await sdk?.close();
  await upstream?.stop();
});

/** What differs between any two answers of the same server: when it was sent, and how long a connection may idle. */
const PER_ANSWER = new Set(["date", "keep-alive", "transfer-encoding"]);

function post(server: RunningHttpServer, body: string, headers: Headers): Promise<Answer> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      res.on("end", () => {
        const kept = Object.entries(res.headers).filter(([name]) => !PER_ANSWER.has(name));
        resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(kept.map(([name, value]) => [name, String(value)])), body: text });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The same request to both servers; the one taking calls itself says whether it took this one. */
async function both(body: string, headers: Headers): Promise<{ direct: Answer; sdk: Answer; taken: boolean }> {
  const before = direct.directCallsServed();
  const answers = { direct: await post(direct, body, headers), sdk: await post(sdk, body, headers) };
  return { ...answers, taken: direct.directCallsServed() > before };
}

const HEADERS: Headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
const call = (id: Json, name: string, args?: Json, extra: Record<string, Json> = {}): Record<string, Json> => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, ...(args === undefined ? {} : { arguments: args }), ...extra },
});

const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": { name: "some-client", version: "1.0.0" },
  "io.modelcontextprotocol/clientCapabilities": { elicitation: { form: {} } },
};
/** A 2026-07-28 call: the envelope in the body, and the headers that must say what the body says. */
const modern = (id: Json, name: string, args: Json): [Record<string, Json>, Headers] => [
  call(id, name, args, { _meta: ENVELOPE }),
  { ...HEADERS, "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": name },
];

/** Calls as clients send them, at both revisions: every answer kind (a result, a tool's error, an unknown tool, bad arguments). */
const CALLS: [string, Record<string, Json>, Headers][] = [
  ["list_models, as the SDK's client sends it", call(1, "list_models", {}), { ...HEADERS, "mcp-protocol-version": "2025-11-25" }],
  ["get_model_info with a string id, no revision header", call("a-1", "get_model_info", { model: "mock-gpt" }), HEADERS],
  ["check_health (no key sent), 2025-06-18", call(7, "check_health", {}), { ...HEADERS, "mcp-protocol-version": "2025-06-18" }],
  ["get_key_info for a key LiteLLM does not have", call(2, "get_key_info", { key: "sk-not-a-known-key-0000" }), HEADERS],
  ["list_keys with arguments out of bounds", call(3, "list_keys", { size: 10_000 }), HEADERS],
  ["get_user_info with an argument of the wrong type", call(4, "get_user_info", { user_id: 5 }), HEADERS],
  ["an unknown tool", call(5, "no_such_tool", {}), HEADERS],
  ["list_models without arguments, with a progress token", call(6, "list_models", undefined, { _meta: { progressToken: "p-1" } }), HEADERS],
  ["2026-07-28: list_models", ...modern(11, "list_models", {})],
  ["2026-07-28: get_key_info for a key LiteLLM does not have", ...modern("k", "get_key_info", { key: "sk-not-a-known-key-0000" })],
  ["2026-07-28: get_user_info with an argument of the wrong type", ...modern(12, "get_user_info", { user_id: [] })],
  ["2026-07-28: delete_key, which asks first", ...modern(13, "delete_key", { key: "sk-not-a-known-key-0000" })],
];

describe("tool calls answered by the long-lived server", () => {
  it.each(CALLS)("%s: taken, and answered as the SDK answers it", async (_name, body, headers) => {
    const answers = await both(JSON.stringify(body), headers);
    expect(answers.taken).toBe(true);
    expect(answers.direct).toEqual(answers.sdk);
    expect(answers.sdk.status).toBe(200);
  });

  // A client that draws MCP Apps views is answered per its declaration (a view's data in results): the SDK's server does that.
  it("leaves a 2026-07-28 call from a client that declared the MCP Apps extension to the SDK", async () => {
    const [body, headers] = modern(14, "list_models", {});
    const capabilities = { extensions: { [UI_EXTENSION]: { mimeTypes: [UI_MIME_TYPE] } } };
    (body.params as { _meta: Record<string, Json> })._meta = { ...ENVELOPE, "io.modelcontextprotocol/clientCapabilities": capabilities };
    const answers = await both(JSON.stringify(body), headers);
    expect(answers.taken).toBe(false);
    expect(answers.direct).toEqual(answers.sdk);
    expect(answers.sdk.status).toBe(200);
  });

  it("answers whatever variation of a call as the SDK does, taking only what it is sure of", async () => {
    const tally = { taken: 0, left: 0 };
    const json = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
    const headerChange = fc.oneof(
      fc.record({ name: fc.constantFrom("accept", "content-type", "mcp-protocol-version", "mcp-method", "mcp-name", "mcp-session-id"), value: fc.constantFrom("application/json", "text/event-stream", "application/json, text/event-stream", "text/plain", "application/json; charset=utf-8", "2025-11-25", "2024-11-05", "2026-07-28", "1999-01-01", "tools/call", "list_models", "") }),
      fc.record({ name: fc.constantFrom("accept", "content-type", "mcp-protocol-version"), value: fc.constant(undefined) }),
    );
    const bodyChange = fc.oneof(
      fc.record({ at: fc.constantFrom(["jsonrpc"], ["id"], ["method"], ["params"], ["extra"]), value: json }),
      fc.record({ at: fc.constantFrom(["params", "name"], ["params", "arguments"], ["params", "_meta"], ["params", "extra"], ["params", "arguments", "model"]), value: json }),
      fc.record({ at: fc.constant(["method"]), value: fc.constantFrom<Json>("tools/list", "ping", "initialize", "tools/call ", "notifications/initialized") }),
      fc.record({
        at: fc.constant(["params", "_meta"]),
        value: fc.constantFrom<Json>({ progressToken: 3 }, { progressToken: 1.5 }, { "io.modelcontextprotocol/protocolVersion": "2026-07-28" }, { other: 1 }, ENVELOPE, { ...ENVELOPE, progressToken: 1 }),
      }),
      fc.record({ at: fc.constantFrom(["params", "_meta", "io.modelcontextprotocol/clientCapabilities"], ["params", "_meta", "io.modelcontextprotocol/protocolVersion"], ["params", "_meta", "io.modelcontextprotocol/clientInfo"]), value: json }),
    );
    const cases = fc.record({ base: fc.nat({ max: CALLS.length - 1 }), headers: fc.array(headerChange, { maxLength: 2 }), body: fc.array(bodyChange, { maxLength: 2 }), id: fc.integer({ min: 100, max: 10_000 }) });
    await fc.assert(
      fc.asyncProperty(cases, async (change) => {
        const [, base, baseHeaders] = CALLS[change.base]!;
        const body = structuredClone({ ...base, id: change.id }) as { [key: string]: Json };
        for (const { at, value } of change.body) {
          const parent = at.slice(0, -1).reduce<Json>((node, key) => (node as { [key: string]: Json })?.[key] ?? null, body);
          if (parent !== null && typeof parent === "object" && !Array.isArray(parent)) (parent as { [key: string]: Json })[at.at(-1)!] = value;
        }
        const headers: Headers = { ...baseHeaders };
        for (const { name, value } of change.headers) {
          if (value === undefined) delete headers[name];
          else headers[name] = value;
        }
        const answers = await both(JSON.stringify(body), headers);
        tally[answers.taken ? "taken" : "left"]++;
        expect(answers.direct).toEqual(answers.sdk);
      }),
      { numRuns: 300 },
    );
    console.log(`call variations: ${tally.taken} answered by the long-lived server, ${tally.left} left to the SDK`);
    expect(tally.taken).toBeGreaterThan(10);
    expect(tally.left).toBeGreaterThan(10);
  }, 300_000);
});
