// The drift report: what changed between the pruned spec regen last wrote and the one it is about to
// write, operation by operation and path by path, marked where it touches what a tool sends, builds its
// input on or reads (spec/operations.json); and, from scripts/regen/fit.ts, which tools the new document
// breaks, judged against the manifest's record rather than the previous document. Pure, so tests feed it
// small hand-made documents.

import { aroundGone, fitOf, type Break } from "./fit.ts";
import { isObject, type Json, type JsonObject } from "./json.ts";
import { REQUEST_PARTS, type OperationRef, type RequestPart, type ToolOperation } from "./operations.ts";
import { answerSchema, hasOperation, releaseOf, requestSchemas, type SimplifyOptions } from "./request-schema.ts";
import { changesInside, isNullable, shape, typeName, type Note } from "./schema-diff.ts";
import { isWithin, parsePath, type Kind } from "./schema-path.ts";

export { typeName };

export type DriftPart = RequestPart | "response";

export interface DriftNote {
  text: string;
  /** The path it is about, from the part's root ("litellm_params.annotation_cost_per_page"). */
  path: string;
  /** A tool sends, builds on or reads this path (or something in it): printed first, never cut off. */
  touches: boolean;
  /** A break lies at this path. */
  breaks: boolean;
}

export interface DriftChange {
  part: DriftPart;
  /** The field's path from the part's root; "" for the whole part ("no longer declared"). */
  path: string;
  /**
   * What the table shows: "+agent_id", "-user_id", "team_id:required", "key:optional,nullable",
   * "max_budget:number→string", "~object_permission" (with notes), "no longer declared", and "=x" for a
   * path that did not change but breaks a tool all the same.
   */
  token: string;
  /** What changed inside the field, for a "~x" token. */
  notes?: DriftNote[];
  /** A path some tool uses, or a change that breaks one: listed apart from the rest. */
  affectsTools: boolean;
  /** The sentences of the breaks at or inside this field; empty when none. */
  breaking: string[];
}

export type OperationStatus = "new" | "removed" | "missing" | "changed" | "unchanged";

