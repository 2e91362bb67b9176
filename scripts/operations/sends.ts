// What a tool sends, path by path, found by running its request mapping on marked arguments: every string
// and number of the arguments is unique, so a value in the request names the argument it came from, and
// that argument's schema says what the tool may send there (an enum's values, any string, any JSON).
// Three runs: every argument given, twice with different marks (what stays the same is a constant), and
// only the arguments every call has (what is still sent is sent always). src/litellm/streaming.ts then adds the
// fields a streamed call carries.

import { isObject, type Json, type JsonObject } from "../regen/json.ts";
import type { Sent, When } from "../regen/operations.ts";
import { formatPath, kindOfValue, members, sortKinds, VALUE_KINDS, type Kind, type Segment } from "../regen/schema-path.ts";
import { dereference, sampleMember } from "./samples.ts";

/** Where a marked value came from: the argument's path and its schema. */
interface Mark {
  path: string;
  schema: JsonObject;
}

interface Marks {
  values: Map<string | number, Mark>;
  /** Objects and arrays of the arguments: one the request holds as it is came from that argument. */
  objects: Map<object, Mark>;
  /** Keys of maps (records) among the arguments: a request key that is one of them is any key. */
  keys: Set<string>;
  next: number;
}

export interface Request {
  params?: { path?: object; query?: object };
  body?: unknown;
}

/** Arguments with every string and number unique and remembered; variant 1 marks differently from 0. */
function marked(root: JsonObject, schema: Json, path: Segment[], marks: Marks, variant: 0 | 1, requiredOnly: boolean): unknown {
  const node = dereference(root, schema);
  const member = sampleMember(node);
  const type = Array.isArray(member.type) ? member.type.find((t) => t !== "null") : member.type;
  const mark = <T extends string | number>(value: T): T => {
    marks.values.set(value, { path: formatPath(path), schema: node });
    return value;
  };
  if (member.const !== undefined) return member.const;
  if (type === "boolean") return variant === 0;
  if (type === "integer" || type === "number") return mark(1_000_000 * (variant + 1) + marks.next++);
  const remember = <T extends object>(value: T): T => {
    marks.objects.set(value, { path: formatPath(path), schema: node });
    return value;
  };
  if (type === "array") return remember([marked(root, member.items ?? {}, [...path, { item: true }], marks, variant, requiredOnly)]);
  if (type === "object" || isObject(member.properties) || member.additionalProperties !== undefined) {
    const out: Record<string, unknown> = {};
    const required = new Set(Array.isArray(member.required) ? member.required.map(String) : []);
    for (const [name, field] of Object.entries(isObject(member.properties) ? member.properties : {})) {
      if (requiredOnly && !required.has(name) && dereference(root, field).default === undefined) continue;
      out[name] = marked(root, field, [...path, { prop: name }], marks, variant, requiredOnly);
    }
    if (!isObject(member.properties) && member.additionalProperties !== false) {
      const key = `\u0001key${marks.next++}`;
      marks.keys.add(key);
      out[key] = marked(root, isObject(member.additionalProperties) ? member.additionalProperties : {}, [...path, { value: true }], marks, variant, requiredOnly);
    }
    return remember(out);
  }
  // Strings, enums (the mapping does not check them: the input schema did) and values of any kind.
  return mark(`\u0001${formatPath(path)}\u0001${variant}`);
}

/** One value seen at a request path. */
type Seen = { from: Mark } | { computed: Kind } | { constant: Json } | { node: "object" | "array" };

function walk(value: unknown, path: Segment[], marks: Marks, into: Map<string, Seen[]>): void {
  if (value === undefined) return;
  const where = formatPath(path);
  const seen = (s: Seen): void => void into.set(where, [...(into.get(where) ?? []), s]);
  const from = typeof value === "string" || typeof value === "number" ? marks.values.get(value) : undefined;
  if (from) return seen({ from });
  const passed = typeof value === "object" && value !== null ? marks.objects.get(value) : undefined;
  if (passed) seen({ from: passed });
  if (Array.isArray(value)) {
    seen({ node: "array" });
    for (const item of value) walk(item, [...path, { item: true }], marks, into);
  } else if (isObject(value)) {
    seen({ node: "object" });
    for (const [key, child] of Object.entries(value)) walk(child, [...path, marks.keys.has(key) ? { value: true } : { prop: key }], marks, into);
  } else if (typeof value === "string" && value.includes("\u0001")) {
    seen({ computed: "string" });
  } else {
    seen({ constant: value as Json });
  }
}

