// What doctor checks in caller mode (LITELLM_MCP_AUTH=caller) instead of the master key: that the server
// holds none, and that LiteLLM can accept its callers' keys at all — virtual keys live in its database, and
// a proxy without one accepts no key but its master key. /health/readiness is open, so no key is needed.

import type { Answer } from "./http.js";
import type { Check } from "./report.js";

type Get = (path: string) => Promise<Answer | string>;

export async function callerModeChecks(get: Get): Promise<Check[]> {
  const checks: Check[] = [
    { status: "ok", text: "Caller mode (LITELLM_MCP_AUTH=caller): no master key is held; each HTTP request's own LiteLLM key is sent, and LiteLLM's roles decide" },
  ];
  const readiness = await get("/health/readiness");
  const db = typeof readiness === "string" ? undefined : (readiness.body as { db?: unknown } | null)?.db;
  if (db === "connected") {
    checks.push({ status: "ok", text: "LiteLLM has its database, so it can accept callers' virtual keys (GET /health/readiness)" });
  } else if (typeof db === "string") {
    checks.push({
      status: "fail",
      text: `LiteLLM reports its database as "${db}" (GET /health/readiness): without one it accepts no key but its master key, so every caller would be refused. Start the proxy with DATABASE_URL.`,
    });
  } else {
    checks.push({ status: "warn", text: "Could not tell whether LiteLLM has a database (GET /health/readiness said nothing about it); callers' virtual keys need one." });
  }
  return checks;
}
