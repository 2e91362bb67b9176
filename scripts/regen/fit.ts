// Whether a LiteLLM document still fits each tool, judged against what spec/operations.json recorded of
// the manifest, not against the previous document: so the verdict is the compiler's and the server's even
// when the previous regen already broke something. A tool breaks when its request no longer fits (a path
// it sends is gone or closed, narrower than what it sends, or a newly required field it does not always
// send), when a chain of zod calls its input makes on a generated field no longer applies, when its output
// mapping names a path the typed answer lost, or when the answer may now hold a kind of value the mapping
// and the output check were recorded failing on. Each break is one sentence that says where it shows:
// the file `npm run typecheck` fails in, or, for what no type can show, what happens at run time and
// which output field to change.

import { isObject, type Json, type JsonObject } from "./json.ts";
import { kindsText, MAPPING_THROWS, OWN_ERROR, operationLabel, partOf, type AroundOperation, type OperationRef, type RequestPart, type Sent, type ToolOperation } from "./operations.ts";
import { answerSchema, hasOperation, releaseOf, requestSchemas, type SimplifyOptions } from "./request-schema.ts";
import { documentsShape, formatPath, isAny, isWithin, kindOfValue, kindsAt, kindsOf, members, memberValues, openValues, parsePath, resolve, sortKinds, type Kind } from "./schema-path.ts";
import { chainFailure, describeShape, fieldShape, parseChain, type ZodShape } from "./zod-chain.ts";

export type FitPart = RequestPart | "response" | "operation";

export interface Break {
  tool: string;
  part: FitPart;
  /** The path inside its part ("litellm_params.model", "metadata.total_api_keys"); "" for the whole part. */
  path: string;
  sentence: string;
}

const MARK_NULLABLE: SimplifyOptions = { markNullable: true };

/** The file the compiler fails in for a request path: src/litellm/streaming.ts adds what a streamed call sends. */
const STREAMING_FILE = "src/litellm/streaming.ts";

/** Where the compiler shows a break; an entry added by hand for a tool not written yet has no file. */
const typecheck = (file: string) => (file ? `\`npm run typecheck\` fails in ${file}.` : "no manifest entry calls it yet (the entry was added by hand).");

/** "body field litellm_params.model", "query parameter page", "its answer's field metadata.total_api_keys". */
export function fieldName(part: FitPart, path: string): string {
  if (part === "response") return path ? `its answer's field ${path}` : "its answer";
  if (part === "body") return path ? `body field ${path}` : "the request body";
  return `${part} parameter ${path}`;
}

/** Request paths as one tree { path, query, body }, each part closed when the document has none of it. */
function requestTree(doc: JsonObject, op: OperationRef, options: SimplifyOptions): JsonObject {
  const schemas = requestSchemas(doc, op, options);
  const empty = { type: "object", properties: {} };
  const properties: JsonObject = { path: schemas.path ?? empty, query: schemas.query ?? empty };
  if (schemas.body) properties.body = schemas.body;
  return { type: "object", properties };
}

/** The zod class generated/request-schemas.ts gives a request field; undefined when the document lacks it. */
export function generatedFieldShape(doc: JsonObject, op: OperationRef, path: string): ZodShape | undefined {
  const [part, field] = parsePath(path);
  if (!part || !field || !("prop" in part) || !("prop" in field)) return undefined;
  const schema = requestSchemas(doc, op)[part.prop as RequestPart];
  if (!isObject(schema) || !isObject(schema.properties) || !(field.prop in schema.properties)) return undefined;
  const required = Array.isArray(schema.required) && schema.required.includes(field.prop);
  return fieldShape(schema.properties[field.prop]!, required);
}

/** Splits "body.litellm_params.model" into its part and the rest. */
function split(path: string): { part: RequestPart; rest: string } {
  return { part: partOf(path), rest: formatPath(parsePath(path).slice(1)) };
}

function kindsAccept(accepted: readonly Kind[], kind: Kind): boolean {
  return accepted.includes(kind) || (kind === "integer" && accepted.includes("number"));
}

/** Of the values a tool sends, those no member of the schema takes. */
function refusedValues(schemas: readonly JsonObject[], values: readonly Json[]): Json[] {
  return values.filter(
    (value) =>
      !schemas.flatMap(members).some((member) => {
        const allowed = memberValues(member);
        if (allowed) return allowed.some((a) => JSON.stringify(a) === JSON.stringify(value));
        return kindsAccept(kindsOf(member), kindOfValue(value));
      }),
  );
}

