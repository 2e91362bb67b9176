// Values made from JSON Schemas, for running a tool's mappings without LiteLLM: a valid answer of the
// shape LiteLLM documents (every declared field present, one item per array), and arguments of the
// shape a tool's input takes. Deterministic: the same schema always gives the same value.

import { isObject, type Json, type JsonObject } from "../regen/json.ts";
import { isAny, members } from "../regen/schema-path.ts";

/** Follows a local `$ref` of zod's JSON Schema ("#/$defs/x", "#"), so recursive inputs sample once. */
export function dereference(root: JsonObject, schema: Json): JsonObject {
  let current = schema;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string" && hops < 10; hops++) {
    const ref = current.$ref;
    const target = ref === "#" ? root : ref.startsWith("#/$defs/") && isObject(root.$defs) ? root.$defs[ref.slice("#/$defs/".length)] : undefined;
    current = target ?? {};
  }
  return isObject(current) ? current : {};
}

/** The member a sample takes from a union: the first that is not null (an object one when there is one). */
export function sampleMember(schema: JsonObject): JsonObject {
  const all = members(schema).filter((m) => m.type !== "null");
  return all.find((m) => isObject(m.properties)) ?? all[0] ?? schema;
}

/** The one key of a map in a sampled answer: a path through it is "{}", any key. */
export const MAP_KEY = "\u0001key";

function stringSample(schema: JsonObject): string {
  if (schema.format === "date-time") return "2026-01-01T00:00:00Z";
  if (schema.format === "date") return "2026-01-01";
  return "s";
}

/** A valid value of a simplified answer schema, at most `depth` objects deep (cycles end as null). */
export function sampleAnswer(schema: Json, depth = 8): Json {
  if (!isObject(schema) || isAny(schema)) return "s";
  const member = sampleMember(schema);
  if (member.const !== undefined) return member.const;
  if (Array.isArray(member.enum) && member.enum.length) return member.enum[0]!;
  const type = Array.isArray(member.type) ? member.type.find((t) => t !== "null") : member.type;
  if (depth === 0) return null;
  if (type === "array" || (type === undefined && member.items !== undefined)) return [sampleAnswer(member.items ?? {}, depth - 1)];
  if (type === "object" || isObject(member.properties) || member.additionalProperties !== undefined) {
    const out: JsonObject = {};
    for (const [name, field] of Object.entries(isObject(member.properties) ? member.properties : {})) out[name] = sampleAnswer(field, depth - 1);
    if (!isObject(member.properties) && isObject(member.additionalProperties)) out[MAP_KEY] = sampleAnswer(member.additionalProperties, depth - 1);
    return out;
  }
  if (type === "string") return stringSample(member);
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (type === "null") return null;
  return "s";
}

/**
 * Arguments of a tool's input (zod's JSON Schema of it), valid where the mappings look: every field, or
 * only the required ones and those with a default. Enums take their first value.
 */
export function sampleArguments(root: JsonObject, schema: Json = root, requiredOnly = false): Json {
  const node = dereference(root, schema);
  if (isAny(node)) return "s";
  const member = sampleMember(node);
  if (member.const !== undefined) return member.const;
  if (Array.isArray(member.enum) && member.enum.length) return member.enum[0]!;
  if (member.default !== undefined) return member.default;
  const type = Array.isArray(member.type) ? member.type.find((t) => t !== "null") : member.type;
  if (type === "array") return [sampleArguments(root, member.items ?? {}, requiredOnly)];
  if (type === "object" || isObject(member.properties)) {
    const required = new Set(Array.isArray(member.required) ? member.required.map(String) : []);
    const out: JsonObject = {};
    for (const [name, field] of Object.entries(isObject(member.properties) ? member.properties : {})) {
      const fieldSchema = dereference(root, field);
      if (requiredOnly && !required.has(name) && fieldSchema.default === undefined) continue;
      out[name] = sampleArguments(root, field, requiredOnly);
    }
    return out;
  }
  if (type === "string") return stringSample(member);
  if (type === "integer" || type === "number") return typeof member.minimum === "number" ? member.minimum : 1;
  if (type === "boolean") return true;
  return "s";
}
