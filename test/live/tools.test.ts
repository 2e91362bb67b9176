// The built server over stdio against a real LiteLLM proxy with no database: what nock can only assume —
// routes, auth, answer shapes, error wording — LiteLLM itself confirms or refutes here.

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startCheckedServer, type CheckedServer } from "../support/checked-server.ts";
import { textOf } from "../support/connect.ts";
import { MOCK_MODELS } from "../support/litellm-proxy.ts";
import { spawnServer } from "../support/spawn-server.ts";

const proxy = inject("liveProxy");

const NO_DATABASE = "The LiteLLM proxy has no database connected, and virtual keys need one: start the proxy with DATABASE_URL set, then try again.";

describe.skipIf(!proxy)("the bridge against a real LiteLLM proxy", () => {
  // Collected (and listed as skipped) even without a proxy, so the names must not depend on one.
  const { url, masterKey, models } = proxy ?? { url: "", masterKey: "", models: [...MOCK_MODELS] };
  const wrongKey = `sk-live-wrong-${randomBytes(10).toString("hex")}`;
  let server: CheckedServer;
  const transcript: string[] = [];

  beforeAll(async () => {
    server = await startCheckedServer({ LITELLM_HOST: url, LITELLM_MASTER_KEY: masterKey });
  });

  afterAll(async () => {
    await server?.close();
    // No key material in anything the server emitted: results, error sentences or its stderr log.
    const emitted = `${server?.emitted() ?? ""}\n${transcript.join("\n")}`;
    for (const secret of [masterKey, wrongKey]) {
      expect(emitted).not.toContain(secret.slice(0, 12));
      expect(emitted).not.toContain(secret.slice(-8));
    }
  });

  /** Calls a tool; a successful answer must also satisfy the outputSchema the server declares for it. */
  const call = (name: string, args: Record<string, unknown>) => server.call(name, args);
  /** An isError result carrying one sentence: no stack trace, no traceback, no second line. */
  const failure = (name: string, args: Record<string, unknown>) => server.failure(name, args);

  it("list_models returns exactly the models in the proxy's config", async () => {
    const result = await call("list_models", {});
    expect(result.isError).toBeFalsy();
    const listed = (result.structuredContent as { models: { id: string; owned_by: string | null; created: number | null }[] }).models;
    expect(listed.map((m) => m.id).sort()).toEqual(models.map((m) => m.name).sort());
    for (const model of listed) expect(model).toEqual({ id: model.id, owned_by: expect.any(String), created: expect.any(Number) });
  });

  it.each(models.map((m) => [m.name, m.reply]))("proxy_completion on %s returns the mock text, the model and usage", async (model, reply) => {
    // Without a database the master key is the only key the proxy accepts.
    const result = await call("proxy_completion", { model, messages: [{ role: "user", content: "Say hello" }], key: masterKey });
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    const answer = result.structuredContent as { text: string; model: string; finish_reason: string; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };
    expect(answer).toMatchObject({ text: reply, model, finish_reason: "stop" });
    expect(answer.usage.total_tokens).toBe(answer.usage.prompt_tokens + answer.usage.completion_tokens);
    expect(answer.usage.total_tokens).toBeGreaterThan(0);
  });

  it("proxy_completion with a wrong key is an authentication failure, said plainly", async () => {
    const text = await failure("proxy_completion", { model: models[0]!.name, messages: [{ role: "user", content: "hi" }], key: wrongKey });
    expect(text).toBe(
      'LiteLLM did not accept the virtual key given in "key": the proxy has no database, so it accepts no virtual keys until one is connected (DATABASE_URL).',
    );
  });

  it("proxy_completion with an unknown model passes LiteLLM's reason on", async () => {
    const text = await failure("proxy_completion", { model: "no-such-model", messages: [{ role: "user", content: "hi" }], key: masterKey });
    expect(text).toMatch(/^LiteLLM rejected the request \(HTTP 400\)\. LiteLLM said: .*Invalid model name passed in model=no-such-model/);
  });

  it.each([
    ["generate_key", { models: [models[0]!.name], user_id: "live-user", duration: "1h" }],
    ["get_key_info", { key: "sk-live-anything-1234567890" }],
  ])("%s says the proxy has no database and virtual keys need one", async (tool, args) => {
    expect(await failure(tool, args)).toBe(NO_DATABASE);
  });

  it("get_spend_logs names the missing database, although LiteLLM's 401 seems to blame the master key", async () => {
    const raw = await fetch(`${url}/spend/logs/v2?start_date=2026-01-01%2000:00:00&end_date=2026-01-02%2000:00:00`, { headers: { authorization: `Bearer ${masterKey}` } });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ error: { message: "Prisma Client is not initialized" } });
    expect(await failure("get_spend_logs", { start_date: "2026-01-01", end_date: "2026-01-02" })).toBe(NO_DATABASE);
  });

  it.each(["block_key", "unblock_key"])("%s says LiteLLM gave no reason and names the missing database as the likely one", async (tool) => {
    // A server of its own: LiteLLM may close the kept-alive connection after this answer, failing the next call.
    const own = await startCheckedServer({ LITELLM_HOST: url, LITELLM_MASTER_KEY: masterKey });
    try {
      const text = await own.failure(tool, { key: "sk-live-anything-1234567890" });
      expect(text).toMatch(/^LiteLLM failed with an error it did not handle \(HTTP 500 "Internal server error"\) and gave no reason.*a proxy without a database fails this way/);
      expect(text).not.toMatch(/try again later/);
    } finally {
      await own.close();
      transcript.push(own.emitted());
    }
  });

  it("a wrong LITELLM_MASTER_KEY is named as the key to fix", async () => {
    const misconfigured = await spawnServer({ LITELLM_HOST: url, LITELLM_MASTER_KEY: wrongKey });
    try {
      const result = await misconfigured.call("list_models", {});
      transcript.push(JSON.stringify(result), misconfigured.stderr());
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^LiteLLM did not accept LITELLM_MASTER_KEY: it is not this proxy's master key/);
    } finally {
      await misconfigured.close();
    }
  });

  it("the output-schema check rejects an answer of the wrong shape (so its passes mean something)", () => {
    const validate = server.validators.get("proxy_completion")!;
    expect(validate({ text: "x", model: "m", finish_reason: "stop", usage: { prompt_tokens: "10", completion_tokens: 1, total_tokens: 2 } })).toBe(false);
    expect(server.validators.get("list_models")!({ models: [{ id: "m", owned_by: "x" }] })).toBe(false);
  });
});
