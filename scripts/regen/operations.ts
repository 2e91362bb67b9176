// The operations of LiteLLM's document the bridge uses, how to name and order them, and what each tool
// does with them. `spec/operations.json` is written by `npm run operations` (scripts/operations/) from the
// manifest itself, never by hand: regen cannot import the manifest it may be about to invalidate, so the
// manifest's facts are recorded here for it. Everything regen writes is limited to these operations, and
// the drift report judges a new document against what each entry says the tool sends, builds on and reads.

import { isObject, type Json } from "./json.ts";
import { parsePath, sortKinds, VALUE_KINDS, type Kind } from "./schema-path.ts";
import { parseChain } from "./zod-chain.ts";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface OperationRef {
  method: HttpMethod;
  path: string;
}

export type RequestPart = "path" | "query" | "body";

export const REQUEST_PARTS: readonly RequestPart[] = ["path", "query", "body"];

/** On every call (whenever the object it is in is sent), only on some, or only when the tool streams. */
export type When = "always" | "sometimes" | "streaming";

/** A request path the tool sends ("body.litellm_params.model"), and what it puts there. */
export interface Sent {
  when: When;
  /** The kinds of value it sends: "object" and "array" for the containers it builds or passes on. */
  kinds: Kind[];
  /** The only values it sends (an enum of its input, a constant), when there are only so many. */
  values?: Json[];
  /**
   * The argument it sends is built on this generated field (a path of builtOn), so what it sends follows
   * LiteLLM's schema, and the chains recorded there say where that no longer compiles.
   */
  follows?: string;
}

/** A generated field (generated/request-schemas.ts) the tool's input is built on, as it was when recorded. */
export interface BuiltOn {
  /** The zod class it was ("optional string", "enum (a, b)"), for the report's sentences. */
  was: string;
  /** Each chain of calls the manifest makes on it: "unwrap extract(a|b) optional describe". */
  uses: string[];
}

/** An answer path the tool's output mapping reads ("metadata.total_api_keys"), and what it stands. */
export interface Read {
  /** The mapping names it on LiteLLM's typed answer, so the compiler checks that it exists. */
  typed?: true;
  /** The mapping calls a method on it (`.map`), so the compiler also checks what kind of value it is. */
  calls?: true;
  /** The kinds of value LiteLLM's document allowed there when recorded ("absent" for an optional field). */
  was: Kind[];
  /**
   * Kinds the mapping and the output schema do not take, each with the output field the output check
   * then fails at, or MAPPING_THROWS / OWN_ERROR. The file groups them by that output field.
   */
  rejects?: Partial<Record<Kind, string>>;
}

export interface ToolOperation extends OperationRef {
  /** The manifest tool that calls this operation. */
  tool: string;
  /** The tool's file, where `npm run typecheck` shows what no longer fits; "" for an entry added by hand. */
  file: string;
  /** Request paths, each starting with its part: "path.key", "query.page", "body.messages[].role". */
  sends: Record<string, Sent>;
  /** Generated request fields the input is built on: "body.user_role". */
  builtOn: Record<string, BuiltOn>;
  /** Answer paths, from the answer itself: "keys[].token", "[].budget_id" for an array answer. */
  reads: Record<string, Read>;
  /**
   * Operations of the document the tool calls around its own (its entry's around.calls): reads of LiteLLM's
   * state before and after its write, undos. Regen keeps them, and the report names the tool when one goes
   * or stops taking what the tool sends it.
   */
  around: AroundOperation[];
}

/** An operation a tool calls around its own, with the request paths it sends it ("query.key_alias"). */
export interface AroundOperation extends OperationRef {
  sends: string[];
}

/** What rejects a kind when the output mapping itself throws on it (the server then reports a malformed answer). */
export const MAPPING_THROWS = "(the output mapping throws)";
/** What rejects a kind when the tool answers it with its own error on purpose. */
export const OWN_ERROR = "(the tool's own error)";

const ENTRY_KEYS = ["tool", "file", "method", "path", "sends", "builtOn", "reads", "around"];
const METHODS: readonly HttpMethod[] = ["get", "post", "put", "patch", "delete"];
const WHEN: readonly When[] = ["always", "sometimes", "streaming"];
const KINDS: readonly Kind[] = ["absent", ...VALUE_KINDS];

/** "POST /key/generate" — how reports and headers name an operation. */
export function operationLabel(op: OperationRef): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

/** "GET /team/info" → the operation it names; undefined for anything else. */
export function parseOperationLabel(label: string): OperationRef | undefined {
  const match = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(label);
  return match ? { method: match[1]!.toLowerCase() as HttpMethod, path: match[2]! } : undefined;
}

/** Every operation the tools use: their own, and those they call around them, each once, in regen's order. */
export function operationsUsed(ops: readonly ToolOperation[]): OperationRef[] {
  const byLabel = new Map<string, OperationRef>();
  for (const op of ops) for (const used of [op, ...op.around]) byLabel.set(operationLabel(used), { method: used.method, path: used.path });
  return [...byLabel.values()].sort(compareOperations);
}

