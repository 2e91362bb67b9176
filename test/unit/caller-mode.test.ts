// Caller mode (LITELLM_MCP_AUTH=caller) in-process, with nock: the server holds no master key, every tool
// sends the key of the request it serves, a refusal names the caller's LiteLLM role, and the key never
// comes back out. The wording of the roles comes from LiteLLM 1.108.7's answers (test/db has the real thing).

import nock from "nock";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { ConfigError } from "../../src/errors.ts";
import { runDoctor } from "../../src/doctor/checks.ts";
import { formatReport } from "../../src/doctor/report.ts";
import { createServer } from "../../src/mcp/server.ts";
import { CANARY_CALLER_KEY, leaksCanary } from "../support/canary.ts";
import { CANARY_MASTER_KEY, TEST_HOST, connect, textOf, type Connected } from "../support/connect.ts";
import { useNockChecks } from "../support/nock-bridge.ts";
import { generatedKey, modelList } from "../support/litellm-answers.ts";
import { keyHolderReads } from "../support/nock-state.ts";

const CALLER_ENV = { LITELLM_MCP_AUTH: "caller", LITELLM_MASTER_KEY: undefined };
const asCaller = { reqheaders: { authorization: `Bearer ${CANARY_CALLER_KEY}` } };
const completion = { model: "mock-gpt", messages: [{ role: "user", content: "hi" }] };

function connectAsCaller(env: Record<string, string> = {}): Promise<Connected> {
  return connect({ ...CALLER_ENV, ...env }, { callerKey: CANARY_CALLER_KEY });
}

useNockChecks();
afterAll(() => nock.enableNetConnect());

describe("LITELLM_MCP_AUTH", () => {
  it("defaults to master, takes caller, and names itself when misspelled", () => {
    expect(loadConfig({}).auth).toBe("master");
    expect(loadConfig({ LITELLM_MCP_AUTH: " Caller " }).auth).toBe("caller");
    expect(() => loadConfig({ LITELLM_MCP_AUTH: "callers" })).toThrow(/LITELLM_MCP_AUTH must be "master" or "caller", got "callers"/);
  });

  it("refuses to hold a master key in caller mode, without printing it", () => {
    const env = { LITELLM_MCP_AUTH: "caller", LITELLM_MASTER_KEY: CANARY_MASTER_KEY };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/unset LITELLM_MASTER_KEY/);
    try {
      loadConfig(env);
    } catch (error) {
      expect(leaksCanary((error as Error).message)).toBe(false);
    }
  });

  it("a server is built with a caller key exactly when the mode says so", () => {
    expect(() => createServer(loadConfig({ LITELLM_MCP_AUTH: "caller" }))).toThrow(/caller key/);
    expect(() => createServer(loadConfig({}), { callerKey: CANARY_CALLER_KEY })).toThrow(/caller key/);
  });
});

describe("every tool sends the caller's key", () => {
  it("admin routes, reads and completions all carry it, and so do the reads a write makes first; the open health route carries none", async () => {
    nock(TEST_HOST, asCaller).get("/models").reply(200, modelList);
    keyHolderReads({ userId: "alice" }, asCaller);
    nock(TEST_HOST, asCaller).post("/key/generate").reply(200, (_uri, body) => generatedKey(body as Record<string, unknown>));
    nock(TEST_HOST, asCaller)
      .post("/chat/completions")
      .reply(200, { model: "mock-gpt", choices: [{ message: { content: "hello" }, finish_reason: "stop" }], usage: null });
    nock(TEST_HOST, { badheaders: ["authorization"] }).get("/health/readiness").reply(200, { status: "healthy", db: "connected" });
    const bridge = await connectAsCaller();
    for (const [tool, args] of [
      ["list_models", {}],
      ["generate_key", { models: ["mock-gpt"], user_id: "alice", duration: "1h" }],
      ["proxy_completion", completion],
      ["check_health", {}],
    ] as const) {
      const result = await bridge.call(tool, args);
      expect(result.isError, textOf(result)).toBeFalsy();
    }
    await bridge.close();
  });

  it("proxy_completion takes no key: it is the caller's own, so a key in the arguments is refused", async () => {
    const bridge = await connectAsCaller();
    const { tools } = await bridge.client.listTools();
    const listed = tools.find((t) => t.name === "proxy_completion")!;
    expect(Object.keys(listed.inputSchema.properties ?? {})).not.toContain("key");
    expect(listed.inputSchema.required).not.toContain("key");
    expect(listed.description).toMatch(/your own LiteLLM key/);
    // Other tools keep `key` where it names the key to act on.
    expect(tools.find((t) => t.name === "get_key_info")!.inputSchema.required).toContain("key");

    const smuggled = await bridge.call("proxy_completion", { ...completion, key: "sk-someone-elses-key-31415" });
    expect(smuggled.isError).toBe(true);
    expect(textOf(smuggled)).toMatch(/key/);
    await bridge.close();
  });

  it("operator policy still applies first: nothing is sent for a refused call", async () => {
    const bridge = await connectAsCaller({ LITELLM_MCP_ALLOWED_MODELS: "mock-gpt" });
    const refused = await bridge.call("generate_key", { models: ["mock-claude"], user_id: "alice", duration: "1h" });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^Refused by policy/);
    await bridge.close();
  });
});