/** Why a member's bounds refuse a value the tool sends ("at most 500"), or undefined when they take it. */
function outOfBounds(member: JsonObject, value: Json): string | undefined {
  const bound = (key: string) => (typeof member[key] === "number" ? (member[key] as number) : undefined);
  if (typeof value === "number") {
    const [min, max, over, under] = [bound("minimum"), bound("maximum"), bound("exclusiveMinimum"), bound("exclusiveMaximum")];
    if (max !== undefined && value > max) return `at most ${max}`;
    if (min !== undefined && value < min) return `at least ${min}`;
    if (under !== undefined && value >= under) return `less than ${under}`;
    if (over !== undefined && value <= over) return `more than ${over}`;
  }
  if (typeof value === "string") {
    const [min, max] = [bound("minLength"), bound("maxLength")];
    if (max !== undefined && value.length > max) return `at most ${max} characters`;
    if (min !== undefined && value.length < min) return `at least ${min} characters`;
    if (typeof member.pattern === "string" && !new RegExp(member.pattern, "u").test(value)) return `only text matching ${member.pattern}`;
  }
  return undefined;
}

/** Whether every member taking a kind of value names its values (an enum), so "any string" no longer fits. */
function enumOnly(schemas: readonly JsonObject[], kind: Kind): Json[] | undefined {
  const taking = schemas.flatMap(members).filter((m) => isAny(m) || kindsOf(m).some((k) => k === kind || (kind === "integer" && k === "number")));
  if (!taking.length || taking.some((m) => !memberValues(m))) return undefined;
  return taking.flatMap((m) => memberValues(m)!);
}

function show(values: readonly Json[]): string {
  return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
}

interface Context {
  op: ToolOperation;
  doc: JsonObject;
  previous?: JsonObject;
  breaks: Break[];
}

function add(context: Context, part: FitPart, path: string, sentence: string): void {
  context.breaks.push({ tool: context.op.tool, part, path, sentence: `${context.op.tool}: ${sentence}` });
}

/** "is gone" when the previous document had it, "LiteLLM v has no" when it never did. */
function goneOrNever(context: Context, tree: (doc: JsonObject) => JsonObject, path: string, name: string): string {
  const before = context.previous ? resolve(tree(context.previous), path) : undefined;
  return before && before.schemas.length ? `${name} is gone` : `LiteLLM ${releaseOf(context.doc)} has no ${name}`;
}

function checkSends(context: Context): void {
  const { op, doc } = context;
  const tree = (d: JsonObject) => requestTree(d, op, MARK_NULLABLE);
  const now = tree(doc);
  const failed: string[] = [];
  const paths = Object.keys(op.sends).sort();
  // Values that follow a generated field have whatever type LiteLLM gives it (in the input and in the request).
  const following = paths.filter((p) => op.sends[p]!.follows);
  for (const path of paths) {
    if (failed.some((f) => isWithin(path, f))) continue;
    const sent = op.sends[path]!;
    const found = resolve(now, path);
    const follows = following.some((f) => isWithin(path, f));
    // Inside a value that follows its field, what the field no longer declares zod no longer takes either.
    if (follows && !found.schemas.length && following.some((f) => f !== path && isWithin(path, f))) continue;
    const file = sent.when === "streaming" ? STREAMING_FILE : op.file;
    const how = sent.when === "streaming" ? "the tool sends it when it streams (src/litellm/streaming.ts adds it)" : "the tool sends it";
    if (!found.schemas.length) {
      const at = found.undeclaredAt!;
      failed.push(at);
      const where = split(at);
      const last = parsePath(at).pop();
      if (at === "body") {
        const fields = paths.filter((p) => parsePath(p).length === 2 && p.startsWith("body.")).map((p) => split(p).rest);
        add(context, "body", "", `LiteLLM ${releaseOf(doc)} declares no request body, and the tool sends ${fields.join(", ")} in one: ${typecheck(op.file)}`);
      } else if (last && "value" in last) {
        const map = formatPath(parsePath(where.rest).slice(0, -1));
        add(context, where.part, map, `${fieldName(where.part, map)} takes no fields of other names (a closed object in LiteLLM ${releaseOf(doc)}), and the tool sends fields of the caller's choosing in it: ${typecheck(file)}`);
      } else {
        add(context, where.part, where.rest, `${goneOrNever(context, tree, at, fieldName(where.part, where.rest))}, and ${isWithin(path, at) && path !== at ? "the tool sends fields in it" : how}: ${typecheck(file)}`);
      }
      continue;
    }
    if (!follows) checkSentValues(context, path, sent, found.schemas, file);
    if (sent.kinds.includes("object")) checkRequired(context, path, found.schemas, file);
  }
}

