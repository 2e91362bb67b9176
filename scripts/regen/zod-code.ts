// Writes one request schema as zod source, with json-schema-to-zod. A plain object schema (the shape of
// every LiteLLM body and query) is also written field by field, as getters: the manifest reuses a few
// fields of each, and building the rest (the chat-completions body alone is a large union) at import
// would cost the server's start-up for nothing (the /model/new body alone took 65 ms to build). z.object
// reads the getters only when it first needs its shape (a parse, or `.shape`), so the whole-object schema
// stays exactly what json-schema-to-zod makes.

import { jsonSchemaToZod } from "json-schema-to-zod";
import { isObject, type JsonObject } from "./json.ts";

const OPTIONS = { module: "none", zodVersion: 4 } as const;

/** Keys an object schema may have and still be built from its fields alone. */
const FIELDWISE_KEYS = new Set(["type", "properties", "required", "description", "additionalProperties"]);

/** `additionalProperties` is written after the fields only as json-schema-to-zod writes `true`; anything else is left whole. */
function fieldwise(schema: JsonObject): boolean {
  return Object.keys(schema).every((k) => FIELDWISE_KEYS.has(k)) && (schema.additionalProperties === undefined || schema.additionalProperties === true);
}

export interface ZodCode {
  /** `{ get "name"() { return <zod>; }, ... }`, for a plain object schema. */
  fields?: string;
  /** The schema itself, naming the field getters' object `fieldsName` where there is one. */
  schema: string;
}

/** Rewrites one field's zod code (regen wraps a field the manifest can no longer use as it does). */
export type FieldWrapper = (name: string, code: string) => string;

/** `{ get "name"() { return <zod>; }, ... }` for each property of an object schema. */
export function fieldGetters(schema: JsonObject, wrap: FieldWrapper = (_name, code) => code): string {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const getters = Object.entries(properties).map(([name, field]) => {
    const code = jsonSchemaToZod(field as never, OPTIONS) + (required.has(name) ? "" : ".optional()");
    return `  get ${JSON.stringify(name)}() { return ${wrap(name, code)}; },`;
  });
  return `{\n${getters.join("\n")}\n}`;
}

export function zodCode(schema: JsonObject, fieldsName: string, wrap?: FieldWrapper): ZodCode {
  const properties = schema.properties;
  if (schema.type !== "object" || !isObject(properties) || !fieldwise(schema)) {
    return { schema: jsonSchemaToZod(schema as never, OPTIONS) };
  }
  const description = typeof schema.description === "string" ? `.describe(${JSON.stringify(schema.description)})` : "";
  // An object that allows other fields (LiteLLM's Deployment, the /model/new body) keeps them, as
  // json-schema-to-zod's .catchall(z.any()) does; z.looseObject does it without reading the getters.
  const object = schema.additionalProperties === true ? "z.looseObject" : "z.object";
  return { fields: fieldGetters(schema, wrap), schema: `${object}(${fieldsName})${description}` };
}