describe("what LiteLLM refuses names the caller's role", () => {
  async function refusal(reply: () => nock.Scope): Promise<string> {
    reply();
    const bridge = await connectAsCaller();
    const result = await bridge.call("block_key", { key: "sk-of-another-user-2718" });
    await bridge.close();
    expect(result.isError).toBe(true);
    return textOf(result);
  }

  it("a refusal that names the role is explained from it, without asking LiteLLM again", async () => {
    const text = await refusal(() =>
      nock(TEST_HOST, asCaller)
        .post("/key/block")
        .reply(401, { error: { message: "Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=/key/block. Your role=internal_user_viewer. Your user_id=al***ce", type: "auth_error", code: "401" } }),
    );
    expect(text).toMatch(/^LiteLLM refused this for your key \(role internal_user_viewer, HTTP 401\): an internal_user_viewer key may only read/);
    expect(text).not.toMatch(/wrong, expired or blocked/);
  });

  it("a refusal that does not is explained after asking LiteLLM who the key belongs to", async () => {
    const text = await refusal(() => {
      nock(TEST_HOST, asCaller).get("/user/info").reply(200, { user_id: "alice", user_info: { user_id: "alice", user_role: "internal_user" }, keys: [], teams: [] });
      return nock(TEST_HOST, asCaller)
        .post("/key/block")
        .reply(403, { error: { message: "{'error': 'You are not authorized to block this key'}", type: "internal_server_error", code: "403" } });
    });
    expect(text).toMatch(/^LiteLLM refused this for your key \(role internal_user, HTTP 403\): an internal_user key may list, read and delete its own keys/);
    expect(text).toMatch(/LiteLLM said: .*not authorized to block this key/);
  });

  it("an internal user's key may not mint here: LiteLLM lets only a proxy_admin set the routes every minted key is limited to", async () => {
    keyHolderReads({ userId: "alice" }, asCaller);
    let sent: Record<string, unknown> | undefined;
    // LiteLLM 1.108.7's answer, recorded from a real proxy, to an internal_user's key sending allowed_routes.
    nock(TEST_HOST, asCaller)
      .post("/key/generate", (body) => ((sent = body), true))
      .reply(403, { error: { message: "{'error': 'Only proxy admins can set `allowed_routes` on a key. Use `key_type` to pick a preset route bucket instead.'}", type: "internal_server_error", param: null, code: "403" } });
    nock(TEST_HOST, asCaller).get("/user/info").reply(200, { user_id: "alice", user_info: { user_id: "alice", user_role: "internal_user" }, keys: [], teams: [] });
    const bridge = await connectAsCaller();
    const result = await bridge.call("generate_key", { models: ["mock-gpt"], user_id: "alice", duration: "1h" });
    await bridge.close();
    expect(result.isError).toBe(true);
    // The bridge asked for the exact routes, never for a key_type, whose route group would reach more.
    expect(sent).toMatchObject({ allowed_routes: ["/chat/completions", "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models"] });
    expect(sent).not.toHaveProperty("key_type");
    expect(textOf(result)).toMatch(/^LiteLLM refused this for your key \(role internal_user, HTTP 403\): .*but not mint keys here \(each key this server mints carries a route limit that LiteLLM lets only a proxy_admin set\)/);
  });

  it("a key of no user is called that", async () => {
    const text = await refusal(() => {
      nock(TEST_HOST, asCaller).get("/user/info").reply(404, { error: { message: "User None not found", code: "404" } });
      return nock(TEST_HOST, asCaller).post("/key/block").reply(403, { error: { message: "You are not authorized to block this key", code: "403" } });
    });
    expect(text).toMatch(/^LiteLLM refused this for your key \(a key of no LiteLLM user, HTTP 403\)/);
  });

  it("an open route that refuses is not about the caller's key: no lookup, and no key is blamed", async () => {
    const lookup = nock(TEST_HOST).get("/user/info").reply(200, { user_info: { user_role: "internal_user" } });
    nock(TEST_HOST, { badheaders: ["authorization"] }).get("/health/readiness").reply(403, { error: { message: "You are not authorized to read this" } });
    const bridge = await connectAsCaller();
    const result = await bridge.call("check_health", {});
    await bridge.close();
    expect(lookup.isDone()).toBe(false);
    nock.cleanAll();
    expect(textOf(result)).toMatch(/^A request without a key is not allowed to do this \(HTTP 403\)/);
  });

  it("a bad key is not a role question: no lookup, and the sentence is about the caller's key, not a key argument", async () => {
    const text = await refusal(() =>
      nock(TEST_HOST, asCaller).post("/key/block").reply(401, { error: { message: "Authentication Error, Invalid API key provided.", type: "token_not_found_in_db", code: "401" } }),
    );
    expect(text).toBe("LiteLLM does not know the LiteLLM key your MCP client sends (HTTP 401): it is mistyped, or it has been deleted.");
  });

  it("a limit of the key itself (a model it may not use) is passed on without a role lecture", async () => {
    nock(TEST_HOST, asCaller)
      .post("/chat/completions")
      .reply(403, { error: { message: "The requested model 'mock-claude' is not available for this API key, or the model name is invalid.", type: "key_model_access_denied", code: "403" } });
    const bridge = await connectAsCaller();
    const result = await bridge.call("proxy_completion", { ...completion, model: "mock-claude" });
    await bridge.close();
    expect(textOf(result)).toMatch(/^The LiteLLM key your MCP client sends may not call model "mock-claude" \(HTTP 403\)/);
  });

  it("the caller's key is redacted from LiteLLM's words and from results", async () => {
    nock(TEST_HOST, asCaller).get("/models").reply(400, { error: { message: `bad key ${CANARY_CALLER_KEY}` } });
    nock(TEST_HOST, asCaller).get("/models").reply(200, { data: [{ id: `model-named-${CANARY_CALLER_KEY.slice(-8)}` }] });
    const bridge = await connectAsCaller({ LITELLM_MCP_RETRIES: "0" });
    const failed = await bridge.call("list_models", {});
    const answered = await bridge.call("list_models", {});
    await bridge.close();
    expect(textOf(failed)).toContain("[redacted]");
    expect(leaksCanary(JSON.stringify([failed, answered]))).toBe(false);
  });
});