function checkSentValues(context: Context, path: string, sent: Sent, schemas: JsonObject[], file: string): void {
  const { part, rest } = split(path);
  const accepted = sortKinds(schemas.flatMap(kindsOf));
  const refusedKinds = sent.kinds.filter((k) => k !== "null" && !kindsAccept(accepted, k));
  const where = fieldName(part, rest);
  const v = releaseOf(context.doc);
  if (refusedKinds.length) {
    add(context, part, rest, `${where} takes ${kindsText(accepted.filter((k) => k !== "null"))} in LiteLLM ${v}, and the tool sends ${kindsText(sent.kinds.filter((k) => k !== "null"))}: ${typecheck(file)}`);
    return;
  }
  if (sent.values) {
    const refused = refusedValues(schemas, sent.values);
    if (refused.length) {
      add(context, part, rest, `${where} does not allow ${show(refused)} in LiteLLM ${v}, and the tool sends ${refused.length > 1 ? "them" : "it"}: ${typecheck(file)}`);
      return;
    }
    // Bounds are no type's business: a constant beyond a new maximum fails only when LiteLLM checks it.
    for (const value of sent.values) {
      const reasons = schemas.flatMap(members).map((m) => outOfBounds(m, value));
      if (reasons.every((r) => r !== undefined)) {
        add(context, part, rest, `${where} takes ${reasons[0]} in LiteLLM ${v}, and the tool sends ${show([value])}${sent.when === "always" ? " on every call" : ""}; no type shows it, but at run time LiteLLM refuses such a request. Change what the tool sends in ${file}.`);
        return;
      }
    }
    return;
  }
  for (const kind of sent.kinds) {
    const only = enumOnly(schemas, kind);
    if (only) {
      add(context, part, rest, `${where} allows only ${show(only)} in LiteLLM ${v}, and the tool sends any ${kind}: ${typecheck(file)}`);
      return;
    }
  }
}

/** A field an object requires must be one the tool sends whenever it sends the object. */
function checkRequired(context: Context, path: string, schemas: JsonObject[], file: string): void {
  const objects = schemas.flatMap(members).filter((m) => isObject(m.properties) || m.type === "object");
  if (!objects.length) return;
  const children = (when: (s: Sent) => boolean) =>
    new Set(
      Object.entries(context.op.sends)
        .filter(([p, s]) => when(s) && parentOf(p) === path)
        .map(([p]) => (parsePath(p).pop() as { prop: string }).prop),
    );
  const always = children((s) => s.when === "always");
  const ever = children(() => true);
  const unmet = objects.map((m) => (Array.isArray(m.required) ? m.required.map(String) : []).filter((name) => !always.has(name)));
  if (unmet.some((names) => names.length === 0)) return;
  const { part, rest } = split(path);
  for (const name of [...new Set(unmet.flat())].sort()) {
    const child = rest ? `${rest}.${name}` : name;
    add(context, part, child, `LiteLLM ${releaseOf(context.doc)} requires ${fieldName(part, child)}, which the tool ${ever.has(name) ? "does not always send" : "never sends"}: ${typecheck(file)}`);
  }
}

function parentOf(path: string): string {
  const segments = parsePath(path);
  const last = segments[segments.length - 1];
  return last && "prop" in last ? formatPath(segments.slice(0, -1)) : "";
}