/** "postKeyGenerate" — the stem of identifiers generated for an operation. */
export function operationIdentifier(op: OperationRef): string {
  const words = op.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return op.method + words.join("");
}

export function compareOperations(a: OperationRef, b: OperationRef): number {
  return a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1;
}

/** The part a request path starts with ("body" of "body.model"). */
export function partOf(path: string): RequestPart {
  const first = parsePath(path)[0];
  return (first && "prop" in first ? first.prop : "body") as RequestPart;
}

/** "integer|string" ↔ ["integer", "string"]; "any" is every kind of value. */
export function kindsText(kinds: readonly Kind[]): string {
  const values: readonly Kind[] = kinds.filter((k) => k !== "absent");
  const any = VALUE_KINDS.every((k) => values.includes(k));
  return [...(kinds.includes("absent") ? ["absent"] : []), ...(any ? ["any"] : values)].join("|");
}

function parseKinds(value: unknown, where: string): Kind[] {
  if (typeof value !== "string" || value === "") throw new Error(`${where} must be kinds joined by "|", e.g. "string|null".`);
  const kinds = value.split("|").flatMap((k) => (k === "any" ? VALUE_KINDS : [k as Kind]));
  const unknown = kinds.find((k) => !KINDS.includes(k));
  if (unknown) throw new Error(`${where} has "${unknown}"; kinds are any, ${KINDS.join(", ")}.`);
  return sortKinds(kinds);
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new Error(`${where} must be an object keyed by path.`);
  return value;
}

function onlyKeys(value: Record<string, unknown>, keys: readonly string[], where: string): void {
  const stray = Object.keys(value).find((k) => !keys.includes(k));
  if (stray) throw new Error(`${where} has "${stray}"; it has ${keys.join(", ")}.`);
}

/**
 * A record keyed by path whose every value is an object of `keys`: the path checked first where a check is
 * given, then the object, then made by `parse` from it and the place errors name it by.
 */
function parseByPath<T>(
  raw: unknown,
  where: string,
  keys: readonly string[],
  parse: (fact: Record<string, unknown>, at: string) => T,
  checkPath?: (path: string, at: string) => void,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [path, value] of Object.entries(object(raw, where))) {
    const at = `${where}["${path}"]`;
    checkPath?.(path, at);
    const fact = object(value, at);
    onlyKeys(fact, keys, at);
    out[path] = parse(fact, at);
  }
  return out;
}

function parseSends(raw: unknown, where: string): Record<string, Sent> {
  const requestPath = (path: string, at: string) => {
    if (!REQUEST_PARTS.includes(partOf(path))) throw new Error(`${at}: a request path starts with path, query or body.`);
  };
  return parseByPath(
    raw,
    where,
    ["when", "type", "values", "follows"],
    (fact, at) => {
      if (!WHEN.includes(fact.when as When)) throw new Error(`${at}.when must be one of ${WHEN.join(", ")}.`);
      if (fact.values !== undefined && !Array.isArray(fact.values)) throw new Error(`${at}.values must be an array.`);
      if (fact.follows !== undefined && typeof fact.follows !== "string") throw new Error(`${at}.follows must be a path of builtOn.`);
      return {
        when: fact.when as When,
        kinds: parseKinds(fact.type, `${at}.type`),
        ...(fact.values ? { values: fact.values as Json[] } : {}),
        ...(typeof fact.follows === "string" ? { follows: fact.follows } : {}),
      };
    },
    requestPath,
  );
}

function parseBuiltOn(raw: unknown, where: string): Record<string, BuiltOn> {
  return parseByPath(raw, where, ["was", "uses"], (fact, at) => {
    if (typeof fact.was !== "string" || !Array.isArray(fact.uses) || !fact.uses.every((u) => typeof u === "string")) {
      throw new Error(`${at} needs was (what zod made of the field) and uses (the chains of calls on it).`);
    }
    for (const use of fact.uses as string[]) parseChain(use);
    return { was: fact.was, uses: fact.uses as string[] };
  });
}

function parseReads(raw: unknown, where: string): Record<string, Read> {
  return parseByPath(raw, where, ["typed", "calls", "was", "rejects"], (fact, at) => {
    // In the file: output field → the kinds it fails on ("key": "absent|null").
    const rejects: Partial<Record<Kind, string>> = {};
    for (const [output, kinds] of Object.entries(object(fact.rejects, `${at}.rejects`))) {
      for (const kind of parseKinds(kinds, `${at}.rejects["${output}"]`)) rejects[kind] = output;
    }
    return {
      ...(fact.typed === true ? { typed: true as const } : {}),
      ...(fact.calls === true ? { calls: true as const } : {}),
      was: parseKinds(fact.was, `${at}.was`),
      ...(Object.keys(rejects).length ? { rejects } : {}),
    };
  });
}

