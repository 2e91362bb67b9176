// get_model_info: what each deployment behind the proxy is — provider, mode, context window and price.

import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { firstItems } from "../paging.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const SHOWN = 50;

const model = z.object({
  model_name: z.string().nullable().describe("The name callers use."),
  id: z.string().nullable().describe("Deployment id; one name can have several."),
  provider: z.string().nullable(),
  mode: z.string().nullable().describe('e.g. "chat", "embedding".'),
  max_input_tokens: z.number().nullable(),
  max_output_tokens: z.number().nullable(),
  input_cost_per_token: z.number().nullable().describe("USD."),
  output_cost_per_token: z.number().nullable().describe("USD."),
});

type Deployment = { model_name?: unknown; model_info?: Record<string, unknown> | null };

function describeDeployment(raw: unknown): Record<keyof typeof model.shape, unknown> {
  const { model_name, model_info } = (raw ?? {}) as Deployment;
  const info = model_info ?? {};
  return {
    model_name: model_name ?? null,
    id: info.id ?? null,
    provider: info.litellm_provider ?? null,
    mode: info.mode ?? null,
    max_input_tokens: info.max_input_tokens ?? null,
    max_output_tokens: info.max_output_tokens ?? null,
    input_cost_per_token: info.input_cost_per_token ?? null,
    output_cost_per_token: info.output_cost_per_token ?? null,
  };
}

export const getModelInfo = defineTool({
  name: "get_model_info",
  toolset: "models",
  byDefault: true,
  title: "Describe the proxy's models",
  description: `Provider, mode, context window and per-token price of each deployment, optionally for one model name (first ${SHOWN}).`,
  operation: { method: "get", path: "/model/info" },
  credential: "master",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    model: z.string().min(1).max(TEXT_LIMITS.model).optional().describe("Only deployments of this model name."),
  }),
  // LiteLLM filters /model/info only by deployment id; the name filter is applied to its answer.
  request: () => ({}),
  output: z.object({ models: z.array(model), truncated: z.boolean().describe("More deployments exist; filter by model.") }),
  // LiteLLM declares `{}`; it answers {data: [{model_name, litellm_params, model_info}]}. litellm_params
  // is never read: it can hold provider credentials.
  result: (data, args) => {
    const all = (data as { data?: unknown } | null)?.data;
    const wanted = Array.isArray(all) && args.model !== undefined ? all.filter((d) => (d as Deployment)?.model_name === args.model) : all;
    const shown = firstItems(wanted ?? null, SHOWN, describeDeployment);
    return { models: shown.items, truncated: shown.truncated };
  },
});