function checkBuiltOn(context: Context): void {
  const { op, doc } = context;
  for (const [path, built] of Object.entries(op.builtOn).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { part, rest } = split(path);
    // A gone field the tool sends is said once, by the sends check.
    if (context.breaks.some((b) => b.part === part && isWithin(rest, b.path))) continue;
    const shape = generatedFieldShape(doc, op, path);
    const where = fieldName(part, rest);
    if (!shape) {
      const tree = (d: JsonObject) => requestTree(d, op, MARK_NULLABLE);
      add(context, part, rest, `${goneOrNever(context, tree, path, where)}, and the tool's input is built on it (that argument now refuses every value): ${typecheck(op.file)}`);
      continue;
    }
    for (const use of built.uses) {
      const failure = chainFailure(shape, parseChain(use));
      if (!failure) continue;
      const extract = /^(extract|exclude)\(/.test(failure.step) && failure.why.startsWith("the enum no longer has");
      add(
        context,
        part,
        rest,
        extract
          ? `${where} ${failure.why.replace("the enum no longer has", "no longer allows")}, which the tool's input offers (${failure.step}): ${typecheck(op.file)}`
          : `the tool's input is built on ${where}, now a${/^[aeiou]/.test(describeShape(shape)) ? "n" : ""} ${describeShape(shape)} (was ${built.was}), on which ${failure.step} no longer applies: ${typecheck(op.file)}`,
      );
      break;
    }
  }
}

/**
 * Whether a typed read `data.a.b` still compiles: every (non-null) member on the way must declare each
 * step. Gives the first path that fails and why: "gone" (some member lacks it) or "untyped" (LiteLLM
 * declares no shape there, which openapi-typescript types as `unknown`).
 */
function typedReadFails(answer: Json, path: string): { at: string; why: "gone" | "untyped" } | undefined {
  let current: JsonObject[] = [isObject(answer) ? answer : {}];
  const segments = parsePath(path);
  for (const [i, segment] of segments.entries()) {
    const next: JsonObject[] = [];
    const at = formatPath(segments.slice(0, i));
    for (const member of current.flatMap(members)) {
      if (member.type === "null") continue;
      if (isAny(member)) return { at, why: "untyped" };
      let child: Json | undefined;
      if ("prop" in segment) child = isObject(member.properties) && segment.prop in member.properties ? member.properties[segment.prop] : openValues(member);
      else if ("item" in segment) child = kindsOf(member).includes("array") ? (member.items ?? {}) : undefined;
      else child = openValues(member);
      if (child === undefined) return { at: formatPath(segments.slice(0, i + 1)), why: "gone" };
      next.push(isObject(child) ? child : {});
    }
    current = next;
  }
  return undefined;
}

/** "null or left out", "a string", "any value": what a path may now hold, in words. */
function kindWords(kinds: readonly Kind[]): string {
  const values: readonly Kind[] = kinds.filter((k) => k !== "absent" && k !== "null");
  const anyValue = (["string", "number", "boolean", "array", "object"] as const).every((k) => values.includes(k));
  const words = [
    ...(anyValue ? ["any value"] : values.map((k) => `a${/^[aeiou]/.test(k) ? "n" : ""} ${k}`)),
    ...(kinds.includes("null") && !anyValue ? ["null"] : []),
    ...(kinds.includes("absent") ? ["left out"] : []),
  ];
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}` : words.join("");
}

function checkReads(context: Context): void {
  const { op, doc } = context;
  const answer = answerSchema(doc, op, MARK_NULLABLE);
  const failed: string[] = [];
  const v = releaseOf(doc);
  const typed = Object.keys(op.reads).filter((path) => op.reads[path]!.typed);
  if (typed.length && typedReadFails(answer, typed[0]!)?.at === "" && isAny(answer)) {
    // The whole answer is untyped now: one sentence for every name the mapping reads on it.
    const names = typed.filter((p) => parsePath(p).length === 1);
    add(context, "response", "", `LiteLLM ${v} no longer declares its answer, and the tool reads ${names.join(", ")} from it by name: ${typecheck(op.file)}`);
    failed.push("");
  }
  for (const [path, read] of Object.entries(op.reads).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (failed.some((f) => isWithin(path, f))) continue;
    if (read.typed) {
      const fails = typedReadFails(answer, path);
      if (fails) {
        failed.push(fails.at);
        const before = context.previous && hasOperation(context.previous, op) ? typedReadFails(answerSchema(context.previous, op, MARK_NULLABLE), path) : undefined;
        const gone = before?.at === fails.at && before.why === "gone" ? `its answer has no field ${fails.at}` : `its answer's field ${fails.at} is gone`;
        const what = fails.why === "gone" ? gone : `its answer's field ${fails.at} has no declared shape (any value)`;
        const reads = fails.at === path ? "the tool reads it by name" : `the tool reads ${path} by name`;
        add(context, "response", fails.at, `${what} in LiteLLM ${v}, and ${reads}: ${typecheck(op.file)}`);
        continue;
      }
    }
    if (!documentsShape(answer)) continue;
    const now = kindsAt(answer, path);
    const kinds = now.length ? now : (["absent"] as Kind[]);
    const fresh = kinds.filter((k) => !read.was.includes(k) && !(k === "integer" && read.was.includes("number")));
    if (read.typed && read.calls) {
      const values = fresh.filter((k) => k !== "null" && k !== "absent");
      if (values.length) {
        failed.push(path);
        add(context, "response", path, `its answer's field ${path} may be ${kindWords(values)} in LiteLLM ${v} (was ${kindsText(read.was)}), and the tool calls a method on it: ${typecheck(op.file)}`);
        continue;
      }
    }
    const byOutcome = new Map<string, Kind[]>();
    for (const kind of fresh) {
      const rejected = read.rejects?.[kind];
      if (rejected !== undefined) byOutcome.set(rejected, [...(byOutcome.get(rejected) ?? []), kind]);
    }
    // A path that may hold anything now is said so, not kind by kind.
    const anything = ["string", "integer", "number", "boolean", "array", "object"].every((k) => kinds.includes(k as Kind));
    for (const [outcome, which] of byOutcome) {
      const field = `its answer's field ${path}`;
      const may = `${field} may be ${anything && which.some((k) => k !== "null" && k !== "absent") ? "any value" : kindWords(which)} in LiteLLM ${v} (was ${kindsText(read.was)})`;
      if (outcome === MAPPING_THROWS && read.typed && which.every((k) => k === "null" || k === "absent")) {
        add(context, "response", path, `${may}, and the tool uses it without a check: ${typecheck(op.file)}`);
      } else if (outcome === MAPPING_THROWS) {
        add(context, "response", path, `${may}; no type shows it, but at run time the output mapping in ${op.file} throws on such an answer and the tool reports it as malformed. Handle that value in the mapping.`);
      } else if (outcome === OWN_ERROR) {
        add(context, "response", path, `${may}; no type shows it, but at run time the tool refuses such an answer with its own error. Handle that value in ${op.file}.`);
      } else {
        const fix = which.every((k) => k === "null" || k === "absent") ? "nullable" : anything ? "take any value" : `take ${kindWords(which.filter((k) => k !== "absent"))}`;
        add(context, "response", path, `${may}; no type shows it, but at run time such an answer fails the tool's output check, so the tool answers with an error. To accept it, make output field ${outcome} in ${op.file} ${fix}.`);
      }
    }
  }
}

