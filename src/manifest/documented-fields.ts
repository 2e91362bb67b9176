// LiteLLM declares most responses as `{}`. Tools whose answer is untyped take the fields their output
// schema documents, with null for any LiteLLM left out; the output schema then checks the types.

import type { z } from "zod";

export function documentedFields<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, raw: unknown): Record<keyof Shape, unknown> {
  const source = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const picked = {} as Record<keyof Shape, unknown>;
  for (const key of Object.keys(schema.shape) as (keyof Shape & string)[]) picked[key] = source[key] ?? null;
  return picked;
}
