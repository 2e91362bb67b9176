// Every free-text argument of every tool has a length limit, and every list a count limit, in the schema
// tools/list shows: LiteLLM stores ids, aliases and names in unbounded columns and echoes them in every
// answer (a 200,000-character key_alias was stored and shown whole). metadata, free-form JSON, is bounded
// by the policy's size rule instead (src/policy/metadata.ts).

import { z } from "zod";
import { describe, expect, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";

type Schema = Record<string, unknown>;

/** Paths of strings without maxLength, lists without maxItems, and free-form objects, in a JSON Schema. */
function unbounded(schema: Schema, path: string, found: string[]): string[] {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (types.includes("string") && schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined) found.push(`${path} (string)`);
  if (types.includes("array") && schema.maxItems === undefined) found.push(`${path} (list)`);
  if (types.includes("object") && !schema.properties && schema.additionalProperties !== false) found.push(`${path} (free-form object)`);
  for (const [name, child] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) unbounded(child, `${path}.${name}`, found);
  if (schema.items) unbounded(schema.items as Schema, `${path}[]`, found);
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const child of (schema[key] as Schema[] | undefined) ?? []) unbounded(child, path, found);
  return found;
}

describe("every argument is bounded", () => {
  it.each(manifest.map((tool) => [tool.name, tool] as const))("%s", (name, tool) => {
    const found = unbounded(z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as Schema, name, []);
    // Free-form metadata is bounded by the policy (8 kB as JSON, the operator's fields only), not the schema.
    expect(found.filter((entry) => entry !== `${name}.metadata (free-form object)`)).toEqual([]);
  });
});
