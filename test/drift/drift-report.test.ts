// The drift report's judgments on small hand-made documents: what counts as a change and which tool paths
// it touches, and which documents break a tool, judged against what the tool's record (spec/operations.json)
// says it sends, builds on and reads — nested paths, enums, closed objects, answers the output check would
// refuse — with each sentence saying where it shows: the file the compiler fails in, or what happens at
// run time and which output field to change.

import { describe, expect, it } from "vitest";
import { compareSpecs, direction, typeName } from "../../scripts/regen/drift-report.ts";
import { formatDriftReport, wrap } from "../../scripts/regen/drift-format.ts";
import type { JsonObject } from "../../scripts/regen/json.ts";
import type { ToolOperation } from "../../scripts/regen/operations.ts";
import { changesInside, noteList } from "../../scripts/regen/schema-diff.ts";

const FILE = "src/manifest/things/make-thing.ts";
const TYPECHECK = `\`npm run typecheck\` fails in ${FILE}.`;

const makeThing: ToolOperation = {
  tool: "make_thing",
  file: FILE,
  method: "post",
  path: "/thing",
  sends: {
    query: { when: "sometimes", kinds: ["object"] },
    "query.scope": { when: "sometimes", kinds: ["string"] },
    body: { when: "always", kinds: ["object"] },
    "body.name": { when: "always", kinds: ["string"] },
    "body.size": { when: "sometimes", kinds: ["integer"] },
    "body.shape": { when: "sometimes", kinds: ["string"], values: ["round"] },
    "body.live": { when: "streaming", kinds: ["boolean"], values: [true] },
    "body.opts": { when: "sometimes", kinds: ["object"] },
    "body.opts.depth": { when: "always", kinds: ["integer"] },
    "body.meta": { when: "sometimes", kinds: ["object"] },
    "body.meta{}": { when: "sometimes", kinds: ["string", "integer", "number", "boolean", "array", "object", "null"] },
  },
  builtOn: {},
  reads: {
    id: { typed: true, was: ["string"], rejects: { absent: "id", null: "id", integer: "id" } },
    name: { was: ["absent", "string"], rejects: { integer: "label" } },
  },
  around: [],
};
const listThings: ToolOperation = { tool: "list_things", file: "src/manifest/things/list-things.ts", method: "get", path: "/things", sends: {}, builtOn: {}, reads: {}, around: [] };

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
const opts = (properties: JsonObject = { depth: { type: "integer" }, width: { type: "integer" } }): JsonObject => ({ type: "object", properties, required: ["depth"] });
const baseBody = (): JsonObject => ({
  name: { type: "string", description: "Its name." },
  size: { type: "integer" },
  color: { type: "string" },
  live: { type: "boolean" },
  shape: { type: "string", enum: ["round", "square"] },
  opts: opts(),
  meta: nullable({ type: "object", additionalProperties: true }),
});
const baseResponse = () => ({ type: "object", properties: { id: { type: "string" }, name: { type: "string" }, note: { type: "string" } }, required: ["id"] });

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
/** "part token[!] (unused)", with a ~x token's notes in order. */
const tokens = (before: JsonObject, after: JsonObject) =>
  thingDrift(before, after).changes.map((c) => {
    const notes = c.notes ? `(${c.notes.map((n) => n.text + (n.breaks ? "!" : "")).join(", ")})` : "";
    return `${c.part} ${c.token}${notes}${c.breaking.length && !c.notes ? "!" : ""}${c.affectsTools ? "" : " (unused)"}`;
  });
const breaking = (before: JsonObject | undefined, after: JsonObject) => compareSpecs(before, after, ops).breaking;
const withBody = (fields: JsonObject, shape: Shape = {}) => spec("2", { ...shape, body: { ...baseBody(), ...fields } });
const without = (...names: string[]) => Object.fromEntries(Object.entries(baseBody()).filter(([name]) => !names.includes(name)));

