// Each tool sends exactly the request LiteLLM expects (method, path, query, body, which key) and maps
// LiteLLM's real-shaped answer onto its documented output.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, connect, textOf } from "../support/connect.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";
import { keyHolderReads } from "../support/nock-state.ts";
import { chatCompletion, generatedKey, keyInfo, modelList } from "../support/litellm-answers.ts";
import { manifest } from "../../src/manifest/index.ts";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { KEY_ROUTES } from "../../src/policy/effects.ts";

// The operator allows the free-form metadata field the tests write.
const bridge = useBridge({ LITELLM_MCP_METADATA_FIELDS: "ticket" });

describe("generate_key", () => {
  it("reads the user and the models served, then POSTs /key/generate with the master key, the fields given and the exact routes the key may call", async () => {
    let sent: unknown;
    keyHolderReads({ userId: "u-42" }, asMaster);
    nock(TEST_HOST, asMaster)
      .post("/key/generate", (body) => ((sent = body), true))
      .reply(200, (_uri, body) => generatedKey(body as Record<string, unknown>));

    const result = await bridge().call("generate_key", { models: ["mock-gpt"], user_id: "u-42", duration: "24h" });

    expect(result.isError).toBeFalsy();
    // No defaults leak upstream: LiteLLM's spec defaults (spend, metadata...) are not sent. allowed_routes limits
    // the key to completions, embeddings and the model list; no key_type, which would replace that list.
    expect(sent).toEqual({ models: ["mock-gpt"], user_id: "u-42", duration: "24h", allowed_routes: ["/chat/completions", "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models"] });
    expect(result.structuredContent).toEqual({
      key: "sk-minted-Ab12Cd34Ef56Gh78",
      key_alias: null,
      expires: "2026-11-26T22:00:00.000000Z",
      models: ["mock-gpt"],
      user_id: "u-42",
      team_id: null,
      max_budget: null,
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("passes the optional fields an admin sets", async () => {
    let sent: unknown;
    keyHolderReads({ userId: "u", teamId: "t", served: ["a", "b"] }, asMaster);
    nock(TEST_HOST, asMaster)
      .post("/key/generate", (body) => ((sent = body), true))
      .reply(200, (_uri, body) => generatedKey(body as Record<string, unknown>));
    const args = { models: ["a", "b"], user_id: "u", team_id: "t", duration: "7d", key_alias: "ci", max_budget: 2.5, metadata: { ticket: 7 } };
    const result = await bridge().call("generate_key", args);
    expect(sent).toEqual({ ...args, allowed_routes: [...KEY_ROUTES] });
    expect(result.structuredContent).toMatchObject({ key_alias: "ci", team_id: "t", max_budget: 2.5, models: ["a", "b"] });
  });

  it.each([
    [{ user_id: "u" }, "models"],
    [{ models: [], user_id: "u" }, "models"],
    [{ models: ["m"] }, "user_id"],
    [{ models: ["m"], user_id: "u", duration: "forever" }, "duration"],
    [{ models: ["m"], user_id: "u", max_budget: -1 }, "max_budget"],
    [{ models: ["m"], user_id: "u", spend: 100 }, "spend"],
  ])("rejects %j before calling LiteLLM, naming %s", async (args, field) => {
    const result = await bridge().call("generate_key", args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(field);
  });
});

describe("get_key_info", () => {
  it("GETs /key/info?key= with the key's hash (never the key: URLs land in access logs) and the master key, and returns the documented fields", async () => {
    nock(TEST_HOST, asMaster).get("/key/info").query({ key: keyHash("sk-minted-Ab12Cd34Ef56Gh78") }).reply(200, keyInfo);
    const result = await bridge().call("get_key_info", { key: "sk-minted-Ab12Cd34Ef56Gh78" });
    expect(result.isError).toBeFalsy();
    const info = (result.structuredContent as { info: Record<string, unknown> }).info;
    expect(info).toMatchObject({ key_alias: "ci-bot", user_id: "u-42", models: ["mock-gpt"], spend: 0.0123, max_budget: 5, blocked: null });
    // Fields outside the documented shape are dropped, so the answer stays bounded.
    expect(info).not.toHaveProperty("model_spend");
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("reports a deleted key as deleted: LiteLLM keeps its row, unblocked and unexpired, and marks only status", async () => {
    const deleted = { ...keyInfo, info: { ...keyInfo.info, blocked: false, status: "deleted", deleted_at: "2026-11-25T23:00:00+00:00", deleted_by: "default_user_id" } };
    nock(TEST_HOST).get("/key/info").query(true).reply(200, deleted);
    const result = await bridge().call("get_key_info", { key: "sk-minted-Ab12Cd34Ef56Gh78" });
    expect((result.structuredContent as { info: Record<string, unknown> }).info).toMatchObject({ status: "deleted", deleted_at: "2026-11-25T23:00:00+00:00" });
  });
});

describe("list_models", () => {
  it("GETs /models with the master key", async () => {
    nock(TEST_HOST, asMaster).get("/models").reply(200, modelList);
    const result = await bridge().call("list_models", {});
    expect(result.structuredContent).toEqual({
      models: [
        { id: "mock-gpt", owned_by: "openai", created: 1677610602 },
        { id: "mock-claude", owned_by: "openai", created: 1677610602 },
      ],
    });
  });

  it("says so when LiteLLM's answer is not the documented list", async () => {
    nock(TEST_HOST).get("/models").reply(200, { models: "nope" });
    const result = await bridge().call("list_models", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/does not have the shape list_models documents/);
  });
});

describe("proxy_completion", () => {
  const callerKey = "sk-caller-virtual-99887766";

  it("POSTs /chat/completions with the caller's key, never the master key", async () => {
    let sent: unknown;
    nock(TEST_HOST, { reqheaders: { authorization: `Bearer ${callerKey}` }, badheaders: [] })
      .post("/chat/completions", (body) => ((sent = body), true))
      .reply(200, chatCompletion("mock-gpt", "Hello from the mock model"));

    const messages = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "hi" },
    ];
    const result = await bridge().call("proxy_completion", { model: "mock-gpt", messages, key: callerKey, max_tokens: 50 });

    expect(result.isError).toBeFalsy();
    expect(sent).toEqual({ model: "mock-gpt", messages, max_tokens: 50, metadata: { tags: ["litellm-mcp", "tool:proxy_completion"] } });
    expect(result.structuredContent).toEqual({
      text: "Hello from the mock model",
      model: "mock-gpt",
      finish_reason: "stop",
      usage: { prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 },
    });
  });

  it("works without LITELLM_MASTER_KEY", async () => {
    const keyless = await connect({ LITELLM_MASTER_KEY: undefined });
    nock(TEST_HOST, { reqheaders: { authorization: `Bearer ${callerKey}` } })
      .post("/chat/completions")
      .reply(200, chatCompletion("mock-gpt", "ok"));
    const result = await keyless.call("proxy_completion", { model: "mock-gpt", messages: [{ role: "user", content: "x" }], key: callerKey });
    await keyless.close();
    expect(result.isError).toBeFalsy();
  });

  it("rejects roles and shapes outside the contract", async () => {
    const result = await bridge().call("proxy_completion", { model: "m", messages: [{ role: "tool", content: "x" }], key: callerKey });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("role");
  });
});

describe("without LITELLM_MASTER_KEY", () => {
  it("lists every tool and refuses admin tools with a sentence naming the variable", async () => {
    const keyless = await connect({ LITELLM_MASTER_KEY: undefined, LITELLM_MCP_TOOLSETS: "all" });
    const { tools } = await keyless.client.listTools();
    const result = await keyless.call("list_models", {});
    await keyless.close();
    expect(tools.map((t) => t.name).sort()).toEqual(manifest.map((t) => t.name).sort());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/LITELLM_MASTER_KEY is not set/);
  });
});
