// The built bin with --http, driven by the SDK's Streamable HTTP client against the LiteLLM stand-in:
// the same tools as over stdio, no session state (two instances can share one client), loopback without
// a token, anything else only with one, and Host/Origin checked against DNS rebinding.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/client";
import { textOf } from "../support/connect.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { describeAt2026, REVISION } from "../support/revisions.ts";
import { answerOf, connectHttp, initialize, mcpHeaders, modernPost, openingPost, raw, startHttpInstance, type HttpInstance } from "../support/spawn-http.ts";

/** This run's opening request, as a raw POST can send it with other headers beside. */
const opening = openingPost();
const openWith = (headers: Record<string, string>) => ({ headers: { ...opening.headers, ...headers }, body: opening.body });

const MASTER = "sk-http-canary-master-16180339";
const TOKEN = "tok-http-canary-5f2e8a91c3d74b06";
let upstream: FakeLiteLLM;
const running: HttpInstance[] = [];

beforeAll(async () => {
  upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
});
afterEach(async () => {
  for (const instance of running.splice(0)) {
    await instance.stop();
    // Neither secret reaches the log, whatever happened.
    expect(instance.stderr()).not.toContain(MASTER.slice(-8));
    expect(instance.stderr()).not.toContain(TOKEN.slice(-8));
  }
});
afterAll(() => upstream.stop());

async function start(args: string[] = [], env: Record<string, string> = {}): Promise<HttpInstance> {
  const instance = await startHttpInstance(args, { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER, ...env });
  running.push(instance);
  return instance;
}

describe("--http on loopback", () => {
  it("serves the tools to the SDK's Streamable HTTP client, each call with the right credential", async () => {
    const server = await start();
    expect(server.url.hostname).toBe("127.0.0.1");
    expect(server.url.pathname).toBe("/mcp");
    const client = await connectHttp(server.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(["generate_key", "get_key_info", "list_models", "proxy_completion"]));

    const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
    const minted = await call("generate_key", { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "1h" });
    const key = (minted.structuredContent as { key: string }).key;
    const info = await call("get_key_info", { key });
    expect((info.structuredContent as { info: { models: string[] } }).info.models).toEqual(["mock-gpt"]);
    const reply = await call("proxy_completion", { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], key });
    expect(reply.structuredContent).toMatchObject({ text: "Hello from the stand-in (mock-gpt)" });
    const bad = await call("generate_key", { models: [] });
    expect(bad.isError).toBe(true);
    expect(upstream.requests.find((r) => r.path === "/chat/completions")?.authorization).toBe(`Bearer ${key}`);
    await client.close();
  });

  it("reuses its connections to LiteLLM from one MCP request to the next", async () => {
    const server = await start();
    const client = await connectHttp(server.url);
    const before = upstream.connections;
    for (let i = 0; i < 10; i++) expect((await client.callTool({ name: "list_models", arguments: {} })).isError).toBeFalsy();
    await client.close();
    // One connection serves calls made one after another; a new one per request would make ten.
    expect(upstream.connections - before).toBeLessThanOrEqual(2);
  });

  it("keeps no session: one client's requests alternate between two instances and all succeed", async () => {
    const [a, b] = [await start(), await start()];
    const hits = { a: 0, b: 0 };
    let turn = 0;
    // A round-robin "load balancer" in front of the two instances.
    const balanced: typeof fetch = (input, init) => {
      const target = turn++ % 2 === 0 ? a : b;
      hits[target === a ? "a" : "b"]++;
      return fetch(new URL(target.url.pathname, target.url), init);
    };
    const client = await connectHttp(a.url, { fetch: balanced });
    for (let i = 0; i < 3; i++) {
      const models = (await client.callTool({ name: "list_models", arguments: {} })) as CallToolResult;
      expect(models.isError).toBeFalsy();
    }
    expect(hits.a).toBeGreaterThan(1);
    expect(hits.b).toBeGreaterThan(1);
    expect(client.transport && "sessionId" in client.transport ? client.transport.sessionId : undefined).toBeUndefined();
    await client.close();
  });

  it("refuses a Host or Origin that is not this server (DNS rebinding), and answers health checks", async () => {
    const server = await start();
    const rebound = await raw(server.url, openWith({ host: `attacker.example:${server.url.port}` }));
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain("serverInfo");
    const foreign = await raw(server.url, openWith({ origin: "http://attacker.example" }));
    expect(foreign.status).toBe(403);
    // Same name, another port or scheme: a different origin (another local app, a page over TLS).
    const port = Number(server.url.port);
    for (const origin of [`http://localhost:${port + 1}`, `http://127.0.0.1:${port - 1}`, "http://127.0.0.1", `https://127.0.0.1:${port}`, `ftp://localhost:${port}`]) {
      const other = await raw(server.url, openWith({ origin }));
      expect(other.status, origin).toBe(403);
    }
    const local = await raw(server.url, openWith({ origin: `http://localhost:${server.url.port}` }));
    expect(local.status).toBe(200);
    expect(local.body).toContain("serverInfo");
    expect(local.headers["mcp-session-id"]).toBeUndefined();

    expect((await raw(server.url, { method: "GET", headers: { accept: "text/event-stream" } })).status).toBe(405);
    expect((await raw(server.url, { method: "DELETE" })).status).toBe(405);
    expect((await raw(server.url, { ...opening, path: "/other" })).status).toBe(404);
    expect((await raw(server.url, { headers: mcpHeaders, body: "{not json" })).status).toBe(400);
    expect(await raw(server.url, { method: "GET", path: "/healthz" })).toMatchObject({ status: 200, body: "ok" });
  });
});

