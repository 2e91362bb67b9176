// Compares the pruned spec regen last wrote with the one it is about to write, operation by operation, and
// judges each change by what the bridge sends and reads: pure, so tests feed it small hand-made documents.

import { isObject, type Json, type JsonObject } from "./json.ts";
import { operationLabel, REQUEST_PARTS, type RequestPart, type ToolOperation } from "./operations.ts";
import { requestSchemas, simplifySchema } from "./request-schema.ts";

export type DriftPart = RequestPart | "response";

export interface DriftChange {
  part: DriftPart;
  /** What the table shows: "+agent_id", "-user_id", "team_id:required", "max_budget:number→string", "~messages". */
  token: string;
  /** Set when the change breaks the bridge: one sentence that names the tool and the field. */
  breaking?: string;
}

export type OperationStatus = "new" | "removed" | "missing" | "changed" | "unchanged";

export interface OperationDrift {
  op: ToolOperation;
  status: OperationStatus;
  changes: DriftChange[];
  /** Set for removed and missing operations. */
  breaking?: string;
}

export interface DriftReport {
  /** LiteLLM version of the previous spec; undefined on a first regen. */
  from?: string;
  to: string;
  /** Sorted by tool name. */
  operations: OperationDrift[];
  /** Every breaking sentence, in table order. */
  breaking: string[];
}

type Fields = { props: JsonObject; required: Set<string> };

function version(doc: JsonObject): string {
  return isObject(doc.info) ? String(doc.info.version ?? "unknown") : "unknown";
}

function hasOperation(doc: JsonObject, op: ToolOperation): boolean {
  const item = isObject(doc.paths) ? doc.paths[op.path] : undefined;
  return isObject(item) && isObject(item[op.method]);
}

/** The simplified JSON schema of the first 2xx JSON answer; `{}` when LiteLLM declares none. */
function responseSchema(doc: JsonObject, op: ToolOperation): Json {
  const item = isObject(doc.paths) ? doc.paths[op.path] : undefined;
  const operation = isObject(item) ? item[op.method] : undefined;
  const responses = isObject(operation) && isObject(operation.responses) ? operation.responses : {};
  const code = Object.keys(responses).sort().find((c) => /^2/.test(c));
  const response = code ? responses[code] : undefined;
  const content = isObject(response) && isObject(response.content) ? response.content["application/json"] : undefined;
  return isObject(content) && content.schema !== undefined ? simplifySchema(doc, content.schema) : {};
}

function fieldsOf(schema: Json | undefined): Fields {
  const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const required = isObject(schema) && Array.isArray(schema.required) ? schema.required.map(String) : [];
  return { props, required: new Set(required) };
}

/** The schema without prose, so a reworded description is not a change. */
function shape(schema: Json): string {
  const strip = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "description") continue;
      out[key] = key === "properties" && isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)])) : strip(value);
    }
    return out;
  };
  return JSON.stringify(strip(schema));
}

function typeAtoms(schema: Json): Set<string> {
  const atoms = new Set<string>();
  if (!isObject(schema)) return atoms;
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === "string" ? [schema.type] : [];
  for (const t of types) atoms.add(t === "array" ? `array<${typeName(schema.items ?? {})}>` : String(t));
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const members = schema[key];
    if (Array.isArray(members)) for (const member of members) for (const atom of typeAtoms(member)) atoms.add(atom);
  }
  if (atoms.size === 0 && isObject(schema.properties)) atoms.add("object");
  if (atoms.size === 0 && schema.const !== undefined) atoms.add(typeof schema.const);
  return atoms;
}

/** "string", "integer|string", "array<object>", "any": the type of a simplified schema, one level deep. */
export function typeName(schema: Json): string {
  const atoms = typeAtoms(schema);
  return atoms.size === 0 ? "any" : [...atoms].sort().join("|");
}

