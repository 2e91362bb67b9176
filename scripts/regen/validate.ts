// Validates with swagger-parser, but judges only what the bridge uses: real LiteLLM documents are not
// always valid (1.80.17 has a stray key under /spend/calculate), and that must not block a regen.

import SwaggerParser from "@apidevtools/swagger-parser";
import type { JsonObject } from "./json.ts";

export interface ValidationResult {
  /** Problems outside the operations the manifest uses: reported, not fatal. */
  warnings: string[];
}

async function problems(doc: JsonObject): Promise<string | undefined> {
  try {
    // swagger-parser dereferences in place; give it a copy.
    await SwaggerParser.validate(structuredClone(doc) as never);
    return undefined;
  } catch (error) {
    return (error as Error).message.trim();
  }
}

export async function validateForOperations(whole: JsonObject, pruned: JsonObject): Promise<ValidationResult> {
  const wholeProblems = await problems(whole);
  if (!wholeProblems) return { warnings: [] };
  const prunedProblems = await problems(pruned);
  if (prunedProblems) {
    throw new Error(`The operations the manifest uses do not validate:\n${prunedProblems}`);
  }
  return { warnings: [`The document fails strict validation outside the operations used (ignored):\n${wholeProblems}`] };
}