/** The request's parts as one tree: { path: {...}, query: {...}, body: ... }. */
function parts(request: Request): Record<string, unknown> {
  return { path: request.params?.path, query: request.params?.query, body: request.body };
}

function trace(request: Request, marks: Marks): Map<string, Seen[]> {
  const into = new Map<string, Seen[]>();
  for (const [part, value] of Object.entries(parts(request))) walk(value, [{ prop: part }], marks, into);
  return into;
}

/** Kinds and values an argument's schema allows: an enum's values, or any value of its kinds. */
function allowed(schema: JsonObject): { kinds: Kind[]; values?: Json[] } {
  const kinds = new Set<Kind>();
  const values: Json[] = [];
  let finite = true;
  for (const member of members(schema)) {
    if (member.type === "null") continue;
    const constants = member.const !== undefined ? [member.const] : Array.isArray(member.enum) ? member.enum : undefined;
    if (constants) {
      values.push(...constants);
      for (const v of constants) kinds.add(kindOfValue(v));
      continue;
    }
    finite = false;
    const type = member.type;
    if (typeof type === "string" && (VALUE_KINDS as readonly string[]).includes(type)) kinds.add(type as Kind);
    else for (const kind of VALUE_KINDS) kinds.add(kind);
  }
  return { kinds: sortKinds(kinds), ...(finite && values.length ? { values } : {}) };
}

/** What the recorder learns of a sent path: the file's facts, and the arguments its value comes from. */
export type SentPath = Sent & { inputs: string[] };

function merge(observations: readonly Seen[][]): Omit<SentPath, "when"> {
  const inputs = new Set<string>();
  const kinds = new Set<Kind>();
  const values: Json[] = [];
  let finite = true;
  const constants = observations.map((list) => list.filter((s): s is { constant: Json } => "constant" in s).map((s) => JSON.stringify(s.constant)));
  for (const list of observations) {
    for (const seen of list) {
      if ("node" in seen) kinds.add(seen.node);
      else if ("computed" in seen) (kinds.add(seen.computed), (finite = false));
      else if ("from" in seen) {
        inputs.add(seen.from.path);
        const fact = allowed(seen.from.schema);
        for (const kind of fact.kinds) kinds.add(kind);
        if (fact.values) values.push(...fact.values);
        else finite = false;
      } else {
        kinds.add(kindOfValue(seen.constant));
        // A constant is the same in every run; what differs between runs was computed from the arguments.
        if (constants.every((list) => list.includes(JSON.stringify(seen.constant)))) values.push(seen.constant);
        else finite = false;
      }
    }
  }
  const unique = [...new Map(values.map((v) => [JSON.stringify(v), v])).values()].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const containers = [...kinds].every((k) => k === "object" || k === "array");
  return { kinds: sortKinds(kinds), ...(finite && !containers && unique.length ? { values: unique } : {}), inputs: [...inputs].sort() };
}

export interface SendingTool {
  inputSchema: JsonObject;
  buildRequest(args: Record<string, unknown>): Request;
  /** What a streamed call sends instead, for a tool that streams. */
  streamed?(request: Request): Request;
}

/** Every path the tool's request mapping can send, with when and what. */
export function sendsOf(tool: SendingTool): Record<string, SentPath> {
  const run = (variant: 0 | 1, requiredOnly: boolean) => {
    const marks: Marks = { values: new Map(), objects: new Map(), keys: new Set(), next: 1 };
    const args = marked(tool.inputSchema, tool.inputSchema, [], marks, variant, requiredOnly) as Record<string, unknown>;
    const request = tool.buildRequest(args);
    return { marks, request, seen: trace(request, marks) };
  };
  const [first, second, minimal] = [run(0, false), run(1, false), run(0, true)];
  const out: Record<string, SentPath> = {};
  for (const path of [...first.seen.keys()].sort()) {
    const when: When = minimal.seen.has(path) ? "always" : "sometimes";
    out[path] = { when, ...merge([first.seen.get(path)!, second.seen.get(path) ?? []]) };
  }
  if (tool.streamed) {
    const streamed = trace(tool.streamed(first.request), first.marks);
    for (const path of [...streamed.keys()].sort()) if (!(path in out)) out[path] = { when: "streaming", ...merge([streamed.get(path)!]) };
  }
  return out;
}
