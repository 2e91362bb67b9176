// check_health: is the proxy up and ready — its database, cache and LiteLLM version. Costs no provider call.

import { z } from "zod";
import { defineTool } from "../define-tool.js";

export const checkHealth = defineTool({
  name: "check_health",
  toolset: "health",
  byDefault: true,
  title: "Check the LiteLLM proxy's health",
  description: "Is the proxy up and ready: status, database, cache, LiteLLM version. Calls no model.",
  // Readiness implies liveliness: a proxy that answers here is alive. It needs no key, so none is sent.
  operation: { method: "get", path: "/health/readiness" },
  credential: "none",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({}),
  request: () => ({}),
  output: z.object({
    status: z.string().nullable(),
    db: z.string().nullable().describe('"connected", or "Not connected" when virtual keys are unavailable.'),
    cache: z.string().nullable(),
    litellm_version: z.string().nullable(),
  }),
  // LiteLLM declares `{}`; it answers {status, db, cache, litellm_version, success_callbacks, ...}, where
  // cache is null, a type name, or {type, index_info} for semantic caches. A failing check is HTTP 503.
  result: (data) => {
    const answer = (data ?? {}) as { status?: unknown; db?: unknown; cache?: unknown; litellm_version?: unknown };
    const cache = answer.cache;
    return {
      status: answer.status ?? null,
      db: answer.db ?? null,
      cache: typeof cache === "object" && cache !== null ? ((cache as { type?: unknown }).type ?? null) : (cache ?? null),
      litellm_version: answer.litellm_version ?? null,
    };
  },
});
