// The form in which two model names are compared. Apart from the model-name schema (model-names.ts) because
// the operator's policy compares names too, and the stdio start loads the policy without zod.

/**
 * A model name as compared for collisions: without what either side strips, compatibility forms folded
 * (NFKC: a full-width "ｍ" is "m") and lower-cased. Stricter than LiteLLM, which compares case-sensitively,
 * so nothing it would treat as one name passes as two.
 */
export function modelKey(name: string): string {
  return name.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g, "").normalize("NFKC").toLowerCase();
}
