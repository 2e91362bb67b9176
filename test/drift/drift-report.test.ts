// The drift report's judgments on small hand-made documents: what counts as a change, and which changes
// break the bridge (only what a tool sends or reads, plus removed operations and newly required fields).

import { describe, expect, it } from "vitest";
import { compareSpecs, typeName } from "../../scripts/regen/drift-report.ts";
import { formatDriftReport } from "../../scripts/regen/drift-format.ts";
import type { JsonObject } from "../../scripts/regen/json.ts";
import type { ToolOperation } from "../../scripts/regen/operations.ts";

const makeThing: ToolOperation = {
  tool: "make_thing",
  method: "post",
  path: "/thing",
  sends: { path: [], query: ["scope"], body: ["name", "size"] },
  reads: ["id", "name"],
};
const listThings: ToolOperation = { tool: "list_things", method: "get", path: "/things", sends: { path: [], query: [], body: [] }, reads: [] };

interface Shape {
  body?: JsonObject;
  bodyRequired?: string[];
  query?: JsonObject[];
  response?: JsonObject;
  withList?: boolean;
}

const baseBody = () => ({ name: { type: "string", description: "Its name." }, size: { type: "integer" }, color: { type: "string" } });
const baseResponse = () => ({ type: "object", properties: { id: { type: "string" }, name: { type: "string" }, note: { type: "string" } } });

/** A document shaped like LiteLLM's: the body behind a $ref to components, nullable fields as anyOf with null. */
function spec(version: string, shape: Shape = {}): JsonObject {
  const post: JsonObject = {
    parameters: shape.query ?? [{ name: "scope", in: "query", schema: { anyOf: [{ type: "string" }, { type: "null" }] } }],
    requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ThingRequest" } } } },
    responses: { "200": { content: { "application/json": { schema: shape.response ?? baseResponse() } } }, "422": { description: "Bad input" } },
  };
  const request: JsonObject = { type: "object", properties: shape.body ?? baseBody(), ...(shape.bodyRequired ? { required: shape.bodyRequired } : {}) };
  const paths: JsonObject = { "/thing": { post } };
  if (shape.withList !== false) paths["/things"] = { get: { responses: { "200": { content: { "application/json": { schema: {} } } } } } };
  return { openapi: "3.1.0", info: { title: "LiteLLM API", version }, paths, components: { schemas: { ThingRequest: request } } };
}

const ops = [makeThing, listThings];
const thingDrift = (before: JsonObject | undefined, after: JsonObject) => compareSpecs(before, after, ops).operations.find((d) => d.op.tool === "make_thing")!;
const tokens = (before: JsonObject, after: JsonObject) => thingDrift(before, after).changes.map((c) => `${c.part} ${c.token}${c.breaking ? "!" : ""}`);

