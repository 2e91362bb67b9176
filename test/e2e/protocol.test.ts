// Malformed JSON-RPC on the built server's stdin: each line gets the error JSON-RPC names for it (or, for a
// notification or stray response, silence), and the next valid request is served. Then random lines from
// fast-check: the process never dies and stdout stays pure JSON-RPC.

import fc from "fast-check";
import { parseJSONRPCMessage } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaksCanary } from "../support/canary.ts";
import { paramsFor, rawServerOnStandIn, type Message, type RawOnStandIn, type RawServer } from "../support/raw-stdio.ts";
import { REVISION } from "../support/revisions.ts";
import { manifest } from "../../src/manifest/index.ts";

let running: RawOnStandIn;
let server: RawServer;
let fences = 0;

beforeAll(async () => {
  running = await rawServerOnStandIn();
  server = running.server;
});
afterAll(async () => {
  const exit = await running.stop("protocol");
  expect(exit.code).toBe(0);
  // stdout carried nothing but JSON-RPC messages, and stderr no crash.
  for (const line of server.stdoutLines) expect(() => parseJSONRPCMessage(JSON.parse(line)), line).not.toThrow();
  expect(server.stderr).not.toMatch(/\n\s+at |Uncaught|TypeError/);
  expect(leaksCanary(server.stderr + server.stdoutLines.join("\n"))).toBe(false);
});

/** Writes `line`, then a request as a fence; returns everything the server answered in between. */
async function answersTo(line: string | Buffer): Promise<Message[]> {
  const before = server.stdoutLines.length;
  if (Buffer.isBuffer(line)) server.child.stdin.write(Buffer.concat([line, Buffer.from("\n")]));
  else server.write(line);
  const fence = `fence-${++fences}`;
  await server.fence(fence);
  return server.messages.slice(before).filter((m) => m.id !== fence);
}

/** A request line as this run's revision writes one (with the 2026-07-28 envelope), malformed only where a case makes it so. */
function request(id: unknown, method: string, params?: unknown): string {
  const sent = paramsFor(REVISION, params);
  return JSON.stringify({ jsonrpc: "2.0", id, method, ...(sent === undefined ? {} : { params: sent }) });
}

describe(`the opening, at ${REVISION}`, () => {
  it("was answered in this run's revision", () => {
    const opening = server.messages.find((m) => m.id === "init")!;
    if (REVISION === "2026-07-28") {
      // server/discover: no initialize, no session; the answer itself may be cached by anyone for a while.
      expect(opening.result).toMatchObject({ supportedVersions: ["2026-07-28"], resultType: "complete", cacheScope: "public", ttlMs: 300_000 });
    } else {
      expect(opening.result).toMatchObject({ protocolVersion: "2025-11-25", serverInfo: { name: "litellm-mcp" } });
      expect(opening.result).not.toHaveProperty("ttlMs");
    }
  });
});

