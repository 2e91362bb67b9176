// Adversarial review: a key generate_key mints carries key_type "llm_api", and LiteLLM 1.108.7's LLM API route
// group includes its provider pass-through routes (/openai/*, /anthropic/*, /gemini/*, ...) and its native
// files, batches, assistants and containers routes. LiteLLM checks the key's models only where a request names
// a model; a request that names none goes to the provider with the operator's own provider credential
// (OPENAI_API_KEY in LiteLLM's environment, as LiteLLM's docs set it up). A key limited to one allowed model
// and a budget of 0.01 USD then generates images (OpenAI's default image model), runs an existing assistant
// (its model, whatever it is) and opens paid containers on the operator's provider account, and LiteLLM books
// nothing against the key. Checked on a real LiteLLM with its database, started here with a provider key in its
// environment and the provider on loopback: the provider counts what arrives with the operator's key, and
// LiteLLM's own answers and /key/info (read with the master key) say what it let through and booked.

import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { createUser, dbSuiteMissing, DB_MODELS, liteLLMAdmin, startDbProxy, type RunningDbProxy, STRICT_POLICY } from "../support/db-proxy.ts";
import { startCheckedServer, type CheckedServer } from "../support/checked-server.ts";

const [ALPHA] = DB_MODELS;
const run = randomBytes(4).toString("hex");
const PROVIDER_KEY = `sk-operator-provider-${run}`;

const POLICY = STRICT_POLICY;

interface Arrived {
  method: string;
  path: string;
  auth: string | undefined;
}

/** The operator's provider account, on loopback: answers everything with a small JSON body and remembers it. */
function provider(): Promise<{ server: Server; origin: string; arrived: Arrived[] }> {
  const arrived: Arrived[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      arrived.push({ method: req.method ?? "", path: req.url ?? "", auth: req.headers.authorization });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ id: "upstream-1", object: "list", data: [], created: 1 }));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, arrived })));
}

const missing = dbSuiteMissing();

describe.skipIf(missing !== undefined && process.env.LITELLM_MCP_DB !== "require")("a minted key on LiteLLM's provider routes, with a provider key in LiteLLM's environment", () => {
  let proxy: RunningDbProxy;
  let upstream: Awaited<ReturnType<typeof provider>>;
  let bridge: CheckedServer;
  const user = `attack-routes-${run}`;

  beforeAll(async () => {
    upstream = await provider();
    // LiteLLM's documented set-up: the provider key in its environment. Its base points at loopback here.
    const saved = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_API_BASE: process.env.OPENAI_API_BASE };
    process.env.OPENAI_API_KEY = PROVIDER_KEY;
    process.env.OPENAI_API_BASE = upstream.origin;
    try {
      proxy = await startDbProxy();
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    bridge = await startCheckedServer({ LITELLM_HOST: proxy.url, LITELLM_MASTER_KEY: proxy.masterKey, ...POLICY });
    await createUser(proxy, user);
  }, 300_000);

  afterAll(async () => {
    if (bridge) {
      await bridge.close();
      capture("db-attack-provider-routes", bridge.emitted());
      expect(leaksCanary(bridge.emitted())).toBe(false);
    }
    await proxy?.stop();
    upstream?.server.close();
  });

  async function asKey(key: string, method: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
    const response = await fetch(`${proxy.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, text: (await response.text()).slice(0, 200) };
  }

  it("reaches nothing on the operator's provider account beyond the models the policy allows", async () => {
    const { key } = await bridge.answer<{ key: string }>("generate_key", { models: [ALPHA.name], user_id: user, duration: "1h", max_budget: 0.01 });
    const info = (await liteLLMAdmin(proxy, "GET", `/key/info?key=${keyHash(key)}`)).body as { info: Record<string, unknown> };
    // The key as the fix mints it: the exact routes of completions, embeddings and the model list, no route group.
    expect(info.info).toMatchObject({ models: [ALPHA.name], max_budget: 0.01, allowed_routes: ["/chat/completions", "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models"] });

    const tries: [string, string, string, unknown][] = [
      ["ten images with the provider's default image model", "POST", "/openai/v1/images/generations", { prompt: "a cat", n: 10, size: "1024x1024" }],
      ["a run of an assistant already on the account (its model, not the key's)", "POST", "/openai/v1/threads/thread_1/runs", { assistant_id: "asst_1" }],
      ["a paid code-interpreter container, through the pass-through", "POST", "/openai/v1/containers", { name: "c" }],
      ["a paid code-interpreter container, through LiteLLM's own route", "POST", "/v1/containers", { name: "c" }],
    ];
    const answers: Record<string, string> = {};
    for (const [what, method, path, body] of tries) {
      const before = upstream.arrived.length;
      const answer = await asKey(key, method, path, body);
      const reached = upstream.arrived.slice(before).filter((a) => a.auth === `Bearer ${PROVIDER_KEY}`);
      answers[what] = reached.length > 0 ? `reached the provider with the operator's key: ${reached.map((a) => `${a.method} ${a.path}`).join(", ")} (LiteLLM answered the key ${answer.status})` : `held (LiteLLM answered ${answer.status})`;
    }
    await new Promise((resolve) => setTimeout(resolve, (proxy.batchWriteSeconds + 2) * 1000));
    const after = (await liteLLMAdmin(proxy, "GET", `/key/info?key=${keyHash(key)}`)).body as { info: { spend: number } };
    expect(answers, `spend LiteLLM booked on the key afterwards: ${after.info.spend} USD`).toEqual(Object.fromEntries(tries.map(([what]) => [what, expect.stringMatching(/^held/)])));
  });
});
