// The manifest builds tool inputs on generated fields at start-up (`litellm.user_role.unwrap().extract(...)`).
// When a new document takes such a field away, drops its request part or its whole operation, or changes
// it so a call the manifest makes on it no longer exists, the generated code would make the server throw
// as it loads: every tool lost for one. Instead regen writes a stand-in for exactly those fields (found
// with scripts/regen/zod-chain.ts from spec/operations.json): the type stays what LiteLLM's document says,
// so `npm run typecheck` fails at the manifest's call, while at run time the chain goes on and that one
// argument refuses every value with a sentence saying why. An enum that lost values keeps the ones it has.

import type { ToolOperation } from "./operations.ts";
import { operationLabel } from "./operations.ts";

/** The helpers a generated file needs once it has a stand-in; written once, before the first use. */
export const STAND_IN_HELPERS = `/**
 * Stands in for a field LiteLLM's document no longer has (or no longer has as the manifest uses it): every
 * call on it goes on, and the argument built from it refuses every value, with this note as the reason.
 */
function refusing(note: string): z.ZodType {
  return lenient(z.any().refine(() => false, note), note);
}

/**
 * LiteLLM's schema for a field, as generated, except that a call it no longer has gives refusing(note)
 * instead of a TypeError at start-up, and extract/exclude keep only the values the enum still has.
 */
function lenient<T>(schema: T, note: string): T {
  return new Proxy(schema as object, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof key !== "string" || (value !== undefined && typeof value !== "function")) return value;
      if (value === undefined) return () => refusing(note);
      return (...args: unknown[]) => {
        if ((key === "extract" || key === "exclude") && Array.isArray(args[0])) {
          const options: unknown[] = (target as { options?: unknown[] }).options ?? [];
          const known = args[0].filter((v) => options.includes(v));
          if (known.length === 0 && key === "extract") return refusing(note);
          args = [known, ...args.slice(1)];
        }
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        return out instanceof z.ZodType ? lenient(out, note) : out;
      };
    },
  }) as T;
}

/** Adds a field the document lacks, for the manifest's code only: not enumerable, so the part's schema leaves it out. */
function goneField(fields: object, name: string, note: string): void {
  Object.defineProperty(fields, name, { get: () => refusing(note), enumerable: false });
}
`;

/** The sentence an argument built on a stand-in refuses values with. */
export function standInNote(op: ToolOperation, version: string, path: string, what: "gone" | "changed"): string {
  const [part, field] = [path.slice(0, path.indexOf(".")), path.slice(path.indexOf(".") + 1)];
  const where = `${operationLabel(op)} ${part === "body" ? "body field" : `${part} parameter`} ${field}`;
  const how = what === "gone" ? `LiteLLM ${version}'s document has no ${where}` : `LiteLLM ${version}'s ${where} no longer fits how ${op.file} uses it`;
  return `${how} (\`npm run typecheck\` shows where), so ${op.tool} cannot take this argument until the manifest is updated.`;
}
