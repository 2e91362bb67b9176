// The drift report decides whether the manifest's zod calls on a generated field still compile (and
// still run) from a model of zod's classes: these hold the model to what json-schema-to-zod makes of a
// field and to which of its calls exist on what.

import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../scripts/regen/json.ts";
import { chainFailure, fieldShape, parseChain, shapeOf } from "../../scripts/regen/zod-chain.ts";

const role = { type: "string", enum: ["proxy_admin", "internal_user", "internal_user_viewer"] };
const fails = (schema: JsonObject, required: boolean, chain: string) => chainFailure(fieldShape(schema, required), parseChain(chain));

describe("shapeOf", () => {
  it("gives the class json-schema-to-zod makes", () => {
    expect(shapeOf({ type: "integer" })).toEqual({ kind: "number" });
    expect(shapeOf(role)).toEqual({ kind: "enum", values: role.enum });
    expect(shapeOf({ type: "array", items: { type: "string" } })).toEqual({ kind: "array", element: { kind: "string" } });
    expect(shapeOf({ type: "object", additionalProperties: true })).toEqual({ kind: "record" });
    expect(shapeOf({ anyOf: [{ type: "string" }, { type: "integer" }] })).toEqual({ kind: "union" });
    expect(shapeOf({})).toEqual({ kind: "any" });
  });
});

describe("chainFailure", () => {
  it("passes the chains the manifest makes on the fields as they are", () => {
    expect(fails({ type: "number" }, false, "unwrap positive optional describe")).toBeUndefined();
    expect(fails(role, false, "unwrap extract(internal_user|internal_user_viewer) optional describe")).toBeUndefined();
    expect(fails({ type: "string" }, true, "min describe")).toBeUndefined();
    expect(fails({ type: "array", items: { type: "string" } }, false, "unwrap min max optional")).toBeUndefined();
  });

  it("fails unwrap() on a field that became required, but not required(), which takes either", () => {
    expect(fails({ type: "number" }, true, "unwrap positive optional")).toEqual({ step: "unwrap", why: "a number has no unwrap()" });
    expect(fails({ type: "string" }, true, "required min")).toBeUndefined();
    expect(fails({ type: "string" }, false, "required min")).toBeUndefined();
  });

  it("fails a method the field's new class lacks, and extract() of a value the enum lost", () => {
    expect(fails({ type: "string" }, false, "min describe")).toEqual({ step: "min", why: "a optional string has no min()" });
    expect(fails({ type: "string" }, false, "unwrap positive")).toEqual({ step: "positive", why: "a string has no positive()" });
    expect(fails({ type: "string", enum: ["proxy_admin", "internal_user"] }, false, "unwrap extract(internal_user|internal_user_viewer)")?.why).toBe("the enum no longer has internal_user_viewer");
    // json-schema-to-zod writes an enum of one value as z.literal(), which has no extract() at all.
    expect(fails({ type: "string", enum: ["internal_user"] }, false, "unwrap extract(internal_user)")?.why).toBe("a literal has no extract()");
    expect(fails({ type: "string" }, false, "unwrap extract(internal_user)")?.why).toBe("a string has no extract()");
  });

  it("reads chains as the file writes them, and refuses arguments other calls would not record", () => {
    expect(parseChain("unwrap extract(a|b) optional")).toEqual([{ method: "unwrap" }, { method: "extract", values: ["a", "b"] }, { method: "optional" }]);
    expect(parseChain("")).toEqual([]);
    expect(() => parseChain("min(1)")).toThrow('"min(1)" is not a step');
  });
});
