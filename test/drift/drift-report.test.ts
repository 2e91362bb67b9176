// The drift report's judgments on small hand-made documents: what counts as a change, and which changes
// break the bridge, by what the tool does with the field (sends it always, sometimes, when streaming; reads
// it; or leaves it alone), plus removed operations and request bodies that stop being declared.

import { describe, expect, it } from "vitest";
import { compareSpecs, direction, typeName } from "../../scripts/regen/drift-report.ts";
import { formatDriftReport, wrap } from "../../scripts/regen/drift-format.ts";
import type { JsonObject } from "../../scripts/regen/json.ts";
import type { ToolOperation } from "../../scripts/regen/operations.ts";
import { changesInside, noteList } from "../../scripts/regen/schema-diff.ts";

const none = { path: [], query: [], body: [] };
const makeThing: ToolOperation = {
  tool: "make_thing",
  method: "post",
  path: "/thing",
  sends: { path: [], query: ["scope"], body: ["name", "size"] },
  sendsAlways: { path: [], query: [], body: ["name"] },
  sendsWhenStreaming: { path: [], query: [], body: ["live"] },
  reads: ["id", "name"],
};
const listThings: ToolOperation = { tool: "list_things", method: "get", path: "/things", sends: none, sendsAlways: none, sendsWhenStreaming: none, reads: [] };

interface Shape {
  body?: JsonObject;
  bodyRequired?: string[];
  /** false: the operation declares no request body. */
  withBody?: boolean;
  query?: JsonObject[];
  response?: JsonObject;
  withList?: boolean;
}

const nullable = (schema: JsonObject) => ({ anyOf: [schema, { type: "null" }] });
const baseBody = (): JsonObject => ({
  name: { type: "string", description: "Its name." },
  size: { type: "integer" },
  color: { type: "string" },
  live: { type: "boolean" },
});
const baseResponse = () => ({ type: "object", properties: { id: { type: "string" }, name: { type: "string" }, note: { type: "string" } } });

/** A document shaped like LiteLLM's: the body behind a $ref to components, nullable fields as anyOf with null. */
function spec(version: string, shape: Shape = {}): JsonObject {
  const post: JsonObject = {
    parameters: shape.query ?? [{ name: "scope", in: "query", schema: nullable({ type: "string" }) }],
    responses: { "200": { content: { "application/json": { schema: shape.response ?? baseResponse() } } }, "422": { description: "Bad input" } },
  };
  if (shape.withBody !== false) post.requestBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/ThingRequest" } } } };
  const request: JsonObject = { type: "object", properties: shape.body ?? baseBody(), ...(shape.bodyRequired ? { required: shape.bodyRequired } : {}) };
  const paths: JsonObject = { "/thing": { post } };
  if (shape.withList !== false) paths["/things"] = { get: { responses: { "200": { content: { "application/json": { schema: {} } } } } } };
  return { openapi: "3.1.0", info: { title: "LiteLLM API", version }, paths, components: { schemas: { ThingRequest: request } } };
}

const ops = [makeThing, listThings];
const thingDrift = (before: JsonObject | undefined, after: JsonObject) => compareSpecs(before, after, ops).operations.find((d) => d.op.tool === "make_thing")!;
const tokens = (before: JsonObject, after: JsonObject) =>
  thingDrift(before, after).changes.map((c) => `${c.part} ${c.token}${c.breaking.length ? "!" : ""}${c.affectsTools ? "" : " (unused)"}`);
const breaking = (before: JsonObject, after: JsonObject) => compareSpecs(before, after, ops).breaking;
const withBody = (fields: JsonObject) => spec("2", { body: { ...baseBody(), ...fields } });