describe("each malformed line gets the protocol's answer, and the server keeps serving", () => {
  it.each([
    ["a line that is not JSON", "hello, server", [{ code: -32700 }]],
    ["truncated JSON", '{"jsonrpc":"2.0","id":1,"method":"ping"', [{ code: -32700 }]],
    ["JSON that is not a message", '{"foo":1}', [{ code: -32600 }]],
    ["null", "null", [{ code: -32600 }]],
    ["a number", "42", [{ code: -32600 }]],
    ["a string", '"tools/list"', [{ code: -32600 }]],
    ["an empty batch", "[]", [{ code: -32600 }]],
    ["a batch (removed from MCP)", `[${request(2, "ping")}]`, [{ code: -32600 }]],
    ["params that are not an object", request(3, "tools/call", "x"), [{ code: -32600, id: 3 }]],
    ["the wrong jsonrpc version", JSON.stringify({ jsonrpc: "1.0", id: 4, method: "ping" }), [{ code: -32600, id: 4 }]],
    ["an id that is an object", request({ a: 1 }, "tools/list"), [{ code: -32600 }]],
    ["an unknown method", request(5, "no/such/method"), [{ code: -32601, id: 5 }]],
    ["a method named __proto__", request(6, "__proto__"), [{ code: -32601, id: 6 }]],
    ["a call for an unknown tool", request(7, "tools/call", { name: "no_such_tool", arguments: {} }), [{ code: -32602, id: 7 }]],
    ["a call for a tool named __proto__", request(8, "tools/call", { name: "__proto__" }), [{ code: -32602, id: 8 }]],
    ["a tool name that is not a string", request(9, "tools/call", { name: 42 }), [{ code: -32602, id: 9 }]],
    ["arguments that are not an object", request(10, "tools/call", { name: "list_models", arguments: "zz" }), [{ code: -32602, id: 10 }]],
    ["a list cursor of the wrong type", request(11, "tools/list", { cursor: 5 }), [{ code: -32602, id: 11 }]],
    ["initialize without its fields", request(12, "initialize", {}), [{ code: -32602, id: 12 }]],
    ["a malformed notification", JSON.stringify({ jsonrpc: "2.0", method: "notifications/cancelled", params: "bad" }), []],
    ["an unknown notification", JSON.stringify({ jsonrpc: "2.0", method: "unknown/notification" }), []],
    ["a response nobody asked for", JSON.stringify({ jsonrpc: "2.0", id: 13, result: {} }), []],
    ["a blank line", "   ", []],
  ] as const)("%s", async (_label, line, expected) => {
    const answers = await answersTo(line);
    expect(answers.map((m) => ({ code: (m.error as { code: number } | undefined)?.code, ...("id" in m ? { id: m.id } : {}) }))).toEqual(expected);
    for (const answer of answers) expect((answer.error as { message: string }).message).not.toMatch(/\n/);
  });

  it("bytes that are not UTF-8 are a parse error", async () => {
    expect((await answersTo(Buffer.from([0xff, 0xfe, 0x7b, 0x00]))).map((m) => (m.error as { code: number }).code)).toEqual([-32700]);
  });

  it("a CRLF line ending is accepted", async () => {
    const before = server.stdoutLines.length;
    server.write(`${request("crlf", server.fenceMethod)}\r`);
    expect(await server.answerTo("crlf")).toMatchObject({ result: {} });
    expect(server.stdoutLines.length).toBe(before + 1);
  });

  it("a line over 10 MB is discarded as it streams in, answered, and the session goes on", async () => {
    const huge = `{"jsonrpc":"2.0","id":"huge","method":"ping","params":{"pad":"${"x".repeat(11 * 1024 * 1024)}"}}`;
    const answers = await answersTo(huge);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/longer than 10485760 bytes/) } });
  });

  it("a __proto__ key in tool arguments smuggles nothing past validation or policy", async () => {
    // The SDK's argument parsing drops the key; duration does not come from the would-be prototype.
    const args = JSON.parse('{"models": ["mock-gpt"], "user_id": "u", "__proto__": {"duration": "1h", "spend": 100}}') as unknown;
    const answer = await server.request("proto-args", "tools/call", { name: "generate_key", arguments: args });
    expect(answer).toMatchObject({ result: { isError: true, content: [{ text: expect.stringMatching(/^Refused by policy: keys that never expire/) }] } });
    expect(running.upstream.requests.filter((r) => r.path === "/key/generate")).toEqual([]);
  });

  it("after all of it, the next valid requests are served", async () => {
    const list = await server.request("list", "tools/list");
    expect((list.result as { tools: unknown[] }).tools).toHaveLength(manifest.filter((t) => t.byDefault).length);
    const models = await server.request("call", "tools/call", { name: "list_models", arguments: {} });
    expect(models).toMatchObject({ result: { structuredContent: { models: [{ id: "mock-gpt" }, { id: "mock-claude" }] } } });
  });
});

describe("random lines", () => {
  const method = fc.constantFrom("initialize", "ping", "tools/list", "tools/call", "notifications/cancelled", "resources/list", "__proto__", "toString");
  const junk = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.constant(null));
  const almostMessage = fc.record(
    {
      jsonrpc: fc.oneof(fc.constant("2.0"), junk),
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), junk),
      method: fc.oneof(method, junk),
      params: fc.oneof(fc.record({ name: fc.oneof(fc.constantFrom("list_models", "generate_key", "nope"), junk), arguments: junk }), junk),
    },
    { requiredKeys: [] },
  );
  const line = fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }).map((s) => s.replace(/\n/g, " ")),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    almostMessage.map((m) => JSON.stringify(m) ?? "undefined"),
  );

  it("500 random lines: the process keeps running, answers only in JSON-RPC, and serves the next request", async () => {
    const lines = fc.sample(line, { numRuns: 500, seed: 20251125 });
    for (const text of lines) server.write(text);
    const answer = await server.request("after-random", "tools/list");
    expect((answer.result as { tools: unknown[] }).tools).toHaveLength(manifest.filter((t) => t.byDefault).length);
    expect(server.child.exitCode).toBeNull();
  });
});
