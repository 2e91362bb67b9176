// Full paths into a request or an answer ("body.litellm_params.model", "messages[].role", "metadata{}",
// "results[].breakdown.api_keys{}.metrics.spend") and what a simplified schema allows there. The recorder
// (scripts/operations/) writes such paths into spec/operations.json; the drift report resolves them in a
// new document. "." goes between properties, "[]" into array items, "{}" into the values of a map (any key).

import { isObject, type Json, type JsonObject } from "./json.ts";

/**
 * Set (only when asked, by simplifySchema in request-schema.ts) where a union with null was collapsed, so
 * the drift report can tell a field that became nullable; generated code never sees it.
 */
export const NULLABLE_MARK = "x-litellm-mcp-nullable";

export type Segment = { prop: string } | { item: true } | { value: true };

/** What a value may be: JSON's kinds, with integer apart from number, and "absent" for a field left out. */
export type Kind = "string" | "integer" | "number" | "boolean" | "array" | "object" | "null" | "absent";

export const VALUE_KINDS: readonly Kind[] = ["string", "integer", "number", "boolean", "array", "object", "null"];

export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of path.matchAll(/\[\]|\{\}|\.?([^.[\]{}]+)/g)) {
    if (match[0] === "[]") segments.push({ item: true });
    else if (match[0] === "{}") segments.push({ value: true });
    else segments.push({ prop: match[1]! });
  }
  return segments;
}

export function formatPath(segments: readonly Segment[]): string {
  return segments.map((s, i) => ("prop" in s ? (i === 0 ? s.prop : `.${s.prop}`) : "item" in s ? "[]" : "{}")).join("");
}

/** "body.metadata.tags" → "body.metadata"; "" for a path of one segment. */
export function parentPath(path: string): string {
  return formatPath(parsePath(path).slice(0, -1));
}

