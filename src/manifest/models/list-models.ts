// list_models: the model names the proxy serves, as callers pass them to proxy_completion.

import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { documentedFields } from "../documented-fields.js";

const model = z.object({
  id: z.string().describe("The name to pass as `model`."),
  owned_by: z.string().nullable(),
  created: z.number().nullable(),
});

export const listModels = defineTool({
  name: "list_models",
  toolset: "models",
  byDefault: true,
  title: "List the proxy's models",
  description: "List the model names this LiteLLM proxy serves (the names generate_key and proxy_completion accept).",
  operation: { method: "get", path: "/models" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({}),
  request: () => ({}),
  output: z.object({ models: z.array(model) }),
  // LiteLLM declares `{}`; it answers OpenAI's list shape: {"object": "list", "data": [{id, ...}]}.
  result: (data) => {
    const entries = (data as { data?: unknown } | null)?.data;
    return { models: Array.isArray(entries) ? entries.map((entry) => documentedFields(model, entry)) : (entries ?? null) };
  },
});
