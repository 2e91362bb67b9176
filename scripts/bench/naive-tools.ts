// What a generic OpenAPI→MCP generator emits for the same operations: one tool per operation, named by
// operationId, described by the operation's description, whose inputSchema is every parameter plus the
// request body's properties with all $refs inlined and nothing dropped. The shipped tools/list is
// compared with this, computed from spec/ at bench time, so the comparison follows the spec.

import { isObject, type Json, type JsonObject } from "../regen/json.ts";
import type { OperationRef } from "../regen/operations.ts";
import { componentOfRef } from "../regen/prune-spec.ts";

interface NaiveTool {
  name: string;
  description: string;
  inputSchema: JsonObject;
}

function resolve(doc: JsonObject, ref: string): Json | undefined {
  const target = componentOfRef(ref);
  const group = target && isObject(doc.components) ? doc.components[target[0]] : undefined;
  return isObject(group) ? group[target![1]] : undefined;
}

/**
 * Inlines every $ref. A ref met again inside its own expansion is left as a $ref (a generator must stop
 * somewhere on LiteLLM's cyclic schemas); that only makes the naive output smaller, never larger.
 */
export function dereference(doc: JsonObject, node: Json, expanding: readonly string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => dereference(doc, item, expanding));
  if (!isObject(node)) return node;
  if (typeof node.$ref === "string" && !expanding.includes(node.$ref)) {
    const target = resolve(doc, node.$ref);
    if (target !== undefined) {
      const { $ref: _ref, ...siblings } = node;
      const inlined = dereference(doc, target, [...expanding, node.$ref]);
      return isObject(inlined) ? { ...inlined, ...(dereference(doc, siblings, expanding) as JsonObject) } : inlined;
    }
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = dereference(doc, value, expanding);
  return out;
}

function operationOf(doc: JsonObject, op: OperationRef): { item: JsonObject; operation: JsonObject } {
  const item = isObject(doc.paths) ? doc.paths[op.path] : undefined;
  const operation = isObject(item) ? item[op.method] : undefined;
  if (!isObject(item) || !isObject(operation)) throw new Error(`spec/openapi.json has no ${op.method.toUpperCase()} ${op.path}.`);
  return { item, operation };
}

export function naiveTool(doc: JsonObject, op: OperationRef): NaiveTool {
  const { item, operation } = operationOf(doc, op);
  const properties: JsonObject = {};
  const required: string[] = [];

  const parameters = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])];
  for (const raw of parameters) {
    const parameter = dereference(doc, raw);
    if (!isObject(parameter) || typeof parameter.name !== "string") continue;
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    properties[parameter.name] = typeof parameter.description === "string" ? { ...schema, description: parameter.description } : schema;
    if (parameter.required === true) required.push(parameter.name);
  }

  const requestBody = dereference(doc, operation.requestBody ?? null);
  const content = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content["application/json"] : undefined;
  const body = isObject(content) && isObject(content.schema) ? content.schema : undefined;
  if (body && isObject(body.properties)) {
    // Object bodies are flattened into the arguments, as FastMCP and most generators do.
    Object.assign(properties, body.properties);
    if (Array.isArray(body.required)) required.push(...body.required.filter((name): name is string => typeof name === "string"));
  } else if (body) {
    properties.body = body;
    if (isObject(requestBody) && requestBody.required === true) required.push("body");
  }

  const description = typeof operation.description === "string" ? operation.description : typeof operation.summary === "string" ? operation.summary : "";
  const name = typeof operation.operationId === "string" ? operation.operationId : `${op.method}_${op.path.replace(/\W+/g, "_")}`;
  return { name, description, inputSchema: { type: "object", properties, ...(required.length ? { required } : {}) } };
}

export function naiveTools(doc: JsonObject, operations: readonly OperationRef[]): NaiveTool[] {
  return operations.map((op) => naiveTool(doc, op));
}

/** Bytes of a tools/list result as it goes over the wire (compact JSON, UTF-8). */
export function toolsListBytes(tools: readonly unknown[]): number {
  return Buffer.byteLength(JSON.stringify({ tools }), "utf8");
}
