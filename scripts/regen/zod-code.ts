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

export function zodCode(schema: JsonObject, fieldsName: string): ZodCode {
  const properties = schema.properties;
  if (schema.type !== "object" || !isObject(properties) || !fieldwise(schema)) {
    return { schema: jsonSchemaToZod(schema as never, OPTIONS) };
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const getters = Object.entries(properties).map(([name, field]) => {
    const code = jsonSchemaToZod(field as never, OPTIONS) + (required.has(name) ? "" : ".optional()");
    return `  get ${JSON.stringify(name)}() { return ${code}; },`;
  });
  const description = typeof schema.description === "string" ? `.describe(${JSON.stringify(schema.description)})` : "";
  // An object that allows other fields (LiteLLM's Deployment, the /model/new body) keeps them, as
  // json-schema-to-zod's .catchall(z.any()) does; z.looseObject does it without reading the getters.
  const object = schema.additionalProperties === true ? "z.looseObject" : "z.object";
  return { fields: `{\n${getters.join("\n")}\n}`, schema: `${object}(${fieldsName})${description}` };
}
