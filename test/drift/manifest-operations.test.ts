// spec/operations.json tells regen which tool calls each operation, which fields it sends (on every call,
// or only when it streams) and which it reads, because regen cannot import the manifest. This holds the
// two together: the manifest (and src/streaming.ts) is the truth.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOperationList, type RequestFields } from "../../scripts/regen/operations.ts";
import type { Tool } from "../../src/define-tool.ts";
import { manifest } from "../../src/manifest/index.ts";
import { streamingCall } from "../../src/streaming.ts";
import { REPO_ROOT } from "../support/project-copy.ts";

/** Stands in for any value: every property and call gives another stand-in, and it is truthy. */
function anything(): any {
  return new Proxy(function stand() {}, {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => "x" : typeof key === "symbol" ? undefined : anything()),
    apply: () => anything(),
  });
}

type Request = { body?: object; params?: { path?: object; query?: object } };

/** Arguments as the input schema hands them over: the named ones present (as stand-ins), the rest absent. */
function argumentsWith(present: (name: string) => boolean, stand: () => unknown): Record<string, unknown> {
  return new Proxy({}, { get: (_target, key) => (typeof key === "string" && present(key) ? stand() : undefined) });
}

/** The request the tool's mapping builds from those arguments. */
function requestFor(tool: Tool, present: (name: string) => boolean): Request {
  try {
    return tool.buildRequest(argumentsWith(present, anything)) as Request;
  } catch {
    // Some mappings compute on their arguments (get_spend_logs hashes a key): give every argument a string.
    return tool.buildRequest(argumentsWith(present, () => "sk-anything")) as Request;
  }
}

/** Top-level fields of a request that carry a value (openapi-fetch leaves undefined ones out). */
function fieldsOf(request: Request): RequestFields {
  const keys = (value: object | undefined) => Object.entries(value ?? {}).filter(([, v]) => v !== undefined).map(([k]) => k).sort();
  return { path: keys(request.params?.path), query: keys(request.params?.query), body: keys(request.body) };
}

/** Input fields every parsed call has: required ones, and optional ones with a default. */
function alwaysPresent(tool: Tool): Set<string> {
  const present = Object.entries(tool.input.shape).filter(([, field]) => {
    const parsed = (field as { safeParse(value: unknown): { success: boolean; data?: unknown } }).safeParse(undefined);
    return !parsed.success || parsed.data !== undefined;
  });
  return new Set(present.map(([name]) => name));
}

/** Top-level request fields the tool's mapping produces when every argument is present. */
function sentFields(tool: Tool): RequestFields {
  return fieldsOf(requestFor(tool, () => true));
}

/** Those it produces from the arguments every call has, i.e. on every call. */
function alwaysSentFields(tool: Tool): RequestFields {
  const present = alwaysPresent(tool);
  return fieldsOf(requestFor(tool, (name) => present.has(name)));
}

/** What src/streaming.ts adds to the request when a streaming tool is called with a progress token. */
function streamingFields(tool: Tool): RequestFields {
  const plain = requestFor(tool, () => true);
  const ctx = { mcpReq: { _meta: { progressToken: "token" }, notify: async () => undefined } } as unknown as Parameters<typeof streamingCall>[1];
  const streamed = tool.streams ? streamingCall(plain, ctx, { secrets: [], budgetBytes: 1 })!.request : plain;
  const [before, after] = [fieldsOf(plain), fieldsOf(streamed as Request)];
  const added = (part: keyof RequestFields) => after[part].filter((name) => !before[part].includes(name));
  return { path: added("path"), query: added("query"), body: added("body") };
}

/** Top-level fields of LiteLLM's answer the tool's output mapping touches. */
function readFields(tool: Tool): string[] {
  const read = new Set<string>();
  const answer = new Proxy({}, {
    get: (_target, key) => {
      if (typeof key === "string") read.add(key);
      return anything();
    },
  });
  tool.buildResult(answer, anything());
  return [...read].sort();
}

describe("spec/operations.json and the manifest", async () => {
  const listed = parseOperationList(JSON.parse(await readFile(join(REPO_ROOT, "spec/operations.json"), "utf8")));

  it("name the same tools", () => {
    expect(listed.map((op) => op.tool).sort()).toEqual(manifest.map((tool) => tool.name).sort());
  });

  it.each(manifest.map((tool) => [tool.name, tool] as const))("agree on %s's operation and the fields it sends and reads", (_name, tool) => {
    const entry = listed.find((op) => op.tool === tool.name);
    const expected = {
      tool: tool.name,
      ...tool.operation,
      sends: sentFields(tool),
      sendsAlways: alwaysSentFields(tool),
      sendsWhenStreaming: streamingFields(tool),
      reads: readFields(tool),
    };
    // On failure, the expected value is the entry spec/operations.json should hold.
    expect(entry).toEqual(expected);
  });
});

describe("parseOperationList", () => {
  const entry = { tool: "get_key_info", method: "get", path: "/key/info", sends: { query: ["key"] }, sendsAlways: { query: ["key"] }, reads: ["info"] };
  const none = { path: [], query: [], body: [] };

  it("fills absent parts with empty lists and sorts field names", () => {
    const [op] = parseOperationList([{ ...entry, sends: { body: ["b", "a"] }, sendsAlways: undefined, reads: undefined }]);
    expect(op).toEqual({ tool: "get_key_info", method: "get", path: "/key/info", sends: { ...none, body: ["a", "b"] }, sendsAlways: none, sendsWhenStreaming: none, reads: [] });
  });

  it("rejects a bad entry with its position", () => {
    expect(() => parseOperationList([entry, { ...entry, tool: "Get Key" }])).toThrow("entry 1: tool must be");
    expect(() => parseOperationList([{ ...entry, sends: { header: ["x"] } }])).toThrow('entry 0.sends has "header"');
    expect(() => parseOperationList([{ ...entry, reads: "info" }])).toThrow("entry 0.reads must be an array");
    expect(() => parseOperationList([entry, { ...entry, path: "/key/other" }])).toThrow("lists tool get_key_info twice");
    expect(() => parseOperationList([entry, { ...entry, tool: "other" }])).toThrow("lists GET /key/info twice");
  });

  it("rejects a misspelt key instead of ignoring what it says", () => {
    expect(() => parseOperationList([{ ...entry, sendAlways: { query: ["key"] } }])).toThrow('entry 0 has "sendAlways"; an entry has tool, method, path, sends, sendsAlways');
  });

  it("holds sendsAlways to fields sends lists, and sendsWhenStreaming to fields it does not", () => {
    expect(() => parseOperationList([{ ...entry, sendsAlways: { query: ["key", "page"] } }])).toThrow("entry 0.sendsAlways.query has page, which sends.query does not list.");
    expect(() => parseOperationList([{ ...entry, sendsWhenStreaming: { query: ["key"] } }])).toThrow("entry 0.sendsWhenStreaming.query has key, which sends.query lists already.");
  });
});
