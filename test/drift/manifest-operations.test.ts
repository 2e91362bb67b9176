// spec/operations.json tells regen which tool calls each operation and which fields it sends and reads,
// because regen cannot import the manifest. This holds the two together: the manifest is the truth.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOperationList, type ToolOperation } from "../../scripts/regen/operations.ts";
import type { Tool } from "../../src/define-tool.ts";
import { manifest } from "../../src/manifest/index.ts";
import { REPO_ROOT } from "../support/project-copy.ts";

/** Stands in for any value: every property and call gives another stand-in, and it is truthy. */
function anything(): any {
  return new Proxy(function stand() {}, {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => "x" : typeof key === "symbol" ? undefined : anything()),
    apply: () => anything(),
  });
}

/** Top-level request fields the tool's mapping produces when every argument is present. */
function sentFields(tool: Tool): ToolOperation["sends"] {
  let request: { body?: object; params?: { path?: object; query?: object } };
  try {
    request = tool.buildRequest(anything()) as typeof request;
  } catch {
    // Some mappings compute on their arguments (get_spend_logs hashes a key): give every argument a string.
    request = tool.buildRequest(new Proxy({}, { get: () => "sk-anything" })) as typeof request;
  }
  const keys = (value: object | undefined) => Object.keys(value ?? {}).sort();
  return { path: keys(request.params?.path), query: keys(request.params?.query), body: keys(request.body) };
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
    const expected = { tool: tool.name, ...tool.operation, sends: sentFields(tool), reads: readFields(tool) };
    // On failure, the expected value is the entry spec/operations.json should hold.
    expect(entry).toEqual(expected);
  });
});

describe("parseOperationList", () => {
  const entry = { tool: "get_key_info", method: "get", path: "/key/info", sends: { query: ["key"] }, reads: ["info"] };

  it("fills absent parts with empty lists and sorts field names", () => {
    const [op] = parseOperationList([{ ...entry, sends: { body: ["b", "a"] }, reads: undefined }]);
    expect(op).toEqual({ tool: "get_key_info", method: "get", path: "/key/info", sends: { path: [], query: [], body: ["a", "b"] }, reads: [] });
  });

  it("rejects a bad entry with its position", () => {
    expect(() => parseOperationList([entry, { ...entry, tool: "Get Key" }])).toThrow("entry 1: tool must be");
    expect(() => parseOperationList([{ ...entry, sends: { header: ["x"] } }])).toThrow('sends has "header"');
    expect(() => parseOperationList([{ ...entry, reads: "info" }])).toThrow("entry 0.reads must be an array");
    expect(() => parseOperationList([entry, { ...entry, path: "/key/other" }])).toThrow("lists tool get_key_info twice");
    expect(() => parseOperationList([entry, { ...entry, tool: "other" }])).toThrow("lists GET /key/info twice");
  });
});