function compareFields(part: DriftPart, before: Fields, after: Fields, used: readonly string[], tool: string): DriftChange[] {
  const where = part === "response" ? "its answer's field" : part === "body" ? "body field" : `${part} parameter`;
  const uses = part === "response" ? "reads" : "sends";
  const changes: DriftChange[] = [];
  const names = [...new Set([...Object.keys(before.props), ...Object.keys(after.props)])].sort();
  for (const name of names) {
    const a = before.props[name];
    const b = after.props[name];
    const isUsed = used.includes(name);
    if (a === undefined) {
      const required = part !== "response" && after.required.has(name);
      changes.push(required ? { part, token: `+${name}:required`, breaking: `${tool}: LiteLLM now requires ${where} ${name}.` } : { part, token: `+${name}` });
      continue;
    }
    if (b === undefined) {
      changes.push({ part, token: `-${name}`, ...(isUsed ? { breaking: `${tool}: ${where} ${name} is gone, and the tool ${uses} it.` } : {}) });
      continue;
    }
    if (part !== "response" && !before.required.has(name) && after.required.has(name)) {
      changes.push({ part, token: `${name}:required`, breaking: `${tool}: ${where} ${name} is now required.` });
    } else if (part !== "response" && before.required.has(name) && !after.required.has(name)) {
      changes.push({ part, token: `${name}:optional` });
    }
    const [ta, tb] = [typeName(a), typeName(b)];
    if (ta !== tb) {
      const change: DriftChange = { part, token: `${name}:${ta}→${tb}` };
      if (isUsed) change.breaking = `${tool}: ${where} ${name} changed type from ${ta} to ${tb}, and the tool ${uses} it${part === "response" ? " (check its output mapping)" : ""}.`;
      changes.push(change);
    } else if (shape(a) !== shape(b)) {
      changes.push({ part, token: `~${name}` });
    }
  }
  return changes;
}

function compareResponses(before: Json, after: Json, op: ToolOperation): DriftChange[] {
  const [a, b] = [fieldsOf(before), fieldsOf(after)];
  const [typedBefore, typedAfter] = [Object.keys(a.props).length > 0, Object.keys(b.props).length > 0];
  if (typedBefore && typedAfter) return compareFields("response", a, b, op.reads, op.tool);
  if (typedBefore) {
    const lost = op.reads.filter((name) => name in a.props);
    const breaking = lost.length ? { breaking: `${op.tool}: LiteLLM no longer declares its answer, which had ${lost.join(", ")} that the tool reads (check its output mapping).` } : {};
    return [{ part: "response", token: "untyped", ...breaking }];
  }
  if (typedAfter) return [{ part: "response", token: "typed" }];
  return shape(before) === shape(after) ? [] : [{ part: "response", token: "~schema" }];
}

function compareOperation(previous: JsonObject, next: JsonObject, op: ToolOperation): DriftChange[] {
  const [before, after] = [requestSchemas(previous, op), requestSchemas(next, op)];
  const changes = REQUEST_PARTS.flatMap((part) => compareFields(part, fieldsOf(before[part]), fieldsOf(after[part]), op.sends[part], op.tool));
  return [...changes, ...compareResponses(responseSchema(previous, op), responseSchema(next, op), op)];
}

function driftOf(previous: JsonObject | undefined, next: JsonObject, op: ToolOperation): OperationDrift {
  const [was, is] = [previous !== undefined && hasOperation(previous, op), hasOperation(next, op)];
  if (!is) {
    const sentence = was
      ? `${op.tool}: ${operationLabel(op)} is gone from LiteLLM ${version(next)}.`
      : `${op.tool}: LiteLLM ${version(next)} has no ${operationLabel(op)}.`;
    return { op, status: was ? "removed" : "missing", changes: [], breaking: sentence };
  }
  if (!was) return { op, status: "new", changes: [] };
  const changes = compareOperation(previous!, next, op);
  return { op, status: changes.length ? "changed" : "unchanged", changes };
}

/** What changed between the previous pruned spec (undefined on a first regen) and the next, per listed operation. */
export function compareSpecs(previous: JsonObject | undefined, next: JsonObject, operations: readonly ToolOperation[]): DriftReport {
  const drifts = operations.map((op) => driftOf(previous, next, op)).sort((x, y) => (x.op.tool < y.op.tool ? -1 : 1));
  const breaking = drifts.flatMap((d) => [...(d.breaking ? [d.breaking] : []), ...d.changes.flatMap((c) => (c.breaking ? [c.breaking] : []))]);
  return { ...(previous ? { from: version(previous) } : {}), to: version(next), operations: drifts, breaking };
}
