// Every way LiteLLM (or the network) can fail becomes an isError result with a sentence a person can act
// on, and none of them lets a key through.

import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CANARY_MASTER_KEY, TEST_HOST, connect, textOf } from "../support/connect.ts";
import { refusedOrigin } from "../support/serve.ts";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { keyHolderReads } from "../support/nock-state.ts";
import {
  budgetExceeded,
  crashedWithoutPrisma,
  databaseUnreachable,
  invalidKey,
  keyBlocked,
  keyNotFound,
  modelNotAllowed,
  noDatabase,
  noKeysFound,
  spendLogsNoDatabase,
  teamNotFound,
  unhandledServerError,
  unknownKeyWithoutDatabase,
  unknownModel,
} from "../support/litellm-answers.ts";

const callerKey = "sk-caller-virtual-99887766";
const completion = { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], key: callerKey };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

async function failing(tool: string, args: Record<string, unknown>, env: Record<string, string> = {}): Promise<string> {
  const bridge = await connect(env);
  const result = await bridge.call(tool, args);
  await bridge.close();
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const text = textOf(result);
  expect(text).not.toContain(CANARY_MASTER_KEY);
  expect(text).not.toContain(callerKey.slice(0, 8));
  expect(text).not.toMatch(/\n\s+at /); // no stack trace
  return text;
}