describe(`the protocol at ${REVISION}`, () => {
  it("answers a call for a tool it does not serve with the protocol's error, not a tool result", async () => {
    const server = await start([], { LITELLM_MCP_DISABLED_TOOLS: "generate_key" });
    const client = await connectHttp(server.url);
    const before = upstream.requests.length;
    for (const name of ["no_such_tool", "generate_key"]) {
      await expect(client.callTool({ name, arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining(name) });
    }
    expect(upstream.requests.length).toBe(before);
    await client.close();
  });
});

describeAt2026("2026-07-28 over HTTP, by hand", () => {
  const listModels = { name: "list_models", arguments: {} };

  it("checks the Mcp-Method, Mcp-Name and MCP-Protocol-Version headers against the body before anything reaches LiteLLM", async () => {
    const server = await start();
    const before = upstream.requests.length;
    const call = modernPost(7, "tools/call", listModels);
    const mismatches: Record<string, Record<string, string>> = {
      "another method": { ...call.headers, "mcp-method": "tools/list" },
      "another tool name": { ...call.headers, "mcp-name": "generate_key" },
    };
    for (const [what, headers] of Object.entries(mismatches)) {
      const answer = await raw(server.url, { headers, body: call.body });
      expect(answer.status, what).toBe(400);
      expect(answerOf(answer.body), what).toMatchObject({ error: { code: -32020 } });
    }
    const { "mcp-protocol-version": _version, ...unversioned } = call.headers;
    expect((await raw(server.url, { headers: unversioned, body: call.body })).status).toBe(400);
    expect(upstream.requests.length).toBe(before);
    // The same request with agreeing headers is served.
    const served = await raw(server.url, call);
    expect(answerOf(served.body)).toMatchObject({ result: { resultType: "complete", structuredContent: { models: expect.any(Array) } } });
  });

  it("says that tools/list and server/discover may be cached by anyone for five minutes: with a master key they follow from the settings alone", async () => {
    const server = await start();
    for (const method of ["tools/list", "server/discover"]) {
      const answer = answerOf((await raw(server.url, modernPost(8, method))).body);
      expect(answer.result, method).toMatchObject({ ttlMs: 300_000, cacheScope: "public" });
    }
    // A tool result is not a cacheable result: it carries no hint.
    const called = answerOf((await raw(server.url, modernPost(9, "tools/call", listModels))).body);
    expect(called.result).not.toHaveProperty("ttlMs");
  });

  it("keeps serving 2025-11-25 on the same endpoint, whose answers carry no cache fields", async () => {
    const server = await start();
    const answer = answerOf((await raw(server.url, { headers: mcpHeaders, body: initialize })).body);
    expect(answer.result).toMatchObject({ serverInfo: { name: "litellm-mcp" } });
    expect(answer.result).not.toHaveProperty("ttlMs");
  });
});

describe("JSON-RPC batches", () => {
  it("are refused as on stdio, before any of their calls reaches LiteLLM", async () => {
    const server = await start();
    const before = upstream.requests.length;
    const calls = Array.from({ length: 5 }, (_, i) => ({ jsonrpc: "2.0", id: i + 1, method: "tools/call", params: { name: "list_models", arguments: {} } }));
    // With this run's opening, and as a 2025-11-25 client's plain calls (which the SDK alone would serve, up to 100).
    for (const body of [JSON.stringify([JSON.parse(opening.body), ...calls]), JSON.stringify(calls)]) {
      const batch = await raw(server.url, { headers: opening.headers, body });
      expect(batch.status).toBe(400);
      expect(JSON.parse(batch.body)).toMatchObject({ jsonrpc: "2.0", error: { code: -32600, message: "Invalid Request: batches are not supported." } });
    }
    expect(upstream.requests.length).toBe(before);
  });
});

describe("--http on a non-loopback address", () => {
  it("refuses to start without LITELLM_MCP_HTTP_TOKEN", async () => {
    const failure = await start(["--host", "0.0.0.0"]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/Serving on 0\.0\.0\.0 .*LITELLM_MCP_HTTP_TOKEN must be set/);
  });

  it("refuses a token too short to be secret", async () => {
    const failure = await start(["--host", "0.0.0.0"], { LITELLM_MCP_HTTP_TOKEN: "short" }).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { stderr: string }).stderr).toMatch(/LITELLM_MCP_HTTP_TOKEN must be at least 16 characters/);
  });

  it("demands the token on every request and serves the tools to a client that sends it", async () => {
    const server = await start(["--host", "0.0.0.0"], { LITELLM_MCP_HTTP_TOKEN: TOKEN });
    const url = new URL(`http://127.0.0.1:${server.url.port}/mcp`);

    await expect(connectHttp(url)).rejects.toThrow(/401|Unauthorized|access token/i);
    await expect(connectHttp(url, { requestInit: { headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` } } })).rejects.toThrow(/401|Unauthorized|access token/i);

    const client = await connectHttp(url, { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } });
    const models = (await client.callTool({ name: "list_models", arguments: {} })) as CallToolResult;
    expect(models.isError).toBeFalsy();
    expect(textOf(models)).toContain("mock-gpt");
    await client.close();

    // Even after a successful session, a request without the token is refused on its own.
    const naked = await raw(url, opening);
    expect(naked.status).toBe(401);
    expect(naked.headers["www-authenticate"]).toMatch(/^Bearer/);
    // The token does not buy a foreign Host.
    const rebound = await raw(url, openWith({ authorization: `Bearer ${TOKEN}`, host: "attacker.example" }));
    expect(rebound.status).toBe(403);
  });
});
