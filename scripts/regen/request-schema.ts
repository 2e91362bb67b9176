// Turns one operation's request (query/path parameters and JSON body) into a self-contained JSON Schema
// that json-schema-to-zod can convert faithfully: refs inlined, defaults stripped, nullable collapsed.

import { isObject, type Json, type JsonObject } from "./json.ts";
import { componentOfRef } from "./prune-spec.ts";
import { NULLABLE_MARK } from "./schema-path.ts";
import type { OperationRef, RequestPart } from "./operations.ts";

export type { RequestPart };

export interface RequestSchemas {
  path?: JsonObject;
  query?: JsonObject;
  body?: JsonObject;
}

// Keys that only document or that would change what is sent: `default` would make zod fill values in
// and send them upstream; titles and examples only add bytes.
const DROPPED_KEYS = new Set(["default", "title", "example", "examples"]);

export { NULLABLE_MARK };

export interface SimplifyOptions {
  /** Record collapsed nulls as NULLABLE_MARK: true (the drift report's view of a schema). */
  markNullable?: boolean;
}

function resolveRef(doc: JsonObject, ref: string): Json | undefined {
  const target = componentOfRef(ref);
  if (!target) return undefined;
  const group = isObject(doc.components) ? doc.components[target[0]] : undefined;
  return isObject(group) ? group[target[1]] : undefined;
}

function isNullSchema(schema: Json): boolean {
  return isObject(schema) && schema.type === "null" && Object.keys(schema).every((k) => k === "type" || DROPPED_KEYS.has(k));
}

/**
 * Inlines `$ref`s (a ref already being expanded on the current branch becomes `{}`, i.e. any value, so
 * cycles such as LiteLLM_TeamTable ↔ LiteLLM_ModelTable end instead of recursing forever) and drops
 * `null` from unions: the bridge leaves a field out rather than send null, so callers never need it.
 * With `markNullable`, each schema that lost a null says so (NULLABLE_MARK).
 */
export function simplifySchema(doc: JsonObject, schema: Json, options: SimplifyOptions = {}, expanding: readonly string[] = []): Json {
  if (Array.isArray(schema)) return schema.map((s) => simplifySchema(doc, s, options, expanding));
  if (!isObject(schema)) return schema;

  if (typeof schema.$ref === "string") {
    const ref = schema.$ref;
    const { $ref: _ref, ...siblings } = schema;
    if (expanding.includes(ref)) return simplifySchema(doc, siblings, options, expanding);
    const target = resolveRef(doc, ref);
    if (target === undefined) return simplifySchema(doc, siblings, options, expanding);
    const resolved = simplifySchema(doc, target, options, [...expanding, ref]);
    const extra = simplifySchema(doc, siblings, options, expanding);
    return isObject(resolved) && isObject(extra) ? { ...resolved, ...extra } : resolved;
  }

  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (key === "properties" && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, prop] of Object.entries(value)) props[name] = simplifySchema(doc, prop, options, expanding);
      out[key] = props;
    } else if (key === "enum" || key === "const" || key === "required") {
      out[key] = value;
    } else {
      out[key] = simplifySchema(doc, value, options, expanding);
    }
  }

  const nullable: JsonObject = options.markNullable ? { [NULLABLE_MARK]: true } : {};
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== "null");
    if (types.length < out.type.length) Object.assign(out, nullable);
    out.type = types.length === 1 ? types[0]! : types;
  }
  for (const combinator of ["anyOf", "oneOf"] as const) {
    const members = out[combinator];
    if (!Array.isArray(members)) continue;
    const nonNull = members.filter((m) => !isNullSchema(m));
    if (nonNull.length === members.length) continue;
    delete out[combinator];
    if (nonNull.length === 1 && isObject(nonNull[0])) return { ...nonNull[0], ...out, ...nullable };
    if (nonNull.length > 1) out[combinator] = nonNull;
    Object.assign(out, nullable);
  }
  return out;
}

function parametersOf(doc: JsonObject, op: OperationRef): JsonObject[] {
  const item = isObject(doc.paths) ? doc.paths[op.path] : undefined;
  if (!isObject(item)) return [];
  const operation = item[op.method];
  const all = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(isObject(operation) && Array.isArray(operation.parameters) ? operation.parameters : []),
  ];
  return all
    .map((p) => (isObject(p) && typeof p.$ref === "string" ? resolveRef(doc, p.$ref) : p))
    .filter(isObject);
}

function parameterObject(doc: JsonObject, params: JsonObject[], options: SimplifyOptions): JsonObject | undefined {
  if (params.length === 0) return undefined;
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const p of params) {
    const name = String(p.name);
    const schema = simplifySchema(doc, p.schema ?? {}, options);
    const description = typeof p.description === "string" ? p.description : undefined;
    properties[name] = isObject(schema) && description && !schema.description ? { ...schema, description } : schema;
    if (p.required === true) required.push(name);
  }
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}

export function requestSchemas(doc: JsonObject, op: OperationRef, options: SimplifyOptions = {}): RequestSchemas {
  const params = parametersOf(doc, op);
  const result: RequestSchemas = {};
  const path = parameterObject(doc, params.filter((p) => p.in === "path"), options);
  const query = parameterObject(doc, params.filter((p) => p.in === "query"), options);
  if (path) result.path = path;
  if (query) result.query = query;

  const item = isObject(doc.paths) ? doc.paths[op.path] : undefined;
  const operation = isObject(item) ? item[op.method] : undefined;
  let body = isObject(operation) ? operation.requestBody : undefined;
  if (isObject(body) && typeof body.$ref === "string") body = resolveRef(doc, body.$ref);
  const content = isObject(body) && isObject(body.content) ? body.content["application/json"] : undefined;
  if (isObject(content) && content.schema !== undefined) {
    const schema = simplifySchema(doc, content.schema, options);
    if (isObject(schema)) result.body = schema;
  }
  return result;
}

/** The simplified schema of an operation's first 2xx JSON answer; `{}` when LiteLLM declares none. */
export function answerSchema(doc: JsonObject, op: OperationRef, options: SimplifyOptions = {}): Json {
  const item = isObject(doc.paths) ? doc.paths[op.path] : undefined;
  const operation = isObject(item) ? item[op.method] : undefined;
  const responses = isObject(operation) && isObject(operation.responses) ? operation.responses : {};
  const code = Object.keys(responses).sort().find((c) => /^2/.test(c));
  let response = code ? responses[code] : undefined;
  if (isObject(response) && typeof response.$ref === "string") response = resolveRef(doc, response.$ref);
  const content = isObject(response) && isObject(response.content) ? response.content["application/json"] : undefined;
  return isObject(content) && content.schema !== undefined ? simplifySchema(doc, content.schema, options) : {};
}

/** Whether a document has the operation (its path, with that method). */
export function hasOperation(doc: JsonObject | undefined, op: OperationRef): boolean {
  const item = doc && isObject(doc.paths) ? doc.paths[op.path] : undefined;
  return isObject(item) && isObject(item[op.method]);
}

/** The LiteLLM release a document describes (`info.version`). */
export function releaseOf(doc: JsonObject): string {
  return isObject(doc.info) ? String(doc.info.version ?? "unknown") : "unknown";
}
