// Tools that take one thing in either of two ways (keys or aliases, an id or an email) refuse a call with
// both, and a call with neither, each with its own sentence: "not both" would be wrong when none was given.

import type { z } from "zod";

/** `schema`, refusing arguments that give both or neither of `first` and `second`; `what` says what they name. */
export function oneOf<Schema extends z.ZodObject>(schema: Schema, [first, second]: [string, string], what: string): Schema {
  return schema.superRefine((args: Record<string, unknown>, ctx) => {
    const given = [first, second].filter((name) => args[name] !== undefined).length;
    if (given === 1) return;
    ctx.addIssue({
      code: "custom",
      message: given === 0 ? `Give ${first} or ${second} (${what}); neither was given.` : `Give ${first} or ${second} (${what}), not both.`,
    });
  });
}
