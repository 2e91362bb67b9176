// Compares the pruned spec regen last wrote with the one it is about to write, operation by operation, and
// judges each change by what the tools do with the field: send it on every call, sometimes, only when
// streaming, read it, or none of these. Pure, so tests feed it small hand-made documents.

import { isObject, type Json, type JsonObject } from "./json.ts";
import { operationLabel, REQUEST_PARTS, type RequestPart, type ToolOperation } from "./operations.ts";
import { requestSchemas, simplifySchema, type SimplifyOptions } from "./request-schema.ts";
import { changesInside, isNullable, noteList, shape, typeName } from "./schema-diff.ts";

export { typeName };

export type DriftPart = RequestPart | "response";

export interface DriftChange {
  part: DriftPart;
  /**
   * What the table shows: "+agent_id", "-user_id", "team_id:required", "key:optional,nullable",
   * "max_budget:number→string", "~object_permission(+skills)", "no longer declared".
   */
  token: string;
  /** A field some tool sends or reads, or a change that breaks one: listed apart from the rest. */
  affectsTools: boolean;
  /** One sentence per way the change breaks the bridge, naming the tool and the field; empty when none. */
  breaking: string[];
}

export type OperationStatus = "new" | "removed" | "missing" | "changed" | "unchanged";

export interface OperationDrift {
  op: ToolOperation;
  status: OperationStatus;
  changes: DriftChange[];
  /** Set for removed and missing operations. */
  breaking?: string;
}

export type Direction = "upgrade" | "downgrade" | "same release";

export interface DriftReport {
  /** LiteLLM version of the previous spec; undefined on a first regen. */
  from?: string;
  to: string;
  /** Undefined on a first regen, or when a version is not dotted numbers. */
  direction?: Direction;
  /** Sorted by tool name. */
  operations: OperationDrift[];
  /** Every breaking sentence, in table order. */
  breaking: string[];
}

type Fields = { props: JsonObject; required: Set<string> };

/** How a tool uses a field: sends it on every call, sometimes, only when it streams; reads it; or not at all. */
type Use = "always" | "sometimes" | "streaming" | "reads" | undefined;

const USE_CLAUSE: Record<Exclude<Use, undefined>, string> = {
  always: "the tool sends it",
  sometimes: "the tool sends it",
  streaming: "the tool sends it when it streams (src/streaming.ts adds it)",
  reads: "the tool reads it",
};

const MARK_NULLABLE: SimplifyOptions = { markNullable: true };

function version(doc: JsonObject): string {
  return isObject(doc.info) ? String(doc.info.version ?? "unknown") : "unknown";
}

/** Compares dotted release numbers ("1.80.17" < "1.108.7"); undefined when either is something else. */
export function direction(from: string, to: string): Direction | undefined {
  if (from === to) return "same release";
  const numbers = (v: string) => (/^\d+(\.\d+)*$/.test(v) ? v.split(".").map(Number) : undefined);
  const [a, b] = [numbers(from), numbers(to)];
  if (!a || !b) return undefined;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x < y ? "upgrade" : "downgrade";
  }
  return undefined;
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
  return isObject(content) && content.schema !== undefined ? simplifySchema(doc, content.schema, MARK_NULLABLE) : {};
}

function fieldsOf(schema: Json | undefined): Fields {
  const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const required = isObject(schema) && Array.isArray(schema.required) ? schema.required.map(String) : [];
  return { props, required: new Set(required) };
}

function declaresFields(schema: Json | undefined): boolean {
  return Object.keys(fieldsOf(schema).props).length > 0;
}

function useOf(op: ToolOperation, part: DriftPart, name: string): Use {
  if (part === "response") return op.reads.includes(name) ? "reads" : undefined;
  if (op.sendsAlways[part].includes(name)) return "always";
  if (op.sends[part].includes(name)) return "sometimes";
  if (op.sendsWhenStreaming[part].includes(name)) return "streaming";
  return undefined;
}

function whereOf(part: DriftPart): string {
  return part === "response" ? "its answer's field" : part === "body" ? "body field" : `${part} parameter`;
}

function change(part: DriftPart, token: string, use: Use, breaking: string[] = []): DriftChange {
  return { part, token, affectsTools: use !== undefined || breaking.length > 0, breaking };
}