describe("compareSpecs", () => {
  it("on a first regen marks every operation new and compares with nothing", () => {
    const report = compareSpecs(undefined, spec("1.0.0"), ops);
    expect(report.from).toBeUndefined();
    expect(report.operations.map((d) => [d.op.tool, d.status])).toEqual([["list_things", "new"], ["make_thing", "new"]]);
    expect(report.breaking).toEqual([]);
  });

  it("finds nothing between a document and itself, nor in reworded descriptions or null unions", () => {
    const reworded = spec("1.1.0", { body: { ...baseBody(), name: { anyOf: [{ type: "string" }, { type: "null" }], description: "New words." } } });
    const report = compareSpecs(spec("1.0.0"), reworded, ops);
    expect(report.operations.map((d) => d.status)).toEqual(["unchanged", "unchanged"]);
    expect(report.from).toBe("1.0.0");
    expect(report.to).toBe("1.1.0");
  });

  it("reports added optional fields and parameters as not breaking", () => {
    const after = spec("2", {
      body: { ...baseBody(), agent_id: { type: "string" } },
      query: [{ name: "scope", in: "query", schema: { type: "string" } }, { name: "page", in: "query", schema: { type: "integer" } }],
    });
    expect(tokens(spec("1"), after)).toEqual(["query +page", "body +agent_id"]);
    expect(compareSpecs(spec("1"), after, ops).breaking).toEqual([]);
  });

  it("breaks on a new required field, even one the tool never sends", () => {
    const after = spec("2", { body: { ...baseBody(), owner: { type: "string" } }, bodyRequired: ["owner"] });
    expect(tokens(spec("1"), after)).toEqual(["body +owner:required!"]);
    expect(compareSpecs(spec("1"), after, ops).breaking).toEqual(["make_thing: LiteLLM now requires body field owner."]);
  });

  it("breaks on a removed field only when the tool sends it", () => {
    const { size: _size, color: _color, ...rest } = baseBody();
    expect(tokens(spec("1"), spec("2", { body: rest }))).toEqual(["body -color", "body -size!"]);
    expect(compareSpecs(spec("1"), spec("2", { body: rest }), ops).breaking).toEqual([
      "make_thing: body field size is gone, and the tool sends it.",
    ]);
  });

  it("breaks when an optional field becomes required, not the other way round", () => {
    expect(tokens(spec("1"), spec("2", { bodyRequired: ["color"] }))).toEqual(["body color:required!"]);
    expect(tokens(spec("1", { bodyRequired: ["name"] }), spec("2"))).toEqual(["body name:optional"]);
  });

  it("breaks on a type change of a sent field, and only notes it for a field the tool leaves alone", () => {
    const after = spec("2", { body: { ...baseBody(), size: { type: "string" }, color: { type: "array", items: { type: "string" } } } });
    expect(tokens(spec("1"), after)).toEqual(["body color:string→array<string>", "body size:integer→string!"]);
    expect(compareSpecs(spec("1"), after, ops).breaking).toEqual(["make_thing: body field size changed type from integer to string, and the tool sends it."]);
  });

  it("notes a nested change that keeps the type, without calling it breaking", () => {
    const before = spec("1", { body: { ...baseBody(), name: { type: "object", properties: { first: { type: "string" } } } } });
    const after = spec("2", { body: { ...baseBody(), name: { type: "object", properties: { first: { type: "string" }, last: { type: "string" } } } } });
    expect(tokens(before, after)).toEqual(["body ~name"]);
  });

  it("judges parameters like body fields", () => {
    const after = spec("2", { query: [{ name: "scope", in: "query", schema: { type: "integer" } }] });
    expect(tokens(spec("1"), after)).toEqual(["query scope:string→integer!"]);
    expect(tokens(spec("1"), spec("2", { query: [] }))).toEqual(["query -scope!"]);
  });

  it("breaks when a typed answer loses a field the tool reads, and asks to check the output mapping", () => {
    const lost = spec("2", { response: { type: "object", properties: { id: { type: "string" } } } });
    expect(tokens(spec("1"), lost)).toEqual(["response -name!", "response -note"]);
    const untyped = spec("2", { response: {} });
    expect(tokens(spec("1"), untyped)).toEqual(["response untyped!"]);
    expect(compareSpecs(spec("1"), untyped, ops).breaking[0]).toContain("check its output mapping");
    expect(tokens(spec("1", { response: {} }), spec("2"))).toEqual(["response typed"]);
  });

  it("breaks on a removed operation, and on one the document never had", () => {
    const removed = compareSpecs(spec("1"), spec("2", { withList: false }), ops);
    expect(removed.operations[0]).toMatchObject({ status: "removed", breaking: "list_things: GET /things is gone from LiteLLM 2." });
    const missing = compareSpecs(spec("1", { withList: false }), spec("2", { withList: false }), ops);
    expect(missing.breaking).toEqual(["list_things: LiteLLM 2 has no GET /things."]);
  });
});

describe("typeName", () => {
  it("names a simplified schema's type one level deep", () => {
    expect(typeName({ type: "string", enum: ["a"] })).toBe("string");
    expect(typeName({ anyOf: [{ type: "string" }, { type: "integer" }] })).toBe("integer|string");
    expect(typeName({ type: "array", items: { anyOf: [{ properties: {} }, { type: "object" }] } })).toBe("array<object>");
    expect(typeName({})).toBe("any");
  });
});

describe("formatDriftReport", () => {
  it("shows a row per tool, the changed parts, a legend and the breaking sentences", () => {
    const after = spec("2", { body: { ...baseBody(), agent_id: { type: "string" }, size: { type: "string" } } });
    const text = formatDriftReport(compareSpecs(spec("1"), after, ops));
    expect(text.split("\n")).toEqual([
      "LiteLLM 1 → 2",
      "  list_things  GET  /things  unchanged",
      "  make_thing   POST /thing   body: +agent_id size:integer→string!",
      "  (+ added, - removed, ~ nested schema changed, name:a→b type changed, ! breaks the bridge)",
      "  breaking:",
      "    make_thing: body field size changed type from integer to string, and the tool sends it.",
    ]);
  });

  it("says so when nothing breaks, and when there is nothing to compare with", () => {
    expect(formatDriftReport(compareSpecs(spec("1"), spec("1"), ops))).toMatch(/breaking: none$/);
    expect(formatDriftReport(compareSpecs(undefined, spec("1"), ops)).split("\n")[0]).toBe("LiteLLM 1 (no previous spec/openapi.json to compare with)");
  });
});
