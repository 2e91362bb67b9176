// Update tools take the id of what they change and the fields to change, every one optional: a call that
// names only the id asks for no change, so their input refuses it.

import type { z } from "zod";

/** An update tool's input: `schema`, refusing arguments that give nothing besides `id`. */
export function someChange<Schema extends z.ZodObject>(schema: Schema, id: keyof z.infer<Schema> & string): Schema {
  return schema.refine((args) => Object.keys(args).some((k) => k !== id), { message: `Give at least one field to change besides ${id}.` });
}