/** a is b, or lies inside it ("a.b[].c" inside "a.b"). */
export function isWithin(a: string, b: string): boolean {
  if (b === "") return true;
  return a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[]`) || a.startsWith(`${b}{}`);
}

/** A schema with no type, no members and no fields: any JSON value (openapi-typescript's `unknown`). */
export function isAny(schema: Json): boolean {
  if (!isObject(schema)) return schema === true;
  return !["type", "anyOf", "oneOf", "allOf", "properties", "items", "additionalProperties", "enum", "const"].some((k) => schema[k] !== undefined);
}

/** The alternatives a schema stands for: its anyOf/oneOf members (nested ones flattened), or itself. */
export function members(schema: Json): JsonObject[] {
  if (!isObject(schema)) return [{}];
  const union = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (!union) {
    // A list of types is a union of one-type members, each keeping the rest of the schema.
    if (Array.isArray(schema.type) && schema.type.length > 1) return schema.type.map((t) => ({ ...schema, type: t }));
    return [schema];
  }
  return union.flatMap(members);
}

function memberKinds(member: JsonObject): Kind[] {
  if (isAny(member)) return [...VALUE_KINDS];
  const kinds = new Set<Kind>();
  const types = Array.isArray(member.type) ? member.type : typeof member.type === "string" ? [member.type] : [];
  for (const t of types) if (VALUE_KINDS.includes(t as Kind)) kinds.add(t as Kind);
  const constants = member.const !== undefined ? [member.const] : Array.isArray(member.enum) ? member.enum : [];
  for (const value of constants) kinds.add(kindOfValue(value));
  if (kinds.size === 0 && (isObject(member.properties) || member.additionalProperties !== undefined)) kinds.add("object");
  if (kinds.size === 0 && member.items !== undefined) kinds.add("array");
  return [...kinds];
}

export function kindOfValue(value: unknown): Kind {
  if (value === null) return "null";
  if (value === undefined) return "absent";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as Kind;
}

/** Every kind of value a schema allows, null included where it was collapsed into NULLABLE_MARK. */
export function kindsOf(schema: Json): Kind[] {
  const kinds = new Set<Kind>();
  for (const member of members(schema)) for (const kind of memberKinds(member)) kinds.add(kind);
  if (isObject(schema) && schema[NULLABLE_MARK] === true) kinds.add("null");
  return sortKinds(kinds);
}

export function sortKinds(kinds: Iterable<Kind>): Kind[] {
  const order: readonly Kind[] = ["absent", ...VALUE_KINDS];
  return [...new Set(kinds)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** The enum values of a member, or undefined when it takes any value of its kinds. */
export function memberValues(member: JsonObject): Json[] | undefined {
  if (member.const !== undefined) return [member.const];
  return Array.isArray(member.enum) ? member.enum : undefined;
}

/** Whether a map's values (additionalProperties) are open: `true` or a schema, not absent or false. */
export function openValues(member: JsonObject): Json | undefined {
  if (member.additionalProperties === true) return {};
  return isObject(member.additionalProperties) ? member.additionalProperties : undefined;
}

export interface Step {
  /** The schemas the path reaches, one per union member that has it. */
  reached: JsonObject[];
  /** Members that lack the segment (not null ones): what the compiler sees when every member must have it. */
  lacking: JsonObject[];
}

function stepInto(schema: JsonObject, segment: Segment): Step {
  const reached: JsonObject[] = [];
  const lacking: JsonObject[] = [];
  for (const member of members(schema)) {
    if (member.type === "null") continue;
    let next: Json | undefined;
    if (isAny(member)) next = {};
    else if ("prop" in segment) next = isObject(member.properties) && segment.prop in member.properties ? member.properties[segment.prop] : openValues(member);
    else if ("item" in segment) next = memberKinds(member).includes("array") ? (member.items ?? {}) : undefined;
    else next = openValues(member);
    if (next === undefined) lacking.push(member);
    else reached.push(isObject(next) ? next : {});
  }
  return { reached, lacking };
}

export interface Resolved {
  /** What the path reaches (union members that have it); empty when no member does. */
  schemas: JsonObject[];
  /** The first segment no member declares, as a path ("metadata.total_api_keys"); undefined when reached. */
  undeclaredAt?: string;
  /** The first segment some (non-null) member lacks: where a property access on the union fails to compile. */
  lackedByAMember?: string;
}

/** Follows a path through a simplified schema, through every union member that has each segment. */
export function resolve(root: Json, path: string | readonly Segment[]): Resolved {
  const segments = typeof path === "string" ? parsePath(path) : path;
  let current: JsonObject[] = [isObject(root) ? root : {}];
  let lackedByAMember: string | undefined;
  for (const [i, segment] of segments.entries()) {
    const next: JsonObject[] = [];
    const here = formatPath(segments.slice(0, i + 1));
    for (const schema of current) {
      const step = stepInto(schema, segment);
      next.push(...step.reached);
      if (step.lacking.length && lackedByAMember === undefined) lackedByAMember = here;
    }
    if (next.length === 0) return { schemas: [], undeclaredAt: here, lackedByAMember: lackedByAMember ?? here };
    current = next;
  }
  return { schemas: current, ...(lackedByAMember ? { lackedByAMember } : {}) };
}

/**
 * The kinds of value a path may hold in a schema: those of what it reaches, "null" where it (the
 * value) may be null, and "absent" where the last property is optional (array items and map values are
 * never absent: an empty one has none). Empty when the path is not declared at all.
 */
export function kindsAt(root: Json, path: string): Kind[] {
  const segments = parsePath(path);
  const { schemas } = resolve(root, segments);
  if (schemas.length === 0) return [];
  const kinds = new Set<Kind>(schemas.flatMap(kindsOf));
  const last = segments[segments.length - 1];
  if (last && "prop" in last) {
    const parent = resolve(root, segments.slice(0, -1)).schemas;
    const required = parent.flatMap(members).every((m) => isObject(m.properties) && last.prop in m.properties && Array.isArray(m.required) && m.required.includes(last.prop));
    if (!required) kinds.add("absent");
  }
  return sortKinds(kinds);
}

/** Whether a schema documents a shape (fields, items, or a value type), not just "an object" or "anything". */
export function documentsShape(schema: Json): boolean {
  return members(schema).some((m) => isObject(m.properties) || m.items !== undefined || (typeof m.type === "string" && !["object", "null"].includes(m.type)));
}
