// The manifest builds tool inputs on generated fields at start-up (`litellm.user_role.unwrap().extract(...)`).
// When a new document takes such a field away, drops its request part or its whole operation, or changes
// it so a call the manifest makes on it no longer exists, the generated code would make the server throw
// as it loads: every tool lost for one. Instead regen writes a stand-in for exactly those fields (found
// with scripts/regen/zod-chain.ts from spec/operations.json): the type stays what LiteLLM's document says,
// so `npm run typecheck` fails at the manifest's call, while at run time the chain goes on and that one
// argument refuses every value with a sentence saying why. An enum that lost values keeps the ones it has.
// The stand-ins are the real zod schemas with the missing calls added to them, not proxies: zod keeps
// its schemas in maps (toJSONSchema for tools/list), and a proxy would not be the object it finds there.

import { operationLabel, type BuiltOn, type ToolOperation } from "./operations.ts";
import { parseChain } from "./zod-chain.ts";

/** The methods the manifest calls on a field, as the stand-in's list: `["unwrap","extract","optional"]`. */
export function callsOn(built: BuiltOn | undefined): string {
  const calls = new Set((built?.uses ?? []).flatMap((use) => parseChain(use).map((step) => step.method)));
  calls.delete("required");
  return JSON.stringify([...calls].sort());
}

/** The helpers a generated file needs once it has a stand-in; written once, before the first use. */
export const STAND_IN_HELPERS = `/**
 * Stands in for a field LiteLLM's document no longer has (or no longer has as the manifest uses it): the
 * manifest's calls on it go on, and the argument built from it refuses every value, saying why.
 */
function refusing(note: string, calls: readonly string[]): z.ZodType {
  return lenient(z.any().refine(() => false, note), note, calls);
}

/**
 * LiteLLM's schema for a field, as generated, given the calls the manifest makes on it (spec/operations.json)
 * that it lacks: each gives refusing(note) instead of a TypeError at start-up. extract/exclude keep the values
 * the enum still has. What unwrap() returns and what a call clones forgive the same calls.
 */
function lenient<T>(schema: T, note: string, calls: readonly string[]): T {
  const inst = schema as unknown as Record<string, unknown> & { _zod: { def: Record<string, unknown> } };
  const define = (name: string, value: unknown) => Object.defineProperty(inst, name, { value, enumerable: false, configurable: true, writable: true });
  for (const name of calls) {
    const real = inst[name];
    if (typeof real !== "function") define(name, () => refusing(note, calls));
    else if (name === "extract" || name === "exclude") {
      define(name, (values: unknown[], ...rest: unknown[]) => {
        const options = (inst.options as unknown[] | undefined) ?? [];
        const known = values.filter((v) => options.includes(v));
        return known.length === 0 && name === "extract" ? refusing(note, calls) : lenient((real as (...a: unknown[]) => unknown).call(inst, known, ...rest), note, calls);
      });
    }
  }
  const clone = inst.clone as (...a: unknown[]) => unknown;
  define("clone", (...args: unknown[]) => lenient(clone.apply(inst, args), note, calls));
  for (const inner of [inst._zod.def.innerType, inst._zod.def.element]) if (typeof inner === "object" && inner !== null) lenient(inner, note, calls);
  return schema;
}

/** Adds a field the document lacks, for the manifest's code only: not enumerable, so the part's schema leaves it out. */
function goneField(fields: object, name: string, note: string, calls: readonly string[]): void {
  Object.defineProperty(fields, name, { get: () => refusing(note, calls), enumerable: false });
}
`;

/** The sentence an argument built on a stand-in refuses values with. */
export function standInNote(op: ToolOperation, version: string, path: string, what: "gone" | "changed"): string {
  const [part, field] = [path.slice(0, path.indexOf(".")), path.slice(path.indexOf(".") + 1)];
  const where = `${operationLabel(op)} ${part === "body" ? "body field" : `${part} parameter`} ${field}`;
  const how = what === "gone" ? `LiteLLM ${version}'s document has no ${where}` : `LiteLLM ${version}'s ${where} no longer fits how ${op.file} uses it`;
  return `${how} (\`npm run typecheck\` shows where), so ${op.tool} cannot take this argument until the manifest is updated.`;
}
