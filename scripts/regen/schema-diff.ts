// How two versions of one field's schema differ, in words short enough for the drift report: its type
// name, whether it may be null, and notes for what changed inside it ("+skills", "[].cache_control.ttl",
// "maximum 100→1000"), each with the path it is about, so the report can tell the ones a tool uses.
// Works on schemas simplifySchema made with { markNullable: true }.

import { isObject, type Json, type JsonObject } from "./json.ts";
import { NULLABLE_MARK } from "./request-schema.ts";

/** At most this many notes per field about paths no tool uses; the rest are counted. */
export const NOTE_LIMIT = 4;

/** One thing that changed inside a field: its words, and the path (relative to the field) it is about. */
export interface Note {
  text: string;
  path: string;
}

/** Keys with notes of their own (or none: prose), not "<key> a→b". */
const STRUCTURE_KEYS = new Set(["description", "type", "properties", "required", "items", "additionalProperties", "anyOf", "oneOf", "enum", NULLABLE_MARK]);

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

export function isNullable(schema: Json): boolean {
  return isObject(schema) && schema[NULLABLE_MARK] === true;
}

/** The schema without prose (and, at the top, without its nullable mark), so rewording is not a change. */
export function shape(schema: Json, { topNullable = true } = {}): string {
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
  const stripped = strip(schema);
  if (!topNullable && isObject(stripped)) delete stripped[NULLABLE_MARK];
  return JSON.stringify(stripped);
}

function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** "messages[] " before a note about that path; nothing before a note about the field itself. */
function at(path: string): string {
  return path ? `${path} ` : "";
}

/** "key:required", or just "required" for the field itself. */
function tag(path: string, what: string): string {
  return path ? `${path}:${what}` : what;
}

function brief(value: Json | undefined): string {
  if (value === undefined) return "none";
  return isObject(value) || Array.isArray(value) ? "a schema" : JSON.stringify(value);
}

/**
 * What a map's values may be, per additionalProperties: `true` anything, absent or false nothing. JSON
 * Schema reads an absent one as anything, but openapi-typescript reads it as a closed object (an object
 * with no properties becomes Record<string, never>), and that is what the manifest compiles against.
 */
function valuesType(value: Json | undefined): string {
  if (value === true) return "any";
  if (value === undefined || value === false) return "none";
  return typeName(value);
}

function requiredSet(schema: JsonObject): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
}