describe("LiteLLM answers with an error", () => {
  it("401 on a completion blames the caller's virtual key and echoes none of it", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(401, invalidKey(callerKey));
    const text = await failing("proxy_completion", completion);
    expect(text).toMatch(/did not accept the virtual key given in "key" \(HTTP 401\)/);
  });

  it("401 on an admin call blames LITELLM_MASTER_KEY without printing it", async () => {
    nock(TEST_HOST).get("/models").reply(401, invalidKey(CANARY_MASTER_KEY));
    const text = await failing("list_models", {});
    expect(text).toMatch(/LITELLM_MASTER_KEY/);
  });

  it("a LiteLLM message that echoes the key is redacted", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(400, { error: { message: `bad key ${callerKey} and ${CANARY_MASTER_KEY.slice(-9)}` } });
    const text = await failing("proxy_completion", completion);
    expect(text).toContain("[redacted]");
  });

  it("400 for an unknown model passes LiteLLM's reason on", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(400, unknownModel("no-such-model"));
    expect(await failing("proxy_completion", { ...completion, model: "no-such-model" })).toBe(
      "LiteLLM rejected the request (HTTP 400). LiteLLM said: /chat/completions: Invalid model name passed in model=no-such-model. Call `/v1/models` to view available models for your key.",
    );
  });

  it("a management route's Python-printed error is passed on as its sentence", async () => {
    nock(TEST_HOST)
      .post("/user/new")
      .reply(409, { error: { message: "{'error': 'User with id u-1 already exists'}", type: "internal_server_error", param: null, code: "409" } });
    expect(await failing("create_user", { user_id: "u-1" }, { LITELLM_MCP_TOOLSETS: "users" })).toBe("LiteLLM answered HTTP 409 Conflict. LiteLLM said: User with id u-1 already exists");
  });

  it("a proxy that keeps models only in its config says which setting adds them, not to try later", async () => {
    nock(TEST_HOST).get("/credentials").reply(200, { success: true, credentials: [{ credential_name: "c" }] });
    nock(TEST_HOST)
      .post("/model/new")
      .reply(500, { error: { message: "{'error': \"Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature.\"}", type: "auth_error", param: "None", code: "500" } });
    const text = await failing("add_model", { model_name: "m", model: "openai/gpt-4o-mini", litellm_credential_name: "c" }, { LITELLM_MCP_TOOLSETS: "models" });
    expect(text).toMatch(/^This proxy keeps its models only in its config file.*STORE_MODEL_IN_DB=True \(retrying will not help; HTTP 500\)\.$/);
  });

  it("403 says the key is not allowed", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(403, { error: { message: "key not allowed to access model. This key can only access models=['mock-gpt']." } });
    expect(await failing("proxy_completion", completion)).toMatch(/not allowed to do this \(HTTP 403\).*only access models/);
  });

  it("a model outside the key's list names the model and where to see the allowed ones", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(403, modelNotAllowed("mock-gpt"));
    expect(await failing("proxy_completion", completion)).toBe(
      'The virtual key given in "key" may not call model "mock-gpt" (HTTP 403): get_key_info lists the models it may call.',
    );
  });

  it("a spent budget says so with the figures, instead of blaming the arguments", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(422, budgetExceeded);
    expect(await failing("proxy_completion", completion)).toBe(
      "LiteLLM refused the call because the key's budget is used up (HTTP 422): $0.0000355 spent of $0.0000001. Raise its max_budget with update_key, or use another key.",
    );
  });

  it("a spent team budget names the team", async () => {
    nock(TEST_HOST)
      .post("/chat/completions")
      .reply(400, { error: { message: "Budget has been exceeded! Team=team-a Current cost: 12.5, Max budget: 10.0", type: "budget_exceeded", param: null, code: "400" } });
    expect(await failing("proxy_completion", completion)).toBe(
      "LiteLLM refused the call because the budget of team team-a is used up (HTTP 400): $12.5 spent of $10. An admin can raise that budget in LiteLLM.",
    );
  });

  it("a blocked key says it is blocked and what unblocks it", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(401, keyBlocked);
    expect(await failing("proxy_completion", completion)).toBe(
      'The virtual key given in "key" is blocked (HTTP 401): LiteLLM refuses its calls until an admin unblocks it (unblock_key).',
    );
  });

  it("a key LiteLLM does not have (mistyped or deleted) says so", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(401, keyNotFound);
    expect(await failing("proxy_completion", completion)).toBe('LiteLLM does not know the virtual key given in "key" (HTTP 401): it is mistyped, or it has been deleted.');
  });

  it.each([
    ["delete_key", { keys: ["sk-gone"] }, "post", "/key/delete", noKeysFound, "No keys found"],
    ["get_team_info", { team_id: "t-x" }, "get", "/team/info?team_id=t-x", teamNotFound("t-x"), "Team not found, passed team id: t-x."],
  ] as const)("%s: a Python dict in LiteLLM's message is passed on as its text", async (tool, args, method, path, body, said) => {
    // delete_key reads first which keys LiteLLM has: here the key is gone by the time it deletes.
    if (tool === "delete_key") nock(TEST_HOST).get("/key/info").query(true).reply(200, { key: "sk-gone", info: { status: "active" } });
    nock(TEST_HOST)[method](path).reply(404, body);
    const text = await failing(tool, args);
    expect(text).toBe(`LiteLLM found nothing there (HTTP 404). LiteLLM said: ${said}`);
  });

  it("a database LiteLLM cannot reach right now is named, with what to check", async () => {
    nock(TEST_HOST).post("/key/block").reply(503, databaseUnreachable);
    expect(await failing("block_key", { key: "sk-x" })).toMatch(/^LiteLLM cannot reach its database right now \(HTTP 503\).*PostgreSQL server behind the proxy is running/);
  });

  it("404 passes LiteLLM's reason on", async () => {
    nock(TEST_HOST).get("/key/info").query(true).reply(404, { detail: { error: "Key not found in database" } });
    expect(await failing("get_key_info", { key: "sk-nope" })).toMatch(/HTTP 404.*Key not found/);
  });

  it("422 names the fields LiteLLM rejected", async () => {
    keyHolderReads({ userId: "u", served: ["m"] });
    nock(TEST_HOST)
      .post("/key/generate")
      .reply(422, { detail: [{ loc: ["body", "duration"], msg: "Input should be a valid string", type: "string_type" }] });
    expect(await failing("generate_key", { models: ["m"], user_id: "u", duration: "1d" })).toMatch(/HTTP 422\): duration: Input should be a valid string/);
  });

  it("429 says when to try again", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(429, { error: { message: "Rate limit exceeded" } }, { "Retry-After": "7" });
    expect(await failing("proxy_completion", completion)).toMatch(/rate-limiting.*try again in 7 s/);
  });

  it.each([
    [500, "If the same call fails the same way again, retrying will not help: the proxy's log has the cause\\."],
    [502, "unavailable for now; try again later\\."],
    [503, "unavailable for now; try again later\\."],
  ])("%i says the proxy had a problem, and whether it may pass", async (status, when) => {
    nock(TEST_HOST).get("/models").reply(status, { error: { message: "upstream exploded\nTraceback (most recent call last):\n  File x" } });
    // One answer, no automatic retry of the 502/503 (the retry suite covers those).
    const text = await failing("list_models", {}, { LITELLM_MCP_RETRIES: "0" });
    expect(text).toMatch(new RegExp(`HTTP ${status}.*${when} LiteLLM said: upstream exploded`));
    expect(text).not.toContain("Traceback");
  });

  it.each([
    ["Python int too large to convert to C int", 500],
    ["days=1500000000; must have magnitude <= 999999999", 500],
    ["date value out of range", 500],
    ["year 10360 is out of range", 500],
    ["signed integer is greater than maximum", 500],
    ["Authentication Error, Python int too large to convert to C int", 400],
  ])("a duration too large for LiteLLM (%s, HTTP %i) is a value to change, not a fault to wait out", async (message, status) => {
    // The longest duration the tools take is 36500d; an older schema let "99999999d" through to LiteLLM, which
    // answered like this (generate_key a 500, update_key a 400), and so may a LiteLLM that dates otherwise.
    nock(TEST_HOST).post("/key/update").reply(status, { error: { message, type: "internal_server_error", param: null, code: String(status) } });
    const text = await failing("update_key", { key: "sk-minted-Ab12Cd34Ef56Gh78", duration: "36500d" });
    expect(text).toBe(
      `LiteLLM cannot handle a value this large (HTTP ${status}: ${message}): a duration or number in the call is beyond what it can turn into a date or store. Retrying will not help; use a smaller value.`,
    );
  });

  it("a deployment without its provider key names the model, and who can fix it", async () => {
    nock(TEST_HOST)
      .post("/chat/completions")
      .reply(500, {
        error: {
          message:
            "litellm.InternalServerError: InternalServerError: OpenAIException - Missing credentials. Please pass an `api_key`, `workload_identity`, `admin_api_key`, or set the `OPENAI_API_KEY` or `OPENAI_ADMIN_KEY` environment variable.\n\nLiteLLM: model group 'nocred' failed with the error above. No fallback was attempted.",
          type: "internal_server_error",
          param: null,
          code: "500",
        },
      });
    const text = await failing("proxy_completion", completion);
    expect(text).toMatch(/^The deployment behind model "nocred" has no provider key: its credential is missing from LiteLLM \(HTTP 500, LiteLLM said: litellm\.InternalServerError: .*Missing credentials\..*\)\. Retrying will not help: a proxy admin must point it at a credential LiteLLM stores \(update_model\), or fix the proxy's config\.$/);
    expect(text).not.toMatch(/try again later/);
  });

  it.each([
    ["generate_key", { models: ["m"], user_id: "u", duration: "1d" }, "post", "/key/generate", noDatabase["/key/generate"]],
    ["get_key_info", { key: "sk-x" }, "get", `/key/info?key=${keyHash("sk-x")}`, noDatabase["/key/info"]],
  ] as const)("%s on a proxy without a database explains that virtual keys need one", async (tool, args, method, path, body) => {
    // The reads generate_key makes first are answered; the write is what fails here.
    if (tool === "generate_key") keyHolderReads({ userId: "u", served: ["m"] });
    nock(TEST_HOST)[method](path).reply(500, body);
    expect(await failing(tool, args)).toBe(
      "The LiteLLM proxy has no database connected, and virtual keys need one: start the proxy with DATABASE_URL set, then try again.",
    );
  });

  it("spend logs on a proxy without a database name the database, not the master key LiteLLM's 401 seems to blame", async () => {
    nock(TEST_HOST).get("/spend/logs/v2").query(true).reply(401, spendLogsNoDatabase);
    expect(await failing("get_spend_logs", { start_date: "2026-11-01", end_date: "2026-11-02" })).toBe(
      "The LiteLLM proxy has no database connected, and virtual keys need one: start the proxy with DATABASE_URL set, then try again.",
    );
  });

  it.each(["block_key", "unblock_key"])("%s: LiteLLM's reasonless 500 says so and names the likely cause, not 'try again later'", async (tool) => {
    nock(TEST_HOST).post(`/key/${tool.split("_")[0]}`).reply(500, unhandledServerError);
    const text = await failing(tool, { key: "sk-x" });
    expect(text).toMatch(/^LiteLLM failed with an error it did not handle \(HTTP 500 "Internal server error"\).*a proxy without a database fails this way/);
    expect(text).not.toMatch(/try again later/);
  });

  it("a virtual key on a proxy without a database is an authentication failure, said plainly", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(400, unknownKeyWithoutDatabase);
    expect(await failing("proxy_completion", completion)).toMatch(/did not accept the virtual key given in "key": the proxy has no database/);
  });

  it("a wrong master key on a proxy without a database blames LITELLM_MASTER_KEY", async () => {
    nock(TEST_HOST).get("/models").reply(400, unknownKeyWithoutDatabase);
    expect(await failing("list_models", {})).toMatch(/did not accept LITELLM_MASTER_KEY: it is not this proxy's master key/);
  });

  it("a bare plain-text 500 says LiteLLM crashed and names the missing-prisma cause, not LITELLM_HOST", async () => {
    keyHolderReads({ userId: "u", served: ["m"] });
    nock(TEST_HOST).post("/key/generate").reply(500, crashedWithoutPrisma, { "Content-Type": "text/plain; charset=utf-8" });
    const text = await failing("generate_key", { models: ["m"], user_id: "u", duration: "1d" });
    expect(text).toMatch(/^LiteLLM crashed while handling the call \(HTTP 500, plain-text "Internal Server Error".*pip install prisma/);
    expect(text).not.toContain("LITELLM_HOST");
  });

  it("an HTML error page is named as such", async () => {
    nock(TEST_HOST).get("/models").reply(502, "<html><body>Bad Gateway</body></html>", { "Content-Type": "text/html" });
    expect(await failing("list_models", {}, { LITELLM_MCP_RETRIES: "0" })).toMatch(/HTTP 502.*an HTML page instead of JSON.*LITELLM_HOST/);
  });

  it("malformed JSON on success is reported, not thrown", async () => {
    nock(TEST_HOST).get("/models").reply(200, '{"data": [', { "Content-Type": "application/json" });
    expect(await failing("list_models", {})).toMatch(/malformed JSON/);
  });

  it("an empty 200 body is named as such", async () => {
    nock(TEST_HOST).get("/models").reply(200, "");
    expect(await failing("list_models", {})).toMatch(/HTTP 200 OK with an empty body instead of JSON/);
  });

  it("a body over the size cap stops reading", async () => {
    nock(TEST_HOST).get("/models").reply(200, JSON.stringify({ data: [], pad: "x".repeat(5000) }));
    expect(await failing("list_models", {}, { LITELLM_MCP_MAX_RESPONSE_BYTES: "1000" })).toMatch(/larger than 1000 bytes/);
  });

  it("a slow answer hits the timeout", async () => {
    nock(TEST_HOST).get("/models").delay(2000).reply(200, {});
    expect(await failing("list_models", {}, { LITELLM_MCP_ADMIN_TIMEOUT_MS: "100" })).toMatch(/did not answer within 0.1 s.*LITELLM_MCP_ADMIN_TIMEOUT_MS/);
  });
});

describe("LiteLLM cannot be reached", () => {
  it("connection refused names the host and LITELLM_HOST", async () => {
    nock.enableNetConnect("127.0.0.1");
    const origin = await refusedOrigin();
    const text = await failing("list_models", {}, { LITELLM_HOST: origin });
    expect(text).toBe(`Could not connect to LiteLLM at ${origin} (connection refused). Is the proxy running? Check LITELLM_HOST.`);
  });

  it("an unresolvable host says to check the name", async () => {
    nock(TEST_HOST).get("/models").replyWithError(Object.assign(new Error("getaddrinfo ENOTFOUND litellm.test"), { code: "ENOTFOUND" }));
    expect(await failing("list_models", {})).toMatch(/Could not resolve the host name in LITELLM_HOST/);
  });
});
