// The models a key, user or team may call. LiteLLM reads an empty or missing list as "every model", so
// the tools accept only a non-empty list of names; leaving the field out is how a caller asks for all.
//
// A name is taken only in the form LiteLLM compares it in. LiteLLM's access check strips whitespace (Python's
// str.strip, Unicode spaces included) from the model a request names and splits it at commas, while its
// router looks the name up as sent: "mock-alpha\u00a0" passes a key's check for "mock-alpha" and reaches
// another deployment. "*" and patterns like "openai/*" make a list cover every matching model. So a model
// name here has no space, control or format character at either end, no control or format character
// anywhere, no comma and no "*".

import { z } from "zod";
import { LIST_LIMITS, TEXT_LIMITS } from "./text-limits.js";

/** What Python's str.strip removes, and what JavaScript's trim removes: either side may be the one comparing. */
const EDGE_SPACE = /^[\s\x1c-\x1f\x85]|[\s\x1c-\x1f\x85]$/;
/** Control and format characters (zero-width spaces and joiners, bidi marks, the BOM) and line separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Why `name` is not a plain model name, or undefined when it is. */
export function modelNameFault(name: string): string | undefined {
  if (EDGE_SPACE.test(name)) return "starts or ends with a space (LiteLLM's access check strips it, its router does not)";
  if (INVISIBLE.test(name)) return "holds a control or invisible character";
  if (name.includes(",")) return "holds a comma (LiteLLM's access check splits names at commas)";
  if (name.includes("*")) return 'holds "*" (LiteLLM reads it as a pattern matching other models)';
  return undefined;
}

export { modelKey } from "./model-key.js";

/** One model name, in the form LiteLLM compares it in. */
export const modelName = z
  .string()
  .min(1)
  .max(TEXT_LIMITS.model)
  .superRefine((name, context) => {
    const fault = modelNameFault(name);
    if (fault) context.addIssue({ code: "custom", message: `The model name ${JSON.stringify(name)} ${fault}. Pass the name exactly as list_models shows it.` });
  });

export const modelNames = z.array(modelName).min(1).max(LIST_LIMITS.models);