describe("compareSpecs", () => {
  it("on a first regen marks every operation new and compares with nothing", () => {
    const report = compareSpecs(undefined, spec("1.0.0"), ops);
    expect(report.from).toBeUndefined();
    expect(report.direction).toBeUndefined();
    expect(report.operations.map((d) => [d.op.tool, d.status])).toEqual([["list_things", "new"], ["make_thing", "new"]]);
    expect(report.breaking).toEqual([]);
  });

  it("finds nothing between a document and itself, nor in reworded descriptions", () => {
    const reworded = withBody({ name: { type: "string", description: "New words." } });
    const report = compareSpecs(spec("1.0.0"), reworded, ops);
    expect(report.operations.map((d) => d.status)).toEqual(["unchanged", "unchanged"]);
    expect(report.from).toBe("1.0.0");
    expect(report.to).toBe("2");
  });

  it("reports added optional fields and parameters as not breaking, and as touching no tool", () => {
    const after = spec("2", {
      body: { ...baseBody(), agent_id: { type: "string" } },
      query: [{ name: "scope", in: "query", schema: nullable({ type: "string" }) }, { name: "page", in: "query", schema: { type: "integer" } }],
    });
    expect(tokens(spec("1"), after)).toEqual(["query +page (unused)", "body +agent_id (unused)"]);
    expect(breaking(spec("1"), after)).toEqual([]);
  });

  it("breaks on a new required field, even one the tool never sends", () => {
    const after = spec("2", { body: { ...baseBody(), owner: { type: "string" } }, bodyRequired: ["owner"] });
    expect(tokens(spec("1"), after)).toEqual(["body +owner:required!"]);
    expect(breaking(spec("1"), after)).toEqual(["make_thing: LiteLLM now requires body field owner."]);
  });

  it("breaks on a removed field only when the tool sends or streams it", () => {
    const { size: _size, color: _color, live: _live, ...rest } = baseBody();
    expect(tokens(spec("1"), spec("2", { body: rest }))).toEqual(["body -color (unused)", "body -live!", "body -size!"]);
    expect(breaking(spec("1"), spec("2", { body: rest }))).toEqual([
      "make_thing: body field live is gone, and the tool sends it when it streams (src/streaming.ts adds it).",
      "make_thing: body field size is gone, and the tool sends it.",
    ]);
  });

  it("breaks when a field becomes required unless the tool sends it on every call", () => {
    const after = spec("2", { bodyRequired: ["color", "name", "size"] });
    expect(tokens(spec("1"), after)).toEqual(["body color:required!", "body name:required", "body size:required!"]);
    expect(breaking(spec("1"), after)).toEqual([
      "make_thing: body field color is now required, and the tool never sends it.",
      "make_thing: body field size is now required, and the tool does not always send it.",
    ]);
  });

  it("breaks when a field the tool sends becomes optional: a tool input built on it stops requiring it", () => {
    const after = spec("2");
    expect(tokens(spec("1", { bodyRequired: ["name", "color"] }), after)).toEqual(["body color:optional (unused)", "body name:optional!"]);
    expect(breaking(spec("1", { bodyRequired: ["name", "color"] }), after)).toEqual([
      "make_thing: body field name is optional now, and the tool sends it: a tool input built on LiteLLM's field no longer requires it.",
    ]);
  });

  it("says when a field becomes nullable or not, and breaks only where the tool reads what may now be null", () => {
    const sentNullable = withBody({ name: nullable({ type: "string" }) });
    expect(tokens(spec("1"), sentNullable)).toEqual(["body name:nullable"]);
    expect(tokens(spec("1", { query: [{ name: "scope", in: "query", schema: { type: "string" } }] }), spec("2"))).toEqual(["query scope:nullable"]);
    expect(tokens(spec("1", { query: [] }), spec("2", { query: [] }))).toEqual([]);
    const readNullable = spec("2", { response: { type: "object", properties: { id: nullable({ type: "string" }), name: { type: "string" }, note: nullable({ type: "string" }) } } });
    expect(tokens(spec("1"), readNullable)).toEqual(["response id:nullable!", "response note:nullable (unused)"]);
    expect(breaking(spec("1"), readNullable)).toEqual(["make_thing: its answer's field id may be null now, and the tool reads it (check its output mapping)."]);
    expect(tokens(readNullable, spec("3"))).toEqual(["response id:non-null", "response note:non-null (unused)"]);
  });

  it("puts every change to one field in one token: optional and nullable together", () => {
    const before = spec("1", { bodyRequired: ["name"] });
    expect(tokens(before, withBody({ name: nullable({ type: "string" }) }))).toEqual(["body name:optional,nullable!"]);
  });

  it("breaks on a type change of a sent field, and only notes it for a field the tool leaves alone", () => {
    const after = withBody({ size: { type: "string" }, color: { type: "array", items: { type: "string" } } });
    expect(tokens(spec("1"), after)).toEqual(["body color:string→array<string> (unused)", "body size:integer→string!"]);
    expect(breaking(spec("1"), after)).toEqual(["make_thing: body field size changed type from integer to string, and the tool sends it."]);
  });

  it("says what changed inside a field that keeps its type, without calling it breaking", () => {
    const before = withBody({ name: { type: "object", properties: { first: { type: "string" } } } });
    const after = withBody({ name: { type: "object", properties: { first: { type: "string" }, last: { type: "string" } }, required: ["first"] } });
    expect(tokens(before, after)).toEqual(["body ~name(first:required, +last)"]);
    expect(tokens(spec("1"), withBody({ size: { type: "integer", maximum: 100 } }))).toEqual(["body ~size(maximum none→100)"]);
  });

  it("judges parameters like body fields", () => {
    const after = spec("2", { query: [{ name: "scope", in: "query", schema: nullable({ type: "integer" }) }] });
    expect(tokens(spec("1"), after)).toEqual(["query scope:string→integer!"]);
    expect(tokens(spec("1"), spec("2", { query: [] }))).toEqual(["query -scope!"]);
  });

  it("says once that a request body is no longer declared, naming what the tool sends in it", () => {
    expect(tokens(spec("1"), spec("2", { withBody: false }))).toEqual(["body no longer declared!"]);
    expect(breaking(spec("1"), spec("2", { withBody: false }))).toEqual([
      "make_thing: LiteLLM no longer declares a request body, and the tool sends live, name, size in it.",
    ]);
    expect(tokens(spec("1", { withBody: false }), spec("2", { bodyRequired: ["name"] }))).toEqual(["body declared now"]);
    expect(breaking(spec("1", { withBody: false }), spec("2", { bodyRequired: ["name", "size"] }))).toEqual([
      "make_thing: LiteLLM now declares a request body that requires size, which the tool does not always send.",
    ]);
  });

  it("breaks when a typed answer loses a field the tool reads, and asks to check the output mapping", () => {
    const lost = spec("2", { response: { type: "object", properties: { id: { type: "string" } } } });
    expect(tokens(spec("1"), lost)).toEqual(["response -name!", "response -note (unused)"]);
    const untyped = spec("2", { response: {} });
    expect(tokens(spec("1"), untyped)).toEqual(["response no longer declared!"]);
    expect(breaking(spec("1"), untyped)[0]).toContain("check its output mapping");
    expect(tokens(spec("1", { response: {} }), spec("2"))).toEqual(["response declared now"]);
  });

  it("breaks on a removed operation, and on one the document never had", () => {
    const removed = compareSpecs(spec("1"), spec("2", { withList: false }), ops);
    expect(removed.operations[0]).toMatchObject({ status: "removed", breaking: "list_things: GET /things is gone from LiteLLM 2." });
    const missing = compareSpecs(spec("1", { withList: false }), spec("2", { withList: false }), ops);
    expect(missing.breaking).toEqual(["list_things: LiteLLM 2 has no GET /things."]);
  });
});

