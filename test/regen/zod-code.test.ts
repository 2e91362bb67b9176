// generated/request-schemas.ts writes each request schema field by field (getters), so the server builds
// only the fields the manifest reads. That must change when fields are built, never what they accept:
// each generated schema must be the schema json-schema-to-zod makes from the whole object.

import { readFileSync } from "node:fs";
import { jsonSchemaToZod } from "json-schema-to-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseOperationList } from "../../scripts/regen/operations.ts";
import { requestSchemas } from "../../scripts/regen/request-schema.ts";
import { zodCode } from "../../scripts/regen/zod-code.ts";
import type { JsonObject } from "../../scripts/regen/json.ts";

const spec = JSON.parse(readFileSync(new URL("../../spec/openapi.json", import.meta.url), "utf8"));
const operations = parseOperationList(JSON.parse(readFileSync(new URL("../../spec/operations.json", import.meta.url), "utf8")));

/** Evaluates generated zod source against the given `z`. */
function evaluate(code: string, zod: unknown = z): z.ZodType {
  return new Function("z", code)(zod) as z.ZodType;
}

function fieldwise(schema: JsonObject, zod: unknown = z): { fields: Record<string, z.ZodType>; schema: z.ZodType } {
  const code = zodCode(schema, "fields");
  if (!code.fields) throw new Error("not written field by field");
  return evaluate(`const fields = ${code.fields}; return { fields, schema: ${code.schema} };`, zod) as never;
}

const cases = operations.flatMap((op) =>
  Object.entries(requestSchemas(spec, op)).map(([part, schema]) => [`${op.method.toUpperCase()} ${op.path} ${part}`, schema] as const),
);

describe("request schemas written field by field", () => {
  it.each(cases)("%s: the same JSON Schema as json-schema-to-zod's whole-object conversion", (_label, schema) => {
    const whole = evaluate(`return ${jsonSchemaToZod(schema as never, { module: "none", zodVersion: 4 })};`);
    const code = zodCode(schema, "fields");
    const generated = code.fields ? fieldwise(schema).schema : evaluate(`return ${code.schema};`);
    expect(z.toJSONSchema(generated, { io: "input" })).toEqual(z.toJSONSchema(whole, { io: "input" }));
  });

  it("builds nothing until a field is read, and then only that field", () => {
    const body = requestSchemas(spec, { method: "post", path: "/chat/completions" }).body!;
    let built = 0;
    const counting = new Proxy(z, { get: (target, name) => (built++, target[name as keyof typeof z]) });
    const { fields } = fieldwise(body, counting);
    expect(built).toBe(1); // z.object, nothing inside it
    void fields.model;
    const forModel = built - 1;
    void fields.messages;
    expect(forModel).toBe(1); // z.string()
    expect(built - 1 - forModel).toBeGreaterThan(20); // the messages union is large
  });
});
