// Adversarial review: check_model_health (a default tool) sends a paid provider call to every deployment of any
// model it is given, under the master key, with LITELLM_MCP_ALLOWED_MODELS in force. The model is not held to
// the allowlist, the call is booked against no key, user, team or budget, and it can be repeated without end:
// spend outside every ceiling, on a model the operator never allowed. Checked on the real LiteLLM with its
// database: the provider (a loopback stand-in) counts the calls that carry the operator's provider key, and
// LiteLLM's spend logs, read with the master key, hold none of them.

import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DB_MODELS, liteLLMAdmin, STRICT_POLICY } from "../support/db-proxy.ts";
import { useDbServer } from "../support/db-server.ts";

const proxy = inject("dbProxy");
const [ALPHA] = DB_MODELS;
const run = randomBytes(4).toString("hex");
const PROVIDER_KEY = `sk-operator-provider-${run}`;

const POLICY = STRICT_POLICY;

/** A provider on loopback that answers every chat completion and remembers who paid for it. */
function provider(): Promise<{ server: Server; origin: string; calls: { path: string; auth: string | undefined; body: string }[] }> {
  const calls: { path: string; auth: string | undefined; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      calls.push({ path: req.url ?? "", auth: req.headers.authorization, body });
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          id: "chatcmpl-1",
          object: "chat.completion",
          created: 1,
          model: "gpt-4o",
          choices: [{ index: 0, message: { role: "assistant", content: "pong" }, finish_reason: "stop" }],
          usage: { prompt_tokens: 1000, completion_tokens: 1000, total_tokens: 2000 },
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, calls })));
}

describe.skipIf(!proxy)("check_model_health under LITELLM_MCP_ALLOWED_MODELS", () => {
  const bridge = useDbServer("db-attack-model-health", proxy, POLICY);
  const pricey = `attack-pricey-${run}`;
  let upstream: Awaited<ReturnType<typeof provider>>;
  let deploymentId: string;

  beforeAll(async () => {
    upstream = await provider();
    // The operator's own deployment of a model the assistant is not allowed: gpt-4o on the operator's account.
    deploymentId = `attack-${run}`;
    const added = await liteLLMAdmin(proxy!, "POST", "/model/new", {
      model_name: pricey,
      litellm_params: { model: "openai/gpt-4o", api_key: PROVIDER_KEY, api_base: `${upstream.origin}/v1`, max_retries: 0 },
      model_info: { id: deploymentId },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
  });

  afterAll(async () => {
    await liteLLMAdmin(proxy!, "POST", "/model/delete", { id: deploymentId });
    upstream?.server.close();
  });

  it("is refused for a model outside the allowlist, and the provider is never called for it", async () => {
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await bridge().call("check_model_health", { model: pricey }));
    const paid = upstream.calls.filter((call) => call.auth === `Bearer ${PROVIDER_KEY}`);
    // What LiteLLM booked for those calls: its spend logs, read with the master key. It books a health check
    // under the pseudo-key "litellm-internal-health-check", which no budget of a key, user or team counts.
    await new Promise((resolve) => setTimeout(resolve, (proxy!.batchWriteSeconds + 2) * 1000));
    const logs = (await liteLLMAdmin(proxy!, "GET", "/spend/logs")).body;
    const booked = (Array.isArray(logs) ? (logs as Record<string, unknown>[]) : []).filter((log) => log.api_key === "litellm-internal-health-check");
    expect(
      { refused: results.every((r) => r.isError), providerCallsOnOperatorKey: paid.length },
      `check_model_health ran ${paid.length} paid calls of gpt-4o on the operator's provider key for a model outside LITELLM_MCP_ALLOWED_MODELS; LiteLLM's spend logs hold ${booked.length} health-check calls, booked under the pseudo-key litellm-internal-health-check (no key, user or team budget counts them; ${booked.reduce((sum, log) => sum + Number(log.spend ?? 0), 0)} USD). First answer: ${JSON.stringify(results[0]?.content).slice(0, 300)}`,
    ).toEqual({ refused: true, providerCallsOnOperatorKey: 0 });
  });
});
