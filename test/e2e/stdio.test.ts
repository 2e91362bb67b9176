// The built server, spawned as an MCP host would spawn it, driven over stdio by the SDK Client against a
// local stand-in that answers like LiteLLM.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";
import { textOf } from "../support/connect.ts";
import { manifest } from "../../src/manifest/index.ts";

const MASTER = "sk-e2e-canary-master-31415926";
let upstream: FakeLiteLLM;
let server: Spawned;
const transcript: string[] = [];

beforeAll(async () => {
  upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
  server = await spawnServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER, LITELLM_MCP_TOOLSETS: "all" });
});
afterAll(async () => {
  await server.close();
  await upstream.stop();
  // The canary master key appears in nothing the server emitted: results or stderr.
  expect(transcript.join("\n")).not.toContain(MASTER.slice(-8));
  expect(server.stderr()).not.toContain(MASTER.slice(-8));
});

async function call(name: string, args: Record<string, unknown>) {
  const result = await server.call(name, args);
  transcript.push(JSON.stringify(result));
  return result;
}

describe("over stdio", () => {
  it("lists every manifest tool of every toolset with input and output schemas and all four hints", async () => {
    const { tools } = await server.client.listTools();
    transcript.push(JSON.stringify(tools));
    expect(tools.map((t) => t.name).sort()).toEqual(manifest.map((t) => t.name).sort());
    for (const tool of tools) {
      expect(tool.outputSchema?.type).toBe("object");
      expect(Object.keys(tool.annotations ?? {})).toEqual(expect.arrayContaining(["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]));
    }
    const completion = tools.find((t) => t.name === "proxy_completion")!;
    expect(completion.inputSchema.required).toEqual(["model", "messages", "key"]);
  });

  it("mints a key, inspects it, and completes with it — each with the right credential", async () => {
    const models = await call("list_models", {});
    expect((models.structuredContent as { models: { id: string }[] }).models.map((m) => m.id)).toEqual(["mock-gpt", "mock-claude"]);

    const minted = await call("generate_key", { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "1h" });
    expect(minted.isError).toBeFalsy();
    const key = (minted.structuredContent as { key: string }).key;

    const info = await call("get_key_info", { key });
    expect((info.structuredContent as { info: { models: string[] } }).info.models).toEqual(["mock-gpt"]);

    const reply = await call("proxy_completion", { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], key });
    expect(reply.structuredContent).toMatchObject({ text: "Hello from the stand-in (mock-gpt)", model: "mock-gpt", finish_reason: "stop" });

    const byRoute = Object.fromEntries(upstream.requests.map((r) => [`${r.method} ${r.path.split("?")[0]}`, r.authorization]));
    expect(byRoute).toEqual({
      "GET /models": `Bearer ${MASTER}`,
      // generate_key reads the key's user (and the models served) first.
      "GET /user/info": `Bearer ${MASTER}`,
      "POST /key/generate": `Bearer ${MASTER}`,
      "GET /key/info": `Bearer ${MASTER}`,
      "POST /chat/completions": `Bearer ${key}`,
    });
    expect(upstream.requests.every((r) => r.userAgent?.startsWith("litellm-mcp/"))).toBe(true);
  });

  it("a key minted for one model cannot be used for another, and says why", async () => {
    const minted = await call("generate_key", { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "1h" });
    const key = (minted.structuredContent as { key: string }).key;
    const denied = await call("proxy_completion", { model: "mock-claude", messages: [{ role: "user", content: "hi" }], key });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/may not call model "mock-claude" \(HTTP 403\)/);
    expect(textOf(denied)).not.toContain(key.slice(-8));
  });

  it("answers bad input with isError and keeps serving", async () => {
    const bad = await call("generate_key", { models: "mock-gpt", user_id: 7 });
    expect(bad.isError).toBe(true);
    const after = await call("list_models", {});
    expect(after.isError).toBeFalsy();
  });

  it("logs only to stderr, one line per event", () => {
    expect(server.stderr()).toMatch(/^litellm-mcp info: .*serving LiteLLM at http:\/\/127\.0\.0\.1:\d+/m);
  });
});