function compareProperties(a: JsonObject, b: JsonObject, path: string, notes: Note[]): void {
  const [pa, pb] = [isObject(a.properties) ? a.properties : {}, isObject(b.properties) ? b.properties : {}];
  const [ra, rb] = [requiredSet(a), requiredSet(b)];
  for (const name of [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort()) {
    const where = child(path, name);
    if (!(name in pa)) notes.push({ text: `+${where}${rb.has(name) ? ":required" : ""}`, path: where });
    else if (!(name in pb)) notes.push({ text: `-${where}`, path: where });
    else {
      if (ra.has(name) !== rb.has(name)) notes.push({ text: tag(where, rb.has(name) ? "required" : "optional"), path: where });
      collect(pa[name]!, pb[name]!, where, notes);
    }
  }
}

/** Pairs union members: equal ones drop out; the rest pair by the most property names in common. */
function compareUnion(a: Json[], b: Json[], path: string, notes: Note[]): void {
  const left = a.filter((x) => !b.some((y) => shape(y) === shape(x)));
  const right = b.filter((y) => !a.some((x) => shape(x) === shape(y)));
  const names = (s: Json) => new Set(isObject(s) && isObject(s.properties) ? Object.keys(s.properties) : []);
  const overlap = (x: Json, y: Json) => {
    const [nx, ny] = [names(x), names(y)];
    return (typeName(x) === typeName(y) ? 1 : 0) + [...nx].filter((n) => ny.has(n)).length;
  };
  const unpaired = [...right];
  let removed = 0;
  for (const x of left) {
    const scored = unpaired.map((y, i) => [overlap(x, y), i] as const).sort((p, q) => q[0] - p[0]);
    const best = scored[0];
    if (best && best[0] > 0) {
      collect(x, unpaired[best[1]]!, path, notes);
      unpaired.splice(best[1], 1);
    } else removed += 1;
  }
  if (unpaired.length) notes.push({ text: `${at(path)}+${unpaired.length} variant${unpaired.length > 1 ? "s" : ""}`, path });
  if (removed) notes.push({ text: `${at(path)}-${removed} variant${removed > 1 ? "s" : ""}`, path });
}

function collect(a: Json, b: Json, path: string, notes: Note[]): void {
  if (shape(a) === shape(b)) return;
  if (!isObject(a) || !isObject(b)) {
    notes.push({ text: tag(path, "changed"), path });
    return;
  }
  const [ta, tb] = [typeName(a), typeName(b)];
  if (ta !== tb) {
    notes.push({ text: tag(path, `${ta}→${tb}`), path });
    return;
  }
  if (isNullable(a) !== isNullable(b)) notes.push({ text: tag(path, isNullable(b) ? "nullable" : "non-null"), path });
  compareProperties(a, b, path, notes);
  if (a.items !== undefined || b.items !== undefined) collect(a.items ?? {}, b.items ?? {}, `${path}[]`, notes);
  if (isObject(a.additionalProperties) && isObject(b.additionalProperties)) collect(a.additionalProperties, b.additionalProperties, `${path}{}`, notes);
  else if (valuesType(a.additionalProperties) !== valuesType(b.additionalProperties)) {
    notes.push({ text: `${path}{}:${valuesType(a.additionalProperties)}→${valuesType(b.additionalProperties)}`, path: `${path}{}` });
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const [ua, ub] = [a[key], b[key]];
    if (Array.isArray(ua) && Array.isArray(ub)) compareUnion(ua, ub, path, notes);
    else if (shape(ua ?? null) !== shape(ub ?? null)) notes.push({ text: `${at(path)}${key} changed`, path });
  }
  const enumNote = enumChange(a, b);
  if (enumNote) notes.push({ text: `${at(path)}${enumNote}`, path });
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (STRUCTURE_KEYS.has(key) || shape(a[key] ?? null) === shape(b[key] ?? null)) continue;
    notes.push({ text: `${at(path)}${key} ${brief(a[key])}→${brief(b[key])}`, path });
  }
}

/**
 * "enum +c -b" when both versions list values; an enum that goes away is a widening (any value of its
 * type is allowed now), and one that appears a narrowing to the values it lists, so neither is shown
 * as if every value had been removed or added one by one.
 */
function enumChange(a: JsonObject, b: JsonObject): string | undefined {
  const [ea, eb] = [Array.isArray(a.enum) ? a.enum.map(String) : undefined, Array.isArray(b.enum) ? b.enum.map(String) : undefined];
  if (ea && !eb) return "enum dropped (any value)";
  if (!ea && eb) return `enum only ${eb.join("|")}`;
  if (!ea || !eb) return undefined;
  const values = [...eb.filter((v) => !ea.includes(v)).map((v) => `+${v}`), ...ea.filter((v) => !eb.includes(v)).map((v) => `-${v}`)];
  return values.length ? `enum ${values.join(" ")}` : undefined;
}

/**
 * What changed inside a field whose type name stayed the same, as notes with paths relative to the field
 * ("." between properties, "[]" for array items, "{}" for map values; union members are matched up, so
 * their paths do not say which member). Its own nullability is left out: the report says that apart.
 */
export function changesInside(before: Json, after: Json): Note[] {
  const notes: Note[] = [];
  const strip = (s: Json) => (isObject(s) ? Object.fromEntries(Object.entries(s).filter(([k]) => k !== NULLABLE_MARK)) : s);
  collect(strip(before), strip(after), "", notes);
  return [...new Map(notes.map((n) => [n.text, n])).values()];
}

/**
 * "+a, +b, c:string→integer, … 3 more": the notes for a `~field(...)` token. Notes about paths a tool
 * uses (`kept`) all come first and are never counted away; at most NOTE_LIMIT of the others follow.
 */
export function noteList(notes: readonly string[], kept: readonly string[] = []): string {
  const shown = notes.slice(0, NOTE_LIMIT);
  const rest = notes.length > NOTE_LIMIT ? [...shown, `… ${notes.length - NOTE_LIMIT} more`] : shown;
  return [...kept, ...rest].join(", ");
}