export interface OperationDrift {
  op: ToolOperation;
  status: OperationStatus;
  changes: DriftChange[];
  /** Every way the new document breaks this tool (scripts/regen/fit.ts). */
  breaks: Break[];
  /** Operations the tool calls around its own that the new document lacks. */
  aroundGone: OperationRef[];
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

const MARK_NULLABLE: SimplifyOptions = { markNullable: true };

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

function fieldsOf(schema: Json | undefined): Fields {
  const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const required = isObject(schema) && Array.isArray(schema.required) ? schema.required.map(String) : [];
  return { props, required: new Set(required) };
}

function declaresFields(schema: Json | undefined): boolean {
  return Object.keys(fieldsOf(schema).props).length > 0;
}

/** A path the tool uses in a part, and whether it takes the value there whole (nothing below it recorded). */
interface Use {
  path: string;
  whole: boolean;
}

/** What a tool uses of one part of its request or answer, as paths from the part's root. */
function usesOf(op: ToolOperation, part: DriftPart): Use[] {
  const paths: { path: string; leaf: boolean }[] = [];
  if (part === "response") {
    for (const [path, read] of Object.entries(op.reads)) paths.push({ path, leaf: !read.was.some((k: Kind) => k === "object" || k === "array") });
  } else {
    for (const [path, sent] of Object.entries(op.sends)) {
      const [first, ...rest] = parsePath(path);
      if (first && "prop" in first && first.prop === part) paths.push({ path: path.slice(part.length + 1), leaf: !sent.kinds.some((k) => k === "object" || k === "array") || rest.length === 0 });
    }
    for (const path of Object.keys(op.builtOn)) if (path.startsWith(`${part}.`)) paths.push({ path: path.slice(part.length + 1), leaf: false });
  }
  return paths.map(({ path, leaf }) => ({ path, whole: !leaf && !paths.some((other) => other.path !== path && isWithin(other.path, path)) }));
}

/** Whether a change at `path` touches what the tool uses: that path, something in it, or a value it takes whole. */
function touches(uses: readonly Use[], path: string): boolean {
  return uses.some((use) => use.path === path || isWithin(use.path, path) || (use.whole && isWithin(path, use.path)));
}

/** "x" plus a note's relative path: "[].a" → "x[].a", "a" → "x.a", "" → "x". */
function joinPath(field: string, relative: string): string {
  if (!relative) return field;
  if (!field) return relative;
  return /^[[{]/.test(relative) ? `${field}${relative}` : `${field}.${relative}`;
}

function change(part: DriftPart, path: string, token: string, uses: readonly Use[], notes?: Note[]): DriftChange {
  const driftNotes = notes?.map((n) => {
    const full = joinPath(path, n.path);
    return { text: n.text, path: full, touches: touches(uses, full), breaks: false };
  });
  const touched = driftNotes ? driftNotes.some((n) => n.touches) : touches(uses, path);
  return { part, path, token, ...(driftNotes ? { notes: driftNotes } : {}), affectsTools: touched, breaking: [] };
}

/** A field in both documents: its required-ness (requests only), nullability, type, and what is inside. */
function compareField(part: DriftPart, name: string, before: Fields, after: Fields, uses: readonly Use[]): DriftChange[] {
  const [a, b] = [before.props[name]!, after.props[name]!];
  const aspects: string[] = [];
  if (before.required.has(name) !== after.required.has(name)) aspects.push(after.required.has(name) ? "required" : "optional");
  if (isNullable(a) !== isNullable(b)) aspects.push(isNullable(b) ? "nullable" : "non-null");
  const [ta, tb] = [typeName(a), typeName(b)];
  if (ta !== tb) aspects.push(`${ta}→${tb}`);
  const changes = aspects.length ? [change(part, name, `${name}:${aspects.join(",")}`, uses)] : [];
  const inside = ta === tb && shape(a, { topNullable: false }) !== shape(b, { topNullable: false }) ? changesInside(a, b) : [];
  if (inside.length) changes.push(change(part, name, `~${name}`, uses, inside));
  return changes;
}

function compareFields(part: DriftPart, before: Fields, after: Fields, uses: readonly Use[]): DriftChange[] {
  const names = [...new Set([...Object.keys(before.props), ...Object.keys(after.props)])].sort();
  return names.flatMap((name) => {
    if (!(name in before.props)) return [change(part, name, `+${name}${part !== "response" && after.required.has(name) ? ":required" : ""}`, uses)];
    if (!(name in after.props)) return [change(part, name, `-${name}`, uses)];
    return compareField(part, name, before, after, uses);
  });
}

/** A request body or an answer that stops (or starts) being declared is one change, not one per field. */
function compareWhole(part: DriftPart, before: Json | undefined, after: Json | undefined, uses: readonly Use[]): DriftChange[] {
  const [was, is] = [declaresFields(before), declaresFields(after)];
  const used = uses.length > 0;
  if (was && !is) return [{ part, path: "", token: "no longer declared", affectsTools: used, breaking: [] }];
  if (!was && is) return [{ part, path: "", token: "declared now", affectsTools: used, breaking: [] }];
  if (was && is) return compareFields(part, fieldsOf(before), fieldsOf(after), uses);
  const inside = shape(before ?? {}) === shape(after ?? {}) ? [] : changesInside(before ?? {}, after ?? {});
  return inside.length ? [change(part, "", "~schema", uses, inside)] : [];
}

function compareOperation(previous: JsonObject, next: JsonObject, op: ToolOperation): DriftChange[] {
  const [before, after] = [requestSchemas(previous, op, MARK_NULLABLE), requestSchemas(next, op, MARK_NULLABLE)];
  const changes = REQUEST_PARTS.flatMap((part) =>
    part === "body" ? compareWhole("body", before.body, after.body, usesOf(op, "body")) : compareFields(part, fieldsOf(before[part]), fieldsOf(after[part]), usesOf(op, part)),
  );
  return [...changes, ...compareWhole("response", answerSchema(previous, op, MARK_NULLABLE), answerSchema(next, op, MARK_NULLABLE), usesOf(op, "response"))];
}

/** Hangs each break on the change it comes from; a break with none gets a "=path" change of its own. */
function attach(changes: DriftChange[], breaks: readonly Break[]): DriftChange[] {
  const out = [...changes];
  for (const broken of breaks) {
    if (broken.part === "operation") continue;
    const related = out.filter((c) => c.part === broken.part && (isWithin(broken.path, c.path) || isWithin(c.path, broken.path)));
    if (related.length === 0) {
      out.push({ part: broken.part, path: broken.path, token: `=${broken.path || "(all of it)"}`, affectsTools: true, breaking: [broken.sentence] });
      continue;
    }
    for (const c of related) {
      c.breaking.push(broken.sentence);
      c.affectsTools = true;
      for (const note of c.notes ?? []) if (isWithin(broken.path, note.path) || isWithin(note.path, broken.path)) note.breaks = note.touches = true;
    }
  }
  return out;
}

function driftOf(previous: JsonObject | undefined, next: JsonObject, op: ToolOperation): OperationDrift {
  const [was, is] = [previous !== undefined && hasOperation(previous, op), hasOperation(next, op)];
  const breaks = fitOf(next, op, previous);
  const gone = aroundGone(next, op);
  if (!is) return { op, status: was ? "removed" : "missing", changes: [], breaks, aroundGone: gone };
  if (!was) return { op, status: "new", changes: attach([], breaks), breaks, aroundGone: gone };
  const changes = attach(compareOperation(previous!, next, op), breaks);
  return { op, status: changes.length || gone.length ? "changed" : "unchanged", changes, breaks, aroundGone: gone };
}

/** What changed between the previous pruned spec (undefined on a first regen) and the next, per listed operation. */
export function compareSpecs(previous: JsonObject | undefined, next: JsonObject, operations: readonly ToolOperation[]): DriftReport {
  const drifts = operations.map((op) => driftOf(previous, next, op)).sort((x, y) => (x.op.tool < y.op.tool ? -1 : 1));
  const breaking = drifts.flatMap((d) => d.breaks.map((b) => b.sentence));
  const to = releaseOf(next);
  if (!previous) return { to, operations: drifts, breaking };
  const from = releaseOf(previous);
  const moved = direction(from, to);
  return { from, to, ...(moved ? { direction: moved } : {}), operations: drifts, breaking };
}