function parseAround(raw: unknown, where: string): AroundOperation[] {
  return Object.entries(object(raw, where)).map(([label, sends]) => {
    const op = parseOperationLabel(label);
    if (!op) throw new Error(`${where} has "${label}"; its keys name operations, e.g. "GET /team/info".`);
    if (!Array.isArray(sends) || !sends.every((s) => typeof s === "string" && REQUEST_PARTS.includes(partOf(s)))) {
      throw new Error(`${where}["${label}"] must list the request paths the tool sends it, e.g. ["query.team_id"].`);
    }
    return { ...op, sends: sends as string[] };
  });
}

/** Validates the recorded list, so a hand edit fails with the entry's position, not later. */
export function parseOperationList(raw: unknown): ToolOperation[] {
  if (!Array.isArray(raw)) throw new Error(`spec/operations.json must be a JSON array of { ${ENTRY_KEYS.join(", ")} }.`);
  const seen = new Set<string>();
  const tools = new Set<string>();
  const ops = raw.map((entry, i) => {
    const where = `spec/operations.json entry ${i}`;
    const fields = object(entry, where);
    onlyKeys(fields, ENTRY_KEYS, where);
    const { tool, file, method, path } = fields;
    if (typeof tool !== "string" || !/^[a-z][a-z0-9_]*$/.test(tool)) throw new Error(`${where}: tool must be the manifest tool's snake_case name.`);
    if (typeof method !== "string" || !METHODS.includes(method as HttpMethod)) throw new Error(`${where}: method must be one of ${METHODS.join(", ")}.`);
    if (typeof path !== "string" || !path.startsWith("/")) throw new Error(`${where}: path must start with "/".`);
    const op: ToolOperation = {
      tool,
      // An entry added by hand for a tool not written yet has no file: `npm run operations` records it.
      file: typeof file === "string" ? file : "",
      method: method as HttpMethod,
      path,
      sends: parseSends(fields.sends, `${where}.sends`),
      builtOn: parseBuiltOn(fields.builtOn, `${where}.builtOn`),
      reads: parseReads(fields.reads, `${where}.reads`),
      around: parseAround(fields.around, `${where}.around`),
    };
    const label = operationLabel(op);
    if (seen.has(label)) throw new Error(`spec/operations.json lists ${label} twice.`);
    if (tools.has(tool)) throw new Error(`spec/operations.json lists tool ${tool} twice.`);
    seen.add(label);
    tools.add(tool);
    return op;
  });
  return ops.sort(compareOperations);
}

function sendsJson(sent: Sent): Json {
  return { when: sent.when, type: kindsText(sent.kinds), ...(sent.values ? { values: sent.values } : {}), ...(sent.follows ? { follows: sent.follows } : {}) };
}

function readJson(read: Read): Json {
  const byOutput = new Map<string, Kind[]>();
  for (const [kind, output] of Object.entries(read.rejects ?? {}) as [Kind, string][]) byOutput.set(output, [...(byOutput.get(output) ?? []), kind]);
  const rejects = Object.fromEntries([...byOutput.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([output, kinds]) => [output, kindsText(sortKinds(kinds))]));
  return {
    ...(read.typed ? { typed: true } : {}),
    ...(read.calls ? { calls: true } : {}),
    was: kindsText(read.was),
    ...(byOutput.size ? { rejects } : {}),
  };
}

/** Sorted keys of a path map, so the file reads in request order and diffs stay small. */
function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function block(name: string, record: Record<string, unknown>, toJson: (value: never) => Json, last: boolean): string[] {
  const entries = sortedEntries(record);
  if (entries.length === 0) return [`    ${JSON.stringify(name)}: {}${last ? "" : ","}`];
  return [
    `    ${JSON.stringify(name)}: {`,
    ...entries.map(([path, value], i) => `      ${JSON.stringify(path)}: ${JSON.stringify(toJson(value as never))}${i < entries.length - 1 ? "," : ""}`),
    `    }${last ? "" : ","}`,
  ];
}

/** The file's text: an entry per operation (sorted as regen sorts them), one line per path. */
export function formatOperationList(ops: readonly ToolOperation[]): string {
  const sorted = [...ops].sort(compareOperations);
  const entries = sorted.map((op) =>
    [
      "  {",
      `    "tool": ${JSON.stringify(op.tool)},`,
      `    "file": ${JSON.stringify(op.file)},`,
      `    "method": ${JSON.stringify(op.method)},`,
      `    "path": ${JSON.stringify(op.path)},`,
      ...block("sends", op.sends, sendsJson, false),
      ...block("builtOn", op.builtOn, (b: BuiltOn) => b as unknown as Json, false),
      ...block("reads", op.reads, readJson, false),
      ...block("around", Object.fromEntries(op.around.map((a) => [operationLabel(a), a.sends])), (sends: string[]) => sends, true),
      "  }",
    ].join("\n"),
  );
  return `[\n${entries.join(",\n")}\n]\n`;
}