describe("doctor in caller mode", () => {
  const config = loadConfig({ LITELLM_HOST: TEST_HOST, LITELLM_MCP_AUTH: "caller" });
  const readiness = (answer: nock.Body, status = 200) => {
    nock(TEST_HOST).get("/health/liveliness").reply(200, JSON.stringify("I'm alive!"), { "content-type": "application/json" });
    nock(TEST_HOST, { badheaders: ["authorization"] }).get("/health/readiness").reply(status, answer);
    nock(TEST_HOST).get("/openapi.json").reply(404, { detail: "Not Found" });
  };

  it("asks for no master key, and passes when LiteLLM has the database callers' keys live in", async () => {
    readiness({ status: "healthy", db: "connected" });
    const checks = await runDoctor(config);
    expect(checks.map((c) => c.status)).not.toContain("fail");
    expect(formatReport(checks, [])).toMatch(/^ok +Caller mode \(LITELLM_MCP_AUTH=caller\): no master key is held/m);
    expect(formatReport(checks, [])).not.toMatch(/LITELLM_MASTER_KEY is not set/);
  });

  it("fails when LiteLLM has no database: it would refuse every caller's key", async () => {
    readiness({ status: "healthy", db: "Not connected" });
    expect(formatReport(await runDoctor(config), [])).toMatch(/^FAIL +LiteLLM reports its database as "Not connected" .* every caller would be refused/m);
  });

  it("warns when readiness does not say", async () => {
    readiness({ detail: "Not Found" }, 404);
    expect(formatReport(await runDoctor(config), [])).toMatch(/^warn +Could not tell whether LiteLLM has a database/m);
  });
});
