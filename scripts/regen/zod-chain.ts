// A tool's input is built on generated zod fields: `litellm.user_role.unwrap().extract([...]).optional()`.
// Whether such a chain of calls still compiles (and still runs: a method the new schema lacks is a
// TypeError at start-up) depends only on the zod class each step returns, which follows from LiteLLM's
// schema for the field. This models the part of zod's API the manifest uses, so the drift report can say
// exactly which chains a new document breaks, and regen knows which fields need a lenient stand-in.

import { isObject, type Json, type JsonObject } from "./json.ts";
import { isAny, members, memberValues } from "./schema-path.ts";

/** The zod class json-schema-to-zod makes for a (simplified) schema, as far as the methods go. */
export type ZodShape =
  | { kind: "optional"; inner: ZodShape }
  | { kind: "enum"; values: string[] }
  | { kind: "array"; element: ZodShape }
  | { kind: "string" | "number" | "boolean" | "object" | "record" | "union" | "literal" | "any" | "null" };

const COMMON = new Set(["optional", "nullable", "nullish", "describe", "meta", "refine", "superRefine", "transform", "default", "catch", "pipe", "array", "or", "and", "brand", "readonly", "check", "overwrite"]);
const METHODS: Record<string, Set<string>> = {
  string: new Set(["min", "max", "length", "regex", "email", "url", "uuid", "trim", "toLowerCase", "toUpperCase", "startsWith", "endsWith", "includes", "nonempty", "datetime", "date"]),
  number: new Set(["min", "max", "int", "positive", "negative", "nonnegative", "nonpositive", "gt", "gte", "lt", "lte", "multipleOf", "step", "finite", "safe"]),
  array: new Set(["min", "max", "length", "nonempty", "unwrap"]),
  enum: new Set(["extract", "exclude"]),
  optional: new Set(["unwrap"]),
  object: new Set(["extend", "pick", "omit", "partial", "required", "strict", "passthrough", "catchall", "keyof"]),
};

/** The shape of a field of a request part: optional unless the part requires it. */
export function fieldShape(schema: Json, required: boolean): ZodShape {
  const shape = shapeOf(schema);
  return required ? shape : { kind: "optional", inner: shape };
}

export function shapeOf(schema: Json): ZodShape {
  if (!isObject(schema) || isAny(schema)) return { kind: "any" };
  const all = members(schema).filter((m) => m.type !== "null");
  if (all.length !== 1) return all.length === 0 ? { kind: "null" } : { kind: "union" };
  const member = all[0] as JsonObject;
  const values = memberValues(member);
  if (member.const !== undefined || values?.length === 1) return { kind: "literal" };
  if (values) return values.every((v) => typeof v === "string") ? { kind: "enum", values: values as string[] } : { kind: "union" };
  const type = member.type;
  if (type === "string") return { kind: "string" };
  if (type === "integer" || type === "number") return { kind: "number" };
  if (type === "boolean") return { kind: "boolean" };
  if (type === "array") return { kind: "array", element: shapeOf(member.items ?? {}) };
  if (type === "object" || isObject(member.properties) || member.additionalProperties !== undefined) return { kind: isObject(member.properties) ? "object" : "record" };
  return { kind: "any" };
}

export function describeShape(shape: ZodShape): string {
  if (shape.kind === "optional") return `optional ${describeShape(shape.inner)}`;
  if (shape.kind === "array") return `array of ${describeShape(shape.element)}`;
  if (shape.kind === "enum") return `enum (${shape.values.join(", ")})`;
  return shape.kind;
}

/** One call of a chain: a method and, for extract/exclude, the values it names. */
export interface ChainStep {
  method: string;
  values?: string[];
}

/** "unwrap extract(internal_user|internal_user_viewer) optional describe" ↔ steps. */
export function parseChain(text: string): ChainStep[] {
  return text
    .split(" ")
    .filter(Boolean)
    .map((step) => {
      const match = /^(\w+)(?:\((.*)\))?$/.exec(step);
      // Only extract and exclude are written with their arguments: the values they name.
      if (!match || (match[2] !== undefined && !["extract", "exclude"].includes(match[1]!))) throw new Error(`"${step}" is not a step of a chain of calls.`);
      return { method: match[1]!, ...(match[2] !== undefined ? { values: match[2] === "" ? [] : match[2].split("|") } : {}) };
    });
}

export function formatChain(steps: readonly ChainStep[]): string {
  return steps.map((s) => (s.values ? `${s.method}(${s.values.join("|")})` : s.method)).join(" ");
}

/** Where a chain stops compiling on a field of this shape: the step and why; undefined when it compiles. */
export function chainFailure(start: ZodShape, steps: readonly ChainStep[]): { step: string; why: string } | undefined {
  let shape = start;
  for (const step of steps) {
    const label = formatChain([step]);
    // `required(field)` (src/manifest/required.ts) unwraps an optional field and takes a required one as is.
    if (step.method === "required") {
      shape = shape.kind === "optional" ? shape.inner : shape;
      continue;
    }
    if (step.method === "unwrap") {
      if (shape.kind === "optional") shape = shape.inner;
      else if (shape.kind === "array") shape = shape.element;
      else return { step: label, why: `a ${describeShape(shape)} has no unwrap()` };
      continue;
    }
    if (step.method === "extract" || step.method === "exclude") {
      if (shape.kind !== "enum") return { step: label, why: `a ${describeShape(shape)} has no ${step.method}()` };
      const options = shape.values;
      const missing = (step.values ?? []).filter((v) => !options.includes(v));
      if (missing.length) return { step: label, why: `the enum no longer has ${missing.join(", ")}` };
      if (step.method === "extract") shape = { kind: "enum", values: step.values ?? [] };
      continue;
    }
    if (step.method === "optional") {
      shape = { kind: "optional", inner: shape };
      continue;
    }
    if (COMMON.has(step.method)) continue;
    if (!METHODS[shape.kind]?.has(step.method)) return { step: label, why: `a ${describeShape(shape)} has no ${step.method}()` };
  }
  return undefined;
}
