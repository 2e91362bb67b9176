// One tool call's steps (src/manifest/tool-call.ts) as the server runs them, in-process with nock: refusals come before
// the question, the question before the write; when the answer comes back the steps run again from the start,
// so what LiteLLM holds then is what is judged; and every read goes through the one reader — declared by the
// entry, sent with the call's own key, repeated on a proxy's transient failure like any read.

import type { ElicitRequestFormParams } from "@modelcontextprotocol/client";
import { createMcpHandler } from "@modelcontextprotocol/server";
import nock from "nock";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import type { LiteLLMClient } from "../../src/litellm/client.ts";
import { createLookup } from "../../src/litellm/lookup.ts";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { createServer } from "../../src/mcp/server.ts";
import { CANARY_MASTER_KEY, connect, TEST_HOST, textOf } from "../support/connect.ts";
import { asMaster, useNockChecks } from "../support/nock-bridge.ts";
import { modelDeployment, userInfo } from "../support/litellm-admin-answers.ts";
import { generatedKey, keyInfo, modelList } from "../support/litellm-answers.ts";
import { envelope } from "../support/revisions.ts";
import { answerOf, mcpHeaders } from "../support/spawn-http.ts";

const KEY = "sk-minted-Ab12Cd34Ef56Gh78";
const YES = { confirm: { action: "accept", content: { confirm: true } } };

useNockChecks();

describe("the answer to a question runs the tool's steps again from the start", () => {
  const handler = createMcpHandler(({ era }) => createServer(loadConfig({ LITELLM_HOST: TEST_HOST, LITELLM_MASTER_KEY: CANARY_MASTER_KEY }), { era }));
  afterAll(() => handler.close());

  /** delete_key as a 2026-07-28 client that can be asked sends it; `retry` holds the answer and the state. */
  async function deleteKey(retry: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const body = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "delete_key", arguments: { keys: [KEY] }, ...retry, _meta: envelope({ elicitation: { form: {} } }) } };
    const headers = { ...mcpHeaders, "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "delete_key" };
    return answerOf(await (await handler.fetch(new Request("http://litellm-mcp.test/mcp", { method: "POST", headers, body: JSON.stringify(body) }))).text());
  }
  const keyRead = () => nock(TEST_HOST, asMaster).get("/key/info").query({ key: keyHash(KEY) });

  it("a key deleted between the question and the yes is refused then: nothing is sent", async () => {
    keyRead().reply(200, keyInfo);
    const asked = (await deleteKey()).result as { resultType: string; requestState: string };
    expect(asked.resultType).toBe("input_required");

    // Someone else deleted it meanwhile; LiteLLM still describes it, marked deleted.
    keyRead().reply(200, { ...keyInfo, info: { ...keyInfo.info, status: "deleted" } });
    const deleted = nock(TEST_HOST).post("/key/delete").reply(200, { deleted_keys: [KEY] });
    const done = (await deleteKey({ inputResponses: YES, requestState: asked.requestState })).result as { isError?: boolean; content: { text: string }[] };
    expect(done.isError).toBe(true);
    expect(done.content[0]!.text).toMatch(/^LiteLLM does not have the key sk-\.\.\.Gh78, so nothing was deleted\./);
    expect(deleted.isDone()).toBe(false);
    nock.removeInterceptor({ hostname: new URL(TEST_HOST).hostname, port: new URL(TEST_HOST).port, method: "POST", path: "/key/delete" });
  });

  it("a yes for a key still there deletes it, and the answer says what LiteLLM holds afterwards", async () => {
    keyRead().reply(200, keyInfo);
    const asked = (await deleteKey()).result as { requestState: string };
    keyRead().reply(200, keyInfo);
    nock(TEST_HOST, asMaster).post("/key/delete", { keys: [KEY] }).reply(200, { deleted_keys: [KEY] });
    keyRead().reply(200, { ...keyInfo, info: { ...keyInfo.info, status: "deleted" } });
    const done = await deleteKey({ inputResponses: YES, requestState: asked.requestState });
    expect(done.result).toMatchObject({ resultType: "complete", structuredContent: { deleted: ["sk-...Gh78"], not_found: [] } });
  });
});

describe("refusals come before the question", () => {
  it("a deployment from the proxy's config file is refused, and nobody is asked", async () => {
    nock(TEST_HOST, asMaster).get("/model/info").reply(200, { data: [modelDeployment("mock-gpt", "dep-1")] });
    const questions: ElicitRequestFormParams[] = [];
    const bridge = await connect({ LITELLM_MCP_TOOLSETS: "all" }, {}, { answer: (question) => (questions.push(question), { action: "accept", content: { confirm: true } }) });
    const result = await bridge.call("delete_model", { model_id: "dep-1" });
    await bridge.close();
    expect(textOf(result)).toMatch(/^Deployment "dep-1" \("mock-gpt"\) comes from the proxy's config file/);
    expect(questions).toEqual([]);
  });
});

describe("the one reader", () => {
  it("repeats a read on a proxy's transient failure, as any read: generate_key's look at the user", async () => {
    nock(TEST_HOST, asMaster).get("/user/info").query({ user_id: "u-1" }).reply(503, { error: { message: "busy" } });
    nock(TEST_HOST, asMaster).get("/user/info").query({ user_id: "u-1" }).reply(200, userInfo(1, 1, "u-1"));
    nock(TEST_HOST, asMaster).get("/models").reply(200, modelList);
    nock(TEST_HOST, asMaster).post("/key/generate").reply(200, (_uri, body) => generatedKey(body as Record<string, unknown>));
    const bridge = await connect({ LITELLM_MCP_RETRIES: "1" });
    const result = await bridge.call("generate_key", { models: ["mock-gpt"], user_id: "u-1", duration: "1h" });
    await bridge.close();
    expect(result.isError, textOf(result)).toBeFalsy();
  });

  it("sends no call the entry does not declare", async () => {
    const client: LiteLLMClient = { call: vi.fn(async () => ({})) };
    const sentAs = { bearer: "sk-x", credential: "master" as const, timeoutMs: 1_000 };
    const { lookup, undo } = createLookup({ tool: { name: "some_tool", aroundCalls: ["GET /team/info"] }, client, sentAs, retry: { retries: 0, maxWaitMs: 0 } });
    await expect(lookup.get("/key/info", { params: { query: { key: "x" } } })).rejects.toThrow("some_tool calls GET /key/info around its own call without declaring it");
    await expect(undo("/key/delete", { body: { keys: ["x"] } })).rejects.toThrow("some_tool calls POST /key/delete");
    await lookup.get("/team/info", { params: { query: { team_id: "t" } } });
    expect(client.call).toHaveBeenCalledTimes(1);
    expect(client.call).toHaveBeenCalledWith("get", "/team/info", { params: { query: { team_id: "t" } } }, expect.objectContaining({ bearer: "sk-x" }));
  });
});
