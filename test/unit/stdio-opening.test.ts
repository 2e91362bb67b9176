// The stdio start answers a session's opening without the SDK (src/mcp/stdio-opening.ts), from answers the build
// records and the static tool listings. Whatever a client sends, the bytes it gets back must be the SDK's:
// the start, then the SDK's server it hands over to, against the SDK's server alone, on the same lines —
// the same answer lines, in whatever order (JSON-RPC answers are matched by id, and the SDK's own order
// depends on timing: its transport refuses a malformed line at once, ahead of answers still in its queue).
// Openings as hosts send them must be taken whole (or the start would be no faster), for every kind of
// tool selection and policy; and fast-check's variations of them (a field of another type, one too many or
// too few, other ids and methods, broken lines, other orders) must get the SDK's answers, taken or not.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UI_EXTENSION, UI_MIME_TYPE } from "../../src/mcp/apps/ui-extension.ts";
import { UI_EXTENSION_ID } from "../../src/mcp/apps/view-tools.ts";
import { exchange, openingAnswers } from "../support/stdio-exchange.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Message = { [key: string]: Json };

const clientInfo = { name: "some-host", version: "1.2.3" };
const envelope = (capabilities: Message = {}): Message => ({
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": clientInfo,
  "io.modelcontextprotocol/clientCapabilities": capabilities,
});
const FULL_CAPABILITIES = { roots: { listChanged: true }, sampling: { context: {}, tools: {} }, elicitation: { form: { applyDefaults: true }, url: {} }, experimental: { x: { y: 1 } }, extensions: { e: {} } };

const legacySession = (protocolVersion: string, capabilities: Message = {}): Message[] => [
  { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion, capabilities, clientInfo } },
  { jsonrpc: "2.0", method: "notifications/initialized" },
  { jsonrpc: "2.0", id: 1, method: "tools/list" },
  { jsonrpc: "2.0", id: "two", method: "ping" },
  { jsonrpc: "2.0", id: 3, method: "tools/list", params: { cursor: "next" } },
];
const modernSession = (capabilities: Message = {}): Message[] => [
  { jsonrpc: "2.0", id: "server-discover-probe-1", method: "server/discover", params: { _meta: envelope(capabilities) } },
  { jsonrpc: "2.0", id: 0, method: "tools/list", params: { _meta: envelope(capabilities) } },
];

/** Openings as hosts send them: every 2025 revision the SDK accepts, 2026-07-28 with and without server/discover. */
const SESSIONS: [string, Message[]][] = [
  ["2025-11-25, as the SDK's client opens", legacySession("2025-11-25")],
  ["2025-06-18 with every kind of capability", legacySession("2025-06-18", FULL_CAPABILITIES)],
  ["2025-03-26, elicitation as {}", legacySession("2025-03-26", { elicitation: {} })],
  ["2024-11-05", legacySession("2024-11-05", { roots: {} })],
  ["2026-07-28, server/discover then tools/list", modernSession()],
  ["2026-07-28 with every kind of capability", modernSession(FULL_CAPABILITIES)],
  [
    "2026-07-28, tools/list first, no clientInfo",
    [{ jsonrpc: "2.0", id: 7, method: "tools/list", params: { _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} } } }],
  ],
];

/** Tool selections and policies: the list, and every description's notes, must come out as the SDK's server writes them. */
const CONFIGURATIONS: [string, Record<string, string>][] = [
  ["the default toolsets", {}],
  ["every toolset", { LITELLM_MCP_TOOLSETS: "all" }],
  ["read-only", { LITELLM_MCP_TOOLSETS: "all", LITELLM_MCP_READ_ONLY: "true" }],
  ["tools named one by one", { LITELLM_MCP_TOOLS: "list_models,get_key_info,proxy_completion" }],
  ["a disabled tool closing what others could do", { LITELLM_MCP_TOOLSETS: "keys", LITELLM_MCP_DISABLED_TOOLS: "generate_key,unblock_key" }],
  [
    "every policy limit",
    {
      LITELLM_MCP_TOOLSETS: "all",
      LITELLM_MCP_ALLOWED_MODELS: "gpt-4o,claude",
      LITELLM_MCP_MAX_BUDGET: "10",
      LITELLM_MCP_MAX_USER_BUDGET: "20",
      LITELLM_MCP_MAX_TEAM_BUDGET: "50",
      LITELLM_MCP_MAX_KEY_DURATION: "30d",
      LITELLM_MCP_METADATA_FIELDS: "purpose",
    },
  ],
];

const lines = (messages: readonly Message[]) => messages.map((message) => JSON.stringify(message));