/** A field in both documents: its required-ness (requests only), nullability, type, and what is inside. */
function compareField(part: DriftPart, name: string, before: Fields, after: Fields, op: ToolOperation): DriftChange[] {
  const [a, b] = [before.props[name]!, after.props[name]!];
  const use = useOf(op, part, name);
  const [tool, where] = [op.tool, whereOf(part)];
  const clause = use ? USE_CLAUSE[use] : "";
  const aspects: string[] = [];
  const breaking: string[] = [];

  if (part !== "response" && !before.required.has(name) && after.required.has(name)) {
    aspects.push("required");
    // A field the tool sends on every call may become required without anything to change.
    if (use !== "always") {
      breaking.push(`${tool}: ${where} ${name} is now required, and the tool ${use ? "does not always send" : "never sends"} it.`);
    }
  } else if (part !== "response" && before.required.has(name) && !after.required.has(name)) {
    aspects.push("optional");
    // The manifest builds tool inputs on LiteLLM's fields: one built on this one stops requiring it.
    if (use) breaking.push(`${tool}: ${where} ${name} is optional now, and ${clause}: a tool input built on LiteLLM's field no longer requires it.`);
  }
  if (isNullable(a) !== isNullable(b)) {
    aspects.push(isNullable(b) ? "nullable" : "non-null");
    // The bridge never sends null (regen drops it from what tools accept); what it reads may now be null.
    if (isNullable(b) && use === "reads") breaking.push(`${tool}: ${where} ${name} may be null now, and the tool reads it (check its output mapping).`);
  }
  const [ta, tb] = [typeName(a), typeName(b)];
  if (ta !== tb) {
    aspects.push(`${ta}→${tb}`);
    if (use) breaking.push(`${tool}: ${where} ${name} changed type from ${ta} to ${tb}, and ${clause}${part === "response" ? " (check its output mapping)" : ""}.`);
  }

  const changes = aspects.length ? [change(part, `${name}:${aspects.join(",")}`, use, breaking)] : [];
  const inside = ta === tb && shape(a, { topNullable: false }) !== shape(b, { topNullable: false }) ? changesInside(a, b) : [];
  if (inside.length) changes.push(change(part, `~${name}(${noteList(inside)})`, use));
  return changes;
}

function compareFields(part: DriftPart, before: Fields, after: Fields, op: ToolOperation): DriftChange[] {
  const [tool, where] = [op.tool, whereOf(part)];
  const names = [...new Set([...Object.keys(before.props), ...Object.keys(after.props)])].sort();
  return names.flatMap((name) => {
    const use = useOf(op, part, name);
    if (!(name in before.props)) {
      if (part === "response" || !after.required.has(name)) return [change(part, `+${name}`, use)];
      const breaking = use === "always" ? [] : [`${tool}: LiteLLM now requires ${where} ${name}${use ? ", which the tool does not always send" : ""}.`];
      return [change(part, `+${name}:required`, use, breaking)];
    }
    if (!(name in after.props)) return [change(part, `-${name}`, use, use ? [`${tool}: ${where} ${name} is gone, and ${USE_CLAUSE[use]}.`] : [])];
    return compareField(part, name, before, after, op);
  });
}

/** A request body that stops (or starts) being declared is one change, not one per field. */
function compareBody(before: Json | undefined, after: Json | undefined, op: ToolOperation): DriftChange[] {
  const [was, is] = [declaresFields(before), declaresFields(after)];
  const sent = [...op.sends.body, ...op.sendsWhenStreaming.body].sort();
  const use: Use = sent.length ? "sometimes" : undefined;
  if (was && !is) {
    const breaking = sent.length ? [`${op.tool}: LiteLLM no longer declares a request body, and the tool sends ${sent.join(", ")} in it.`] : [];
    return [change("body", "no longer declared", use, breaking)];
  }
  if (!was && is) {
    const unsent = [...fieldsOf(after).required].filter((name) => !op.sendsAlways.body.includes(name)).sort();
    const breaking = unsent.length ? [`${op.tool}: LiteLLM now declares a request body that requires ${unsent.join(", ")}, which the tool does not always send.`] : [];
    return [change("body", "declared now", use, breaking)];
  }
  return compareFields("body", fieldsOf(before), fieldsOf(after), op);
}

function compareResponses(before: Json, after: Json, op: ToolOperation): DriftChange[] {
  const [a, b] = [fieldsOf(before), fieldsOf(after)];
  const [typedBefore, typedAfter] = [declaresFields(before), declaresFields(after)];
  const use: Use = op.reads.length ? "reads" : undefined;
  if (typedBefore && typedAfter) return compareFields("response", a, b, op);
  if (typedBefore) {
    const lost = op.reads.filter((name) => name in a.props);
    const breaking = lost.length ? [`${op.tool}: LiteLLM no longer declares its answer, which had ${lost.join(", ")} that the tool reads (check its output mapping).`] : [];
    return [change("response", "no longer declared", use, breaking)];
  }
  if (typedAfter) return [change("response", "declared now", use)];
  const inside = shape(before) === shape(after) ? [] : changesInside(before, after);
  return inside.length ? [change("response", `~schema(${noteList(inside)})`, use)] : [];
}

function compareOperation(previous: JsonObject, next: JsonObject, op: ToolOperation): DriftChange[] {
  const [before, after] = [requestSchemas(previous, op, MARK_NULLABLE), requestSchemas(next, op, MARK_NULLABLE)];
  const changes = REQUEST_PARTS.flatMap((part) =>
    part === "body" ? compareBody(before.body, after.body, op) : compareFields(part, fieldsOf(before[part]), fieldsOf(after[part]), op),
  );
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
  const breaking = drifts.flatMap((d) => [...(d.breaking ? [d.breaking] : []), ...d.changes.flatMap((c) => c.breaking)]);
  const to = version(next);
  if (!previous) return { to, operations: drifts, breaking };
  const from = version(previous);
  const moved = direction(from, to);
  return { from, to, ...(moved ? { direction: moved } : {}), operations: drifts, breaking };
}