/** The operations the tool calls around its own (reads of LiteLLM's state, undos) that the document lacks. */
export function aroundGone(doc: JsonObject, op: ToolOperation): OperationRef[] {
  return op.around.filter((around) => !hasOperation(doc, around));
}

/** Every way the document breaks the tool, in order: its operation, request, input, answer, the calls around it. */
export function fitOf(doc: JsonObject, op: ToolOperation, previous?: JsonObject): Break[] {
  const context: Context = { op, doc, ...(previous ? { previous } : {}), breaks: [] };
  const gone = (missing: OperationRef) =>
    hasOperation(previous, missing) ? `${operationLabel(missing)} is gone from LiteLLM ${releaseOf(doc)}` : `LiteLLM ${releaseOf(doc)} has no ${operationLabel(missing)}`;
  if (!hasOperation(doc, op)) {
    add(context, "operation", "", `${gone(op)}: ${typecheck(op.file)}`);
  } else {
    checkSends(context);
    checkBuiltOn(context);
    checkReads(context);
  }
  // Its entry's reads and undos are typed by the same document: the compiler fails where they are made.
  const where = "`npm run typecheck` fails where it is called.";
  for (const missing of aroundGone(doc, op)) add(context, "operation", "", `${gone(missing)}, and the tool calls it around its own (its entry's around.calls): ${where}`);
  for (const around of op.around.filter((a) => hasOperation(doc, a))) {
    for (const refused of refusedAroundSends(doc, around)) {
      add(context, "operation", "", `${operationLabel(around)}, which the tool calls around its own, takes no ${refused} in LiteLLM ${releaseOf(doc)}, and the tool sends it: ${where}`);
    }
  }
  return context.breaks;
}

/** What the tool sends an operation it calls around its own that the document's request no longer has a field for. */
function refusedAroundSends(doc: JsonObject, around: AroundOperation): string[] {
  const schemas = requestSchemas(doc, around, MARK_NULLABLE);
  return around.sends.flatMap((sent) => {
    const [part, field] = [partOf(sent), sent.slice(sent.indexOf(".") + 1)];
    const schema = schemas[part];
    if (part === "body" && sent === "body") return schema ? [] : ["request body"];
    // A body LiteLLM declares as an open object takes any field.
    if (part === "body" && isObject(schema) && !isObject(schema.properties)) return [];
    const fields = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
    return field in fields ? [] : [fieldName(part, field)];
  });
}