describe("the stdio start's opening", () => {
  it("has the SDK's recorded answers for every revision it takes, with and without a tool that has a view", async () => {
    const { plain, views } = await openingAnswers();
    for (const answers of [plain, views]) {
      expect(Object.keys(answers.initialize)).toEqual(expect.arrayContaining(["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]));
      expect(Object.keys(answers.discover)).toEqual(["2026-07-28"]);
    }
    // A server with a view declares resources and the MCP Apps extension; one without declares neither.
    expect(views.initialize["2025-11-25"]!.capabilities).toMatchObject({ resources: {}, extensions: { [UI_EXTENSION]: {} } });
    expect(plain.initialize["2025-11-25"]!.capabilities).not.toHaveProperty("extensions");
  });

  it("names the MCP Apps extension as its package does", () => {
    expect(UI_EXTENSION_ID).toBe(UI_EXTENSION);
  });

  // A host that draws views gets view links in tools/list, per its declaration: the SDK's server answers it.
  const drawsViews = { extensions: { [UI_EXTENSION_ID]: { mimeTypes: [UI_MIME_TYPE] } } };
  it.each([
    ["2025-11-25", legacySession("2025-11-25", drawsViews)],
    ["2026-07-28", modernSession(drawsViews)],
  ])("leaves a %s opening that declares the MCP Apps extension to the SDK, which answers it", async (_revision, messages) => {
    const env = { LITELLM_MCP_TOOLSETS: "all" };
    const [start, sdk] = [await exchange(lines(messages), "start", env), await exchange(lines(messages), "sdk", env)];
    expect(start.handedOverEarly).toBe(true);
    expect([...start.output].sort()).toEqual([...sdk.output].sort());
    expect(start.output.join("")).toContain("ui/resourceUri");
  });

  describe.each(CONFIGURATIONS)("with %s", (_name, env) => {
    it.each(SESSIONS)("takes a %s opening whole and answers it byte for byte as the SDK does", async (_session, messages) => {
      const [start, sdk] = [await exchange(lines(messages), "start", env), await exchange(lines(messages), "sdk", env)];
      expect(start.handedOverEarly).toBe(false);
      expect(start.output).toEqual(sdk.output);
      // Every request is answered, with a result (the barrier last, with an error).
      const answered = sdk.output.slice(0, -1).map((line) => JSON.parse(line) as Message);
      expect(answered.map((answer) => answer.id)).toEqual(messages.filter((m) => "id" in m).map((m) => m.id));
      expect(answered.every((answer) => "result" in answer)).toBe(true);
    });
  });

  it("answers as the SDK does whatever the opening carries, taking only what it is sure of", async () => {
    const tally = { taken: 0, handedOver: 0 };
    const json = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
    const oddId = fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 4 }), fc.constant(null), fc.boolean(), fc.constant(2 ** 60), fc.constant(-1));
    const method = fc.constantFrom("initialize", "ping", "tools/list", "server/discover", "notifications/initialized", "tools/call", "prompts/list", "Initialize", "");
    /** One change at one place in one message, or to the line itself. */
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: json }),
      fc.record({ kind: fc.constant("add" as const), at: fc.nat(), key: fc.constantFrom("extra", "_meta", "title", "icons", "tasks", "progressToken", "cursor", "io.modelcontextprotocol/logLevel"), value: json }),
      fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("id" as const), value: oddId }),
      fc.record({ kind: fc.constant("method" as const), value: method }),
      fc.record({ kind: fc.constant("line" as const), value: fc.constantFrom("", "   ", "{", "not json", "[]", "null", '{"jsonrpc":"2.0"}', "[{}]") }),
    );
    const sessions = SESSIONS.map(([, messages]) => messages);
    const cases = fc.record({
      session: fc.nat({ max: sessions.length - 1 }),
      changes: fc.array(fc.record({ message: fc.nat(), mutation }), { minLength: 1, maxLength: 3 }),
      reorder: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ session, changes, reorder }) => {
        const messages = structuredClone(sessions[session]!);
        const sent = lines(messages);
        for (const { message, mutation: change } of changes) sent[message % sent.length] = mutated(messages[message % messages.length]!, change);
        if (reorder) sent.reverse();
        const [start, sdk] = [await exchange(sent, "start"), await exchange(sent, "sdk")];
        tally[start.handedOverEarly ? "handedOver" : "taken"]++;
        expect([...start.output].sort()).toEqual([...sdk.output].sort());
      }),
      { numRuns: 300 },
    );
    console.log(`opening variations: ${tally.taken} taken whole by the start, ${tally.handedOver} handed (in part) to the SDK`);
    // Both ways were exercised: variations the start answers, and variations it leaves to the SDK.
    expect(tally.taken).toBeGreaterThan(10);
    expect(tally.handedOver).toBeGreaterThan(10);
  }, 300_000);
});

type Mutation =
  | { kind: "set"; at: number; value: Json }
  | { kind: "add"; at: number; key: string; value: Json }
  | { kind: "delete"; at: number }
  | { kind: "id"; value: Json }
  | { kind: "method"; value: string }
  | { kind: "line"; value: string };

/** Every object in a message (itself first) and every member path, for a mutation to pick by number. */
function places(value: Json, path: (string | number)[] = []): { objects: (string | number)[][]; members: (string | number)[][] } {
  const found = { objects: [] as (string | number)[][], members: [] as (string | number)[][] };
  if (value === null || typeof value !== "object") return found;
  if (!Array.isArray(value)) found.objects.push(path);
  for (const [key, child] of Object.entries(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    found.members.push(at);
    const below = places(child, at);
    found.objects.push(...below.objects);
    found.members.push(...below.members);
  }
  return found;
}

function parentOf(root: Json, path: (string | number)[]): { [key: string]: Json } {
  return path.slice(0, -1).reduce<Json>((node, key) => (node as { [key: string]: Json })[key]!, root) as { [key: string]: Json };
}

/** The message's line after one change. */
function mutated(original: Message, change: Mutation): string {
  const message = structuredClone(original);
  const { objects, members } = places(message);
  switch (change.kind) {
    case "line":
      return change.value;
    case "id":
      message.id = change.value;
      break;
    case "method":
      message.method = change.value;
      break;
    case "set": {
      const path = members[change.at % members.length]!;
      parentOf(message, path)[path.at(-1)!] = change.value;
      break;
    }
    case "delete": {
      const path = members[change.at % members.length]!;
      const parent = parentOf(message, path);
      if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
      else delete parent[path.at(-1)!];
      break;
    }
    case "add": {
      const path = objects[change.at % objects.length]!;
      const target = path.reduce<Json>((node, key) => (node as { [key: string]: Json })[key]!, message) as { [key: string]: Json };
      target[change.key] = change.value;
      break;
    }
  }
  return JSON.stringify(message);
}