describe("compareSpecs: what changed, and which changes touch a tool", () => {
  it("on a first regen marks every operation new, and finds nothing to break in a document that fits", () => {
    const report = compareSpecs(undefined, spec("1.0.0"), ops);
    expect(report.from).toBeUndefined();
    expect(report.operations.map((d) => [d.op.tool, d.status])).toEqual([["list_things", "new"], ["make_thing", "new"]]);
    expect(report.breaking).toEqual([]);
  });

  it("finds nothing between a document and itself, nor in reworded descriptions", () => {
    const report = compareSpecs(spec("1.0.0"), withBody({ name: { type: "string", description: "New words." } }), ops);
    expect(report.operations.map((d) => d.status)).toEqual(["unchanged", "unchanged"]);
    expect([report.from, report.to]).toEqual(["1.0.0", "2"]);
  });

  it("reports added optional fields and parameters as touching no tool", () => {
    const after = spec("2", {
      body: { ...baseBody(), agent_id: { type: "string" } },
      query: [{ name: "scope", in: "query", schema: nullable({ type: "string" }) }, { name: "page", in: "query", schema: { type: "integer" } }],
    });
    expect(tokens(spec("1"), after)).toEqual(["query +page (unused)", "body +agent_id (unused)"]);
    expect(breaking(spec("1"), after)).toEqual([]);
  });

  it("names inside a field only what touches the tool's paths, and lists those notes first", () => {
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`extra_${i}`, { type: "string" }]));
    const before = withBody({ opts: opts({ depth: { type: "integer" }, width: { type: "integer" }, ...many }) });
    const after = withBody({ opts: opts({ depth: { type: "integer", maximum: 9 } }) });
    const [token] = tokens(before, after);
    expect(token).toBe("body ~opts(depth maximum none→9, -extra_0, -extra_1, -extra_2, -extra_3, -extra_4, -extra_5, -width)");
    const text = formatDriftReport(compareSpecs(before, after, ops));
    // The note about depth, which the tool sends, comes first; the cut-off counts only the others.
    expect(text).toContain("body: ~opts(depth maximum none→9, -extra_0, -extra_1, -extra_2, -extra_3, … 3 more)");
  });
});