describe("direction", () => {
  it("compares dotted release numbers, not strings", () => {
    expect(direction("1.88.0", "1.108.7")).toBe("upgrade");
    expect(direction("1.108.7", "1.80.17")).toBe("downgrade");
    expect(direction("1.108.7", "1.108.7")).toBe("same release");
    expect(direction("1.108", "1.108.0")).toBeUndefined();
    expect(direction("1.108.7", "1.108.7-next")).toBeUndefined();
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

describe("changesInside", () => {
  const object = (properties: JsonObject, extra: JsonObject = {}) => ({ type: "object", properties, ...extra });

  it("gives paths: . between properties, [] for items, {} for map values", () => {
    const before = { type: "array", items: object({ a: object({ b: { type: "string" } }), m: { type: "object", additionalProperties: true } }) };
    const after = { type: "array", items: object({ a: object({ b: { type: "integer" }, c: { type: "string" } }), m: { type: "object", additionalProperties: { type: "integer" } } }) };
    expect(changesInside(before, after)).toEqual(["[].a.b:string→integer", "+[].a.c", "[].m{}:any→integer"]);
  });

  it("names enum values and keyword changes, and ignores prose", () => {
    const before = { type: "string", enum: ["a", "b"], maxLength: 5, description: "x" };
    expect(changesInside(before, { type: "string", enum: ["a", "c"], maxLength: 9, description: "y" })).toEqual(["enum +c -b", "maxLength 5→9"]);
  });

  it("matches union members by their fields, so a member that changed is not a removed one and an added one", () => {
    const before = { anyOf: [object({ role: { const: "user" }, text: { type: "string" } }), object({ role: { const: "tool" }, id: { type: "string" } })] };
    const after = { anyOf: [object({ role: { const: "user" }, text: { type: "string" }, ttl: { type: "string" } }), object({ role: { const: "tool" }, id: { type: "string" } }), object({ kind: { type: "string" } })] };
    expect(changesInside(before, after)).toEqual(["+ttl", "+1 variant"]);
  });

  it("lists a few notes and counts the rest", () => {
    expect(noteList(["+a", "+b", "+c", "+d", "+e", "+f"])).toBe("+a, +b, +c, +d, … 2 more");
    expect(noteList(["+a"])).toBe("+a");
  });
});

describe("formatDriftReport", () => {
  it("lists changes to what tools send and read apart from the rest, then unchanged operations, a legend and the breaking sentences", () => {
    const after = spec("2", { body: { ...baseBody(), agent_id: { type: "string" }, size: { type: "string" } } });
    const text = formatDriftReport(compareSpecs(spec("1"), after, ops));
    expect(text.split("\n")).toEqual([
      "LiteLLM 1 → 2 (upgrade)",
      "  Affects the tools (fields they send or read, operations they call):",
      "    make_thing (POST /thing)",
      "      body: size:integer→string!",
      "  Does not affect the tools (fields no tool sends or reads):",
      "    make_thing (POST /thing)",
      "      body: +agent_id",
      "  Unchanged: list_things",
      "  (+ added, - removed, x:a→b type changed, x:required/optional/nullable/non-null,",
      "   ~x(…) changed inside x, ! breaks a tool)",
      "  breaking:",
      "    make_thing: body field size changed type from integer to string, and the tool sends it.",
    ]);
  });

  it("labels a downgrade, and wraps long lines under where they started", () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`added_field_number_${i}`, { type: "string" }]));
    const text = formatDriftReport(compareSpecs(spec("1.2.0", { bodyRequired: ["name"] }), spec("1.1.9", { body: { ...baseBody(), ...many } }), ops));
    const lines = text.split("\n");
    expect(lines[0]).toBe("LiteLLM 1.2.0 → 1.1.9 (a downgrade: older than the release spec/ came from)");
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    const body = lines.findIndex((line) => line.startsWith("      body: +added_field_number_0"));
    expect(lines[body + 1]).toMatch(/^ {12}\+added_field_number_\d+ /);
    expect(lines.slice(-3)).toEqual([
      "  breaking:",
      "    make_thing: body field name is optional now, and the tool sends it: a tool input built on",
      "      LiteLLM's field no longer requires it.",
    ]);
  });

  it("says so when nothing breaks, and when there is nothing to compare with", () => {
    expect(formatDriftReport(compareSpecs(spec("1"), spec("1"), ops)).split("\n")).toEqual([
      "LiteLLM 1 → 1 (same release)",
      "  Unchanged: list_things, make_thing",
      "  breaking: none",
    ]);
    expect(formatDriftReport(compareSpecs(undefined, spec("1"), ops)).split("\n")).toEqual([
      "LiteLLM 1 (no previous spec/openapi.json to compare with)",
      "  New (nothing to compare with): list_things, make_thing",
      "  breaking: none",
    ]);
  });
});

describe("wrap", () => {
  it("fills lines up to the width and indents the ones after the first", () => {
    expect(wrap("ab: ", ["cd", "ef", "gh"], 2, 9)).toEqual(["ab: cd ef", "  gh"]);
    expect(wrap("ab: ", ["a-word-longer-than-the-width"], 2, 9)).toEqual(["ab: a-word-longer-than-the-width"]);
  });
});
