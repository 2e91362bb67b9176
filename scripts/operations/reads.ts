// What a tool's output mapping reads of LiteLLM's answer, path by path, and which other kinds of value
// there it would not survive. The mapping runs on a valid answer of the documented shape, wrapped so that
// every property it touches is noted; then, one path at a time, that value is swapped for each kind the
// document did not allow (null, absent, a string where a number was, ...) and the mapping and the tool's
// output schema run again, as the server runs them on a real answer. What fails is recorded with the
// output field it fails at: the drift report's account of breaks no type can show.

import { isObject, type Json } from "../regen/json.ts";
import { MAPPING_THROWS, OWN_ERROR, type Read } from "../regen/operations.ts";
import { documentsShape, formatPath, kindsAt, parsePath, VALUE_KINDS, type Kind, type Segment } from "../regen/schema-path.ts";
import { MAP_KEY, sampleAnswer } from "./samples.ts";

export interface ReadingTool {
  name: string;
  /** The answer's simplified schema in the committed spec; `{}` when LiteLLM declares none. */
  answerSchema: Json;
  args: Record<string, unknown>;
  buildResult(data: unknown, args: Record<string, unknown>): unknown;
  /** The output schema's check: undefined when the output passes, else the output path it fails at. */
  checkOutput(value: unknown): { ok: true } | { ok: false; at: string };
  /** Errors the tool throws on purpose (BridgeError): the server answers with them, not with a mapping failure. */
  isOwnError(error: unknown): boolean;
}

const IGNORED_KEYS = new Set(["toJSON", "then", "constructor", "valueOf", "toString", "hasOwnProperty", "toLocaleString", "isPrototypeOf", "propertyIsEnumerable"]);

interface Trace {
  reads: Set<string>;
}

/** Wraps a value so every property read below it is noted by its path. */
function traced(value: unknown, path: Segment[], trace: Trace, cache: Map<string, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  const key = formatPath(path);
  if (cache.has(key)) return cache.get(key);
  const proxy = new Proxy(value as object, {
    get(target, property, receiver) {
      const own = Reflect.get(target, property, receiver);
      if (typeof property === "symbol" || IGNORED_KEYS.has(property)) return own;
      if (Array.isArray(target)) {
        if (property === "length") return own;
        if (/^\d+$/.test(property)) {
          const child = [...path, { item: true } as const];
          trace.reads.add(formatPath(child));
          return traced(own, child, trace, cache);
        }
        return own;
      }
      const child = [...path, property === MAP_KEY ? ({ value: true } as const) : { prop: property }];
      trace.reads.add(formatPath(child));
      return traced(own, child, trace, cache);
    },
  });
  cache.set(key, proxy);
  return proxy;
}

/**
 * A value that is every kind of thing at once, for answers LiteLLM declares as `{}`: an array (so
 * Array.isArray branches run) of one such value, with any property another one.
 */
function anything(path: Segment[], trace: Trace): unknown {
  const target: unknown[] = [];
  return new Proxy(target, {
    get(_target, property) {
      if (property === Symbol.toPrimitive) return () => "s";
      if (property === Symbol.iterator) return function* () {
        yield anything([...path, { item: true }], trace);
      };
      if (typeof property === "symbol" || IGNORED_KEYS.has(property)) return undefined;
      if (property === "length") return 1;
      if (/^\d+$/.test(property)) {
        const child = [...path, { item: true } as const];
        trace.reads.add(formatPath(child));
        return property === "0" ? anything(child, trace) : undefined;
      }
      if (property in Array.prototype) return (Array.prototype as unknown as Record<string, unknown>)[property];
      const child = [...path, { prop: property }];
      trace.reads.add(formatPath(child));
      return anything(child, trace);
    },
  });
}

/** The value of each kind swapped in to see whether the mapping and the output survive it. */
const STAND_INS: Record<Exclude<Kind, "absent">, Json> = { string: "s", integer: 2, number: 1.5, boolean: true, array: [], object: {}, null: null };