describe("compareSpecs: what breaks the tool, and where it shows", () => {
  it("breaks on a new required field the tool never sends", () => {
    const after = withBody({ owner: { type: "string" } }, { bodyRequired: ["owner"] });
    expect(tokens(spec("1"), after)).toEqual(["body +owner:required!"]);
    expect(breaking(spec("1"), after)).toEqual([`make_thing: LiteLLM 2 requires body field owner, which the tool never sends: ${TYPECHECK}`]);
  });

  it("breaks on a removed field only when the tool sends it, streaming ones in src/litellm/streaming.ts", () => {
    const after = spec("2", { body: without("size", "color", "live") });
    expect(tokens(spec("1"), after)).toEqual(["body -color (unused)", "body -live!", "body -size!"]);
    expect(breaking(spec("1"), after)).toEqual([
      "make_thing: body field live is gone, and the tool sends it when it streams (src/litellm/streaming.ts adds it): `npm run typecheck` fails in src/litellm/streaming.ts.",
      `make_thing: body field size is gone, and the tool sends it: ${TYPECHECK}`,
    ]);
  });

  it("breaks when a field becomes required unless the tool sends it on every call", () => {
    const after = spec("2", { bodyRequired: ["color", "name", "size"] });
    expect(tokens(spec("1"), after)).toEqual(["body color:required!", "body name:required", "body size:required!"]);
    expect(breaking(spec("1"), after)).toEqual([
      `make_thing: LiteLLM 2 requires body field color, which the tool never sends: ${TYPECHECK}`,
      `make_thing: LiteLLM 2 requires body field size, which the tool does not always send: ${TYPECHECK}`,
    ]);
  });

  it("breaks on narrowing what the tool sends, never on widening it", () => {
    expect(breaking(spec("1"), withBody({ size: { type: "string" } }))).toEqual([`make_thing: body field size takes string in LiteLLM 2, and the tool sends integer: ${TYPECHECK}`]);
    expect(breaking(spec("1"), withBody({ size: { type: "number" } }))).toEqual([]);
    expect(breaking(spec("1"), withBody({ size: { anyOf: [{ type: "integer" }, { type: "string" }] } }))).toEqual([]);
    expect(tokens(spec("1"), withBody({ color: { type: "integer" } }))).toEqual(["body color:string→integer (unused)"]);
  });

  it("breaks on an enum losing a value the tool sends, not on it losing others or being dropped", () => {
    expect(breaking(spec("1"), withBody({ shape: { type: "string", enum: ["square"] } }))).toEqual([`make_thing: body field shape does not allow round in LiteLLM 2, and the tool sends it: ${TYPECHECK}`]);
    expect(tokens(spec("1"), withBody({ shape: { type: "string", enum: ["square"] } }))).toEqual(["body ~shape(enum -round!)"]);
    expect(breaking(spec("1"), withBody({ shape: { type: "string", enum: ["round"] } }))).toEqual([]);
    expect(tokens(spec("1"), withBody({ shape: { type: "string" } }))).toEqual(["body ~shape(enum dropped (any value))"]);
    expect(breaking(spec("1"), withBody({ shape: { type: "string" } }))).toEqual([]);
  });

  it("breaks on a nested field the tool sends, at any depth, and on a field newly required inside what it sends", () => {
    expect(breaking(spec("1"), withBody({ opts: opts({ width: { type: "integer" } }) }))).toEqual([`make_thing: body field opts.depth is gone, and the tool sends it: ${TYPECHECK}`]);
    expect(tokens(spec("1"), withBody({ opts: opts({ width: { type: "integer" } }) }))).toEqual(["body ~opts(-depth!)"]);
    const widthRequired = withBody({ opts: { ...opts(), required: ["depth", "width"] } });
    expect(breaking(spec("1"), widthRequired)).toEqual([`make_thing: LiteLLM 2 requires body field opts.width, which the tool never sends: ${TYPECHECK}`]);
  });

  it("breaks on a map closed to the keys the tool chooses (additionalProperties dropped)", () => {
    const closed = withBody({ meta: nullable({ type: "object" }) });
    expect(tokens(spec("1"), closed)).toEqual(["body ~meta({}:any→none!)"]);
    expect(breaking(spec("1"), closed)).toEqual([
      `make_thing: body field meta takes no fields of other names (a closed object in LiteLLM 2), and the tool sends fields of the caller's choosing in it: ${TYPECHECK}`,
    ]);
  });

  it("says once that a request body is no longer declared, naming what the tool sends in it", () => {
    expect(tokens(spec("1"), spec("2", { withBody: false }))).toEqual(["body no longer declared!"]);
    expect(breaking(spec("1"), spec("2", { withBody: false }))).toEqual([`make_thing: LiteLLM 2 declares no request body, and the tool sends live, meta, name, opts, shape, size in one: ${TYPECHECK}`]);
  });

  it("judges by the tool's record, not the previous document: what was already missing still breaks, as =x", () => {
    const lacking = spec("2", { body: without("size") });
    expect(tokens(spec("1", { body: without("size") }), lacking)).toEqual(["body =size!"]);
    expect(breaking(spec("1", { body: without("size") }), lacking)).toEqual([`make_thing: LiteLLM 2 has no body field size, and the tool sends it: ${TYPECHECK}`]);
  });

  it("breaks on an answer path the mapping names being gone, and on an undeclared answer it reads by name", () => {
    const gone = spec("2", { response: { type: "object", properties: { name: { type: "string" } } } });
    expect(breaking(spec("1"), gone)).toEqual([`make_thing: its answer's field id is gone in LiteLLM 2, and the tool reads it by name: ${TYPECHECK}`]);
    expect(tokens(spec("1"), spec("2", { response: {} }))).toEqual(["response no longer declared!"]);
    expect(breaking(spec("1"), spec("2", { response: {} }))).toEqual([`make_thing: LiteLLM 2 no longer declares its answer, and the tool reads id from it by name: ${TYPECHECK}`]);
  });

  it("for what no type shows, says what happens at run time and which output field to change", () => {
    const nullId = spec("2", { response: { ...baseResponse(), properties: { ...baseResponse().properties, id: nullable({ type: "string" }) } } });
    expect(tokens(spec("1"), nullId)).toEqual(["response id:nullable!"]);
    expect(breaking(spec("1"), nullId)).toEqual([
      `make_thing: its answer's field id may be null in LiteLLM 2 (was string); no type shows it, but at run time such an answer fails the tool's output check, so the tool answers with an error. To accept it, make output field id in ${FILE} nullable.`,
    ]);
    const optionalId = spec("2", { response: { ...baseResponse(), required: [] } });
    expect(breaking(spec("1"), optionalId)[0]).toContain("its answer's field id may be left out in LiteLLM 2 (was string)");
    const integerName = spec("2", { response: { ...baseResponse(), properties: { ...baseResponse().properties, name: { type: "integer" } } } });
    expect(breaking(spec("1"), integerName)).toEqual([
      `make_thing: its answer's field name may be an integer in LiteLLM 2 (was absent|string); no type shows it, but at run time such an answer fails the tool's output check, so the tool answers with an error. To accept it, make output field label in ${FILE} take an integer.`,
    ]);
  });

  it("lets an answer widen where the mapping and the output take the new values", () => {
    const numberName = spec("2", { response: { ...baseResponse(), properties: { ...baseResponse().properties, name: nullable({ type: "string" }) } } });
    expect(tokens(spec("1"), numberName)).toEqual(["response name:nullable"]);
    expect(breaking(spec("1"), numberName)).toEqual([]);
    expect(tokens(spec("1"), spec("2", { response: { ...baseResponse(), properties: { ...baseResponse().properties, note: { type: "integer" } } } }))).toEqual([
      "response note:string→integer (unused)",
    ]);
  });

  it("breaks on a removed operation, and on one the document never had", () => {
    const removed = compareSpecs(spec("1"), spec("2", { withList: false }), ops);
    expect(removed.operations[0]).toMatchObject({ status: "removed" });
    expect(removed.breaking).toEqual(["list_things: GET /things is gone from LiteLLM 2: `npm run typecheck` fails in src/manifest/things/list-things.ts."]);
    expect(breaking(spec("1", { withList: false }), spec("2", { withList: false }))).toEqual(["list_things: LiteLLM 2 has no GET /things: `npm run typecheck` fails in src/manifest/things/list-things.ts."]);
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
  const texts = (before: JsonObject, after: JsonObject) => changesInside(before, after).map((n) => n.text);

  it("gives paths: . between properties, [] for items, {} for map values", () => {
    const before = { type: "array", items: object({ a: object({ b: { type: "string" } }), m: { type: "object", additionalProperties: true } }) };
    const after = { type: "array", items: object({ a: object({ b: { type: "integer" }, c: { type: "string" } }), m: { type: "object", additionalProperties: { type: "integer" } } }) };
    expect(changesInside(before, after)).toEqual([
      { text: "[].a.b:string→integer", path: "[].a.b" },
      { text: "+[].a.c", path: "[].a.c" },
      { text: "[].m{}:any→integer", path: "[].m{}" },
    ]);
  });

  it("names enum values and keyword changes, ignores prose, and tells an enum dropped from one narrowed", () => {
    expect(texts({ type: "string", enum: ["a", "b"], maxLength: 5, description: "x" }, { type: "string", enum: ["a", "c"], maxLength: 9, description: "y" })).toEqual(["enum +c -b", "maxLength 5→9"]);
    expect(texts({ type: "string", enum: ["wav", "mp3"] }, { type: "string" })).toEqual(["enum dropped (any value)"]);
    expect(texts({ type: "string" }, { type: "string", enum: ["wav"] })).toEqual(["enum only wav"]);
  });

  it("sees additionalProperties: true dropped, which makes openapi-typescript close the object", () => {
    expect(texts({ type: "object", additionalProperties: true }, { type: "object" })).toEqual(["{}:any→none"]);
  });

  it("matches union members by their fields, so a member that changed is not a removed one and an added one", () => {
    const before = { anyOf: [object({ role: { const: "user" }, text: { type: "string" } }), object({ role: { const: "tool" }, id: { type: "string" } })] };
    const after = { anyOf: [object({ role: { const: "user" }, text: { type: "string" }, ttl: { type: "string" } }), object({ role: { const: "tool" }, id: { type: "string" } }), object({ kind: { type: "string" } })] };
    expect(texts(before, after)).toEqual(["+ttl", "+1 variant"]);
  });

  it("lists what a tool uses, then a few others, and counts the rest", () => {
    expect(noteList(["+a", "+b", "+c", "+d", "+e", "+f"])).toBe("+a, +b, +c, +d, … 2 more");
    expect(noteList(["+a", "+b", "+c", "+d", "+e"], ["-used!", "-also!"])).toBe("-used!, -also!, +a, +b, +c, +d, … 1 more");
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
      "   ~x(…) changed inside x, what tools use first, =x unchanged but breaks a tool, ! breaks a tool)",
      "  breaking:",
      "    make_thing: body field size takes string in LiteLLM 2, and the tool sends integer: `npm run",
      "      typecheck` fails in src/manifest/things/make-thing.ts.",
    ]);
  });

  it("labels a downgrade, and wraps long lines under where they started", () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`added_field_number_${i}`, { type: "string" }]));
    const text = formatDriftReport(compareSpecs(spec("1.2.0"), spec("1.1.9", { body: { ...baseBody(), ...many } }), ops));
    const lines = text.split("\n");
    expect(lines[0]).toBe("LiteLLM 1.2.0 → 1.1.9 (a downgrade: older than the release spec/ came from)");
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    const body = lines.findIndex((line) => line.startsWith("      body: +added_field_number_0"));
    expect(lines[body + 1]).toMatch(/^ {12}\+added_field_number_\d+ /);
    expect(lines.at(-1)).toBe("  breaking: none");
  });

  it("says so when nothing breaks, and when there is nothing to compare with", () => {
    expect(formatDriftReport(compareSpecs(spec("1"), spec("1"), ops)).split("\n")).toEqual(["LiteLLM 1 → 1 (same release)", "  Unchanged: list_things, make_thing", "  breaking: none"]);
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
