// check_health: is the proxy up and ready, and can it use its database. Costs no provider call.

import { z } from "zod";
import { defineTool } from "../define-tool.js";

export const checkHealth = defineTool({
  name: "check_health",
  toolset: "health",
  byDefault: true,
  title: "Check the LiteLLM proxy's health",
  description: "Is the proxy up and ready, and is its database connected? Calls no model.",
  // Readiness implies liveliness: a proxy that answers here is alive. It needs no key, so none is sent.
  operation: { method: "get", path: "/health/readiness" },
  credential: "none",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  // Not ready is HTTP 503 with the same report ({status, db}): the report is the answer, not a fault to retry.
  checkReport: (body) => typeof (body as { status?: unknown } | null)?.status === "string",
  input: z.strictObject({}),
  request: () => ({}),
  output: z.object({
    status: z.string().nullable(),
    db: z.string().nullable().describe('"connected"; "disconnected" or "stalled": key tools fail; "Not connected": no database.'),
    // Both null unless the proxy publishes readiness details: 1.108.7's open probe does not.
    cache: z.string().nullable(),
    litellm_version: z.string().nullable(),
  }),
  // LiteLLM declares `{}`. Since 1.8x the public probe answers {status, db} only; a proxy that publishes
  // details (allow_public_health_readiness_details, and releases before) adds cache, litellm_version and
  // more, where cache is null, a type name, or {type, index_info} for semantic caches.
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
