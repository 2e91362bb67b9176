// LiteLLM's generated field as a required one, whether LiteLLM's document marks it required or optional.
// Tools that need a field LiteLLM leaves optional (the key to update, the model to probe) send it on every
// call: LiteLLM starting to require it changes nothing for them, so it must not fail `npm run typecheck`
// either (regen's drift report does not call it breaking). `.unwrap()` would only fit one of the two.

import { z } from "zod";

export type Required<Field> = Field extends z.ZodOptional<infer Inner> ? Inner : Field;

export function required<Field extends z.ZodType>(field: Field): Required<Field> {
  return (field instanceof z.ZodOptional ? field.unwrap() : field) as Required<Field>;
}
