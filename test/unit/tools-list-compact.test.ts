// tools/list is written compactly (src/mcp/tools-list.ts). The claim is that the compact schemas accept
// exactly what the SDK's own JSON Schema 2020-12 output accepts: checked with the SDK's own JSON Schema
// validator (Ajv, which picks the engine for each schema's dialect) on valid values and on every field set
// to every kind of wrong value, for every manifest tool.

import { AjvJsonSchemaValidator } from "@modelcontextprotocol/server/validators/ajv";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { manifest } from "../../src/manifest/index.ts";
import { compactSchema, sdkSchema } from "../../src/mcp/tools-list.ts";
import { connect } from "../support/connect.ts";

type Schema = Record<string, unknown>;
const ajv = new AjvJsonSchemaValidator();
const compiled = new Map<unknown, (v: unknown) => boolean>();
function accepts(schema: Schema): (v: unknown) => boolean {
  if (!compiled.has(schema)) {
    const validate = ajv.getValidator(schema);
    compiled.set(schema, (v) => validate(v).valid);
  }
  return compiled.get(schema)!;
}

const PRIMITIVES: unknown[] = [null, "", "x", 0, 1, -2.5, true, [], ["x"], [null], {}];

function members(schema: Schema): Schema[] {
  return [schema, ...((schema.anyOf as Schema[] | undefined) ?? [])];
}

/** Some value the schema accepts, built from its shape. */
function validValue(schema: Schema): unknown {
  const candidates: unknown[] = [];
  for (const m of members(schema)) {
    const props = m.properties as Record<string, Schema> | undefined;
    if (props) candidates.push(Object.fromEntries(Object.entries(props).filter(([k]) => (m.required as string[] | undefined)?.includes(k)).map(([k, s]) => [k, validValue(s)])));
    if (m.items) candidates.push([validValue(m.items as Schema)]);
    if (Array.isArray(m.enum)) candidates.push(m.enum[0]);
  }
  candidates.push(...PRIMITIVES, "2026-11-25", "24h", "sk-abcdef", "a".repeat(10), { role: "user", content: "x" });
  return candidates.find((c) => accepts(schema)(c));
}

/** The value itself, then each field (at any depth) replaced by every kind of value. */
function variants(schema: Schema, base: unknown, depth = 0): unknown[] {
  const out = [base];
  if (depth > 3) return out;
  for (const m of members(schema)) {
    const props = m.properties as Record<string, Schema> | undefined;
    if (props && typeof base === "object" && base !== null && !Array.isArray(base)) {
      for (const [k, s] of Object.entries(props)) {
        for (const v of PRIMITIVES) out.push({ ...base, [k]: v });
        for (const v of variants(s, validValue(s), depth + 1)) out.push({ ...base, [k]: v });
      }
    }
    if (m.items) for (const v of variants(m.items as Schema, validValue(m.items as Schema), depth + 1)) out.push([v]);
  }
  return out;
}

describe("compact tools/list schemas", () => {
  const cases = manifest.flatMap((tool) => [
    [`${tool.name} input`, sdkSchema(tool.input, "input")] as const,
    [`${tool.name} output`, sdkSchema(tool.output, "output")] as const,
  ]);

  it.each(cases)("%s accepts exactly what the SDK's schema accepts", (_name, original) => {
    const compact = compactSchema(original);
    const values = [...variants(original, validValue(original) ?? {}), ...PRIMITIVES, { unexpected: 1 }];
    const before = values.map(accepts(original));
    const after = values.map(accepts(compact));
    expect(after).toEqual(before);
    // The samples exercise both sides: each schema accepts some and rejects some.
    expect(before).toContain(true);
    expect(before).toContain(false);
  });

  it("lists the compact form: no $schema, nullable fields as a type pair", async () => {
    const bridge = await connect();
    const listed = JSON.stringify(await bridge.client.listTools());
    await bridge.close();
    expect(listed).not.toContain("$schema");
    expect(listed).not.toContain('{"type":"null"}');
    expect(listed).toContain('"type":["string","null"]');
  });

  it("keeps anyOf where widening the type would let null past an enum", () => {
    const schema = sdkSchema(z.object({ role: z.enum(["admin", "user"]).nullable() }), "output");
    const compact = compactSchema(schema);
    expect(JSON.stringify(compact)).toContain('"anyOf"');
    expect(accepts(compact)({ role: null })).toBe(true);
    expect(accepts(compact)({ role: "x" })).toBe(false);
  });

  it("keeps $schema when a keyword means something else in 2020-12", () => {
    const tuple = { $schema: "http://json-schema.org/draft-07/schema#", type: "array", items: [{ type: "string" }] };
    expect(compactSchema(tuple)).toHaveProperty("$schema");
  });
});
