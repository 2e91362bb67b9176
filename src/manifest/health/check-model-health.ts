// check_model_health: make LiteLLM send a real test call to each deployment of one model. It costs a
// provider call per deployment, which is why it is its own tool and never part of check_health. LiteLLM makes
// those calls under its own health-check pseudo-key, so no key, user or team budget counts them: under
// LITELLM_MCP_ALLOWED_MODELS the model must be one of those (callsModel), and a name LiteLLM serves, since
// LiteLLM tests the deployments whose provider model has the name when no deployment is called so.

import { z } from "zod";
import { getHealthQueryFields } from "../../../generated/request-schemas.js";
import { defineTool } from "../define-tool.js";
import { InputError } from "../../errors.js";
import { checkHealthTarget, MODELS_SERVED_READS } from "../../policy/effects.js";
import { firstItems } from "../paging.js";
import { required } from "../required.js";
import { TEXT_LIMITS } from "../../litellm/text-limits.js";

const SHOWN = 20;

/** Provider errors arrive with whole tracebacks: keep the first line, bounded. */
function firstLine(error: unknown): unknown {
  if (typeof error !== "string") return error ?? null;
  const line = error.trim().split(/\r?\n/)[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

const endpoint = z.object({ model: z.string().nullable(), error: z.string().nullable() });

function describeEndpoint(raw: unknown): { model: unknown; error: unknown } {
  const { model, error } = (raw ?? {}) as { model?: unknown; error?: unknown };
  return { model: model ?? null, error: firstLine(error) };
}

export const checkModelHealth = defineTool({
  name: "check_model_health",
  toolset: "health",
  byDefault: true,
  title: "Test a model's deployments",
  description: "Send a test call to each deployment of one model and report failures. Costs one provider call per deployment.",
  operation: { method: "get", path: "/health" },
  credential: "master",
  // A GET, but not a read: each call is a paid request to every deployment, and LiteLLM stores the
  // outcome in its health-check history. Nothing is destroyed; repeating it pays again.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  callsModel: true,
  around: {
    calls: [...MODELS_SERVED_READS],
    run: async (args, { state, policy, write }) => {
      await checkHealthTarget(state, args.model, policy);
      return write();
    },
  },
  // A model with no healthy deployment is HTTP 503 with the full report: the failures are what was asked for.
  checkReport: (body) => Array.isArray((body as { unhealthy_endpoints?: unknown } | null)?.unhealthy_endpoints),
  input: z.strictObject({
    // Required here although LiteLLM's is optional: without it LiteLLM tests every deployment at once.
    model: required(getHealthQueryFields.model).min(1).max(TEXT_LIMITS.model).describe("Model name, as list_models shows it."),
  }),
  request: (args) => ({ params: { query: { model: args.model } } }),
  output: z.object({
    healthy_count: z.number().nullable(),
    unhealthy_count: z.number().nullable(),
    healthy: z.array(endpoint),
    unhealthy: z.array(endpoint),
    truncated: z.boolean(),
  }),
  // LiteLLM declares `{}`; it answers {healthy_endpoints, unhealthy_endpoints, healthy_count, unhealthy_count},
  // each endpoint being the deployment's litellm_params without credentials, plus `error` when unhealthy.
  result: (data, args) => {
    const answer = (data ?? {}) as { healthy_endpoints?: unknown; unhealthy_endpoints?: unknown; healthy_count?: unknown; unhealthy_count?: unknown };
    // LiteLLM reports a name it has no deployment for as a failed check of nothing (503, both lists empty).
    if (answer.healthy_count === 0 && answer.unhealthy_count === 0) {
      throw new InputError(`LiteLLM has no deployment of a model named "${args.model}" to test: list_models shows the names it serves.`);
    }
    const healthy = firstItems(answer.healthy_endpoints ?? [], SHOWN, describeEndpoint);
    const unhealthy = firstItems(answer.unhealthy_endpoints ?? [], SHOWN, describeEndpoint);
    return {
      healthy_count: answer.healthy_count ?? null,
      unhealthy_count: answer.unhealthy_count ?? null,
      healthy: healthy.items,
      unhealthy: unhealthy.items,
      truncated: healthy.truncated || unhealthy.truncated,
    };
  },
});