/** A copy of the answer with the value at `path` (every item, for "[]") replaced, or removed for "absent". */
function swapped(answer: Json, path: readonly Segment[], kind: Kind): Json {
  const copy = structuredClone(answer);
  const visit = (node: Json, rest: readonly Segment[]): void => {
    const [segment, ...more] = rest;
    if (!segment || node === null || typeof node !== "object") return;
    const slots: (string | number)[] =
      "prop" in segment ? (!Array.isArray(node) && segment.prop in node ? [segment.prop] : []) : Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const slot of slots) {
      const holder = node as Record<string | number, Json>;
      if (more.length) visit(holder[slot]!, more);
      else if (kind === "absent") delete holder[slot];
      else holder[slot] = structuredClone(STAND_INS[kind]);
    }
  };
  visit(copy, path);
  return copy;
}

/** Whether the value at `path` exists in the answer (so swapping it means something). */
function present(answer: Json, path: readonly Segment[]): boolean {
  let nodes: Json[] = [answer];
  for (const segment of path) {
    nodes = nodes.flatMap((node) => {
      if (!isObject(node) && !Array.isArray(node)) return [];
      if ("prop" in segment) return isObject(node) && segment.prop in node ? [node[segment.prop]!] : [];
      return Array.isArray(node) ? node : Object.values(node);
    });
  }
  return nodes.length > 0;
}

type Outcome = { ok: true } | { ok: false; at: string };

function outcome(tool: ReadingTool, answer: Json): Outcome {
  let result: unknown;
  try {
    result = tool.buildResult(answer, tool.args);
  } catch (error) {
    // The tool's own refusal is an answer it chose; anything else is the mapping failing.
    return { ok: false, at: tool.isOwnError(error) ? OWN_ERROR : MAPPING_THROWS };
  }
  return tool.checkOutput(result);
}

/** Every path the mapping reads, what the document allowed there, and what it would not survive. */
export function readsOf(tool: ReadingTool): Record<string, Read> {
  const declared = documentsShape(tool.answerSchema);
  const trace: Trace = { reads: new Set() };
  const answer = declared ? sampleAnswer(tool.answerSchema) : null;
  try {
    tool.buildResult(declared ? traced(answer, [], trace, new Map()) : anything([], trace), tool.args);
  } catch {
    // A mapping may refuse a made-up answer; what it read until then is what it reads.
  }
  const baseline = declared ? outcome(tool, answer) : { ok: true as const };
  if (!baseline.ok) throw new Error(`${tool.name}: its output mapping does not accept a valid answer of the documented shape (fails at ${baseline.at}); the recorder cannot tell what it survives.`);

  // Arrays the mapping hands on whole still have their items checked by the output schema.
  const paths = new Set(trace.reads);
  if (declared) for (const path of trace.reads) if (Array.isArray(valueAt(answer, parsePath(path)))) paths.add(`${path}[]`);

  const out: Record<string, Read> = {};
  for (const path of [...paths].sort()) {
    const was = declared ? kindsAt(tool.answerSchema, path) : (["absent", ...VALUE_KINDS] as Kind[]);
    const read: Read = { was: was.length ? was : ["absent"] };
    const segments = parsePath(path);
    if (declared && present(answer, segments)) {
      const rejects: Partial<Record<Kind, string>> = {};
      const last = segments[segments.length - 1];
      // Array items and map values are never absent: an empty one has none.
      const kinds: Kind[] = last && "prop" in last ? ["absent", ...VALUE_KINDS] : [...VALUE_KINDS];
      for (const kind of kinds) {
        if (read.was.includes(kind)) continue;
        const result = outcome(tool, swapped(answer, segments, kind));
        if (!result.ok) rejects[kind] = result.at;
      }
      if (Object.keys(rejects).length) read.rejects = rejects;
    }
    out[path] = read;
  }
  return out;
}

function valueAt(answer: Json, path: readonly Segment[]): Json | undefined {
  let node: Json | undefined = answer;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = "prop" in segment ? (isObject(node) ? node[segment.prop] : undefined) : Array.isArray(node) ? node[0] : Object.values(node)[0];
  }
  return node;
}
