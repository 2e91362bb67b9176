// A tool's input and output schemas as the SDK is handed them at registration: Standard Schemas that validate
// with the tool's own zod schemas, built when the first call needs them, and that give the SDK the JSON
// Schema tools/list lists (src/mcp/tool-listing.ts) whenever it asks for one. So registering a tool builds
// nothing, a tool nobody calls is never built, and the SDK converts no zod schema to JSON Schema (it would
// on each tool's first call, and before every 2026-07-28 HTTP call, on each request's fresh server).

import type { StandardSchemaWithJSON } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { JsonSchema } from "./tool-listing.js";

export function listedSchema(listed: JsonSchema, build: () => z.ZodType): StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>> {
  let schema: z.ZodType | undefined;
  const standard = {
    version: 1 as const,
    vendor: "litellm-mcp",
    validate: (value: unknown) => (schema ??= build())["~standard"].validate(value),
    jsonSchema: { input: () => listed, output: () => listed },
  };
  return { "~standard": standard } as unknown as StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>>;
}
