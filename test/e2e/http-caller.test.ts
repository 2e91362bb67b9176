// The built bin with --http in caller mode (LITELLM_MCP_AUTH=caller) against the LiteLLM stand-in: how it
// refuses to start, the 401 a request without a key gets before anything goes upstream, each caller's key
// on exactly that caller's upstream calls when two callers interleave, and no key in any log line.

import type { CallToolResult } from "@modelcontextprotocol/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { keyHash } from "../../src/manifest/key-hash.ts";
import { redact } from "../../src/redact.ts";
import { textOf } from "../support/connect.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { runCli } from "../support/run-cli.ts";
import { describeAt2026, REVISION } from "../support/revisions.ts";
import { answerOf, connectHttp, initialize, mcpHeaders, modernPost, raw, startHttpInstance, type HttpInstance } from "../support/spawn-http.ts";

const MASTER = "sk-caller-e2e-master-14142135";
const ALICE = "sk-caller-e2e-alice-27182818";
const BOB = "sk-caller-e2e-bob-31415926";
const STRANGER = "sk-caller-e2e-stranger-16180339";
const SECRETS = [MASTER, ALICE, BOB, STRANGER];

let upstream: FakeLiteLLM;
const running: HttpInstance[] = [];

beforeAll(async () => {
  upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
  upstream.state.mint(ALICE, { user_id: "alice", key_alias: "alice-laptop" });
  upstream.state.mint(BOB, { user_id: "bob", key_alias: "bob-laptop" });
});
afterEach(async () => {
  for (const instance of running.splice(0)) {
    await instance.stop();
    for (const secret of SECRETS) expect(instance.stderr()).not.toContain(secret.slice(-8));
  }
});
afterAll(() => upstream.stop());

async function start(args: string[] = [], env: Record<string, string> = {}): Promise<HttpInstance> {
  const instance = await startHttpInstance(args, { LITELLM_HOST: upstream.url, LITELLM_MCP_AUTH: "caller", ...env });
  running.push(instance);
  return instance;
}

const as = (key: string) => ({ requestInit: { headers: { authorization: `Bearer ${key}` } } });

describe("starting in caller mode", () => {
  it.each([
    ["with a master key", ["--http", "--port", "0"], { LITELLM_MASTER_KEY: MASTER }, /LITELLM_MCP_AUTH=caller .* unset LITELLM_MASTER_KEY/],
    ["with an access token", ["--http", "--port", "0"], { LITELLM_MCP_HTTP_TOKEN: "tok-caller-e2e-0123456789" }, /LITELLM_MCP_HTTP_TOKEN cannot be combined with LITELLM_MCP_AUTH=caller/],
    ["over stdio", [], {}, /LITELLM_MCP_AUTH=caller needs --http/],
  ])("is refused %s", async (_case, args, env, message) => {
    const run = await runCli(args, { LITELLM_HOST: upstream.url, LITELLM_MCP_AUTH: "caller", ...env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain(MASTER.slice(-8));
  });

  it("may bind beyond loopback without a token, since every request must bring a LiteLLM key", async () => {
    const server = await start(["--host", "0.0.0.0"]);
    expect(server.stderr()).toMatch(/each caller's LiteLLM key required.*caller mode: no master key held/);
  });
});

describe("a request without a key", () => {
  it("gets 401 with WWW-Authenticate, and nothing reaches LiteLLM", async () => {
    const server = await start();
    const before = upstream.requests.length;
    const call = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "list_models", arguments: {} } });
    const modern = [modernPost(3, "server/discover"), modernPost(4, "tools/call", { name: "list_models", arguments: {} })];
    for (const { headers, body } of [{ headers: mcpHeaders, body: initialize }, { headers: mcpHeaders, body: call }, ...modern]) {
      const naked = await raw(server.url, { headers, body });
      expect(naked.status).toBe(401);
      expect(naked.headers["www-authenticate"]).toMatch(/^Bearer realm=/);
      expect(naked.body).toMatch(/Send your LiteLLM key as Authorization: Bearer/);
    }
    // A 2026-07-28 client words the 401 of its server/discover itself.
    await expect(connectHttp(server.url)).rejects.toThrow(REVISION === "2026-07-28" ? /requires authorization \(HTTP 401\)/ : /Send your LiteLLM key/);
    expect(upstream.requests.length).toBe(before);
    // Health checks need no key: a load balancer has none.
    expect(await raw(server.url, { method: "GET", path: "/healthz" })).toMatchObject({ status: 200, body: "ok" });
  });
});

describeAt2026("what a 2026-07-28 client may cache", () => {
  it("tools/list and server/discover are the caller's own (private), and a tool result is no cacheable result", async () => {
    const server = await start();
    const withKey = (post: { headers: Record<string, string>; body: string }) => ({ headers: { ...post.headers, authorization: `Bearer ${ALICE}` }, body: post.body });
    for (const method of ["tools/list", "server/discover"]) {
      const answer = answerOf((await raw(server.url, withKey(modernPost(1, method)))).body);
      expect(answer.result, method).toMatchObject({ ttlMs: 300_000, cacheScope: "private" });
    }
    const called = answerOf((await raw(server.url, withKey(modernPost(2, "tools/call", { name: "list_models", arguments: {} })))).body);
    expect(called.result).toMatchObject({ resultType: "complete" });
    expect(called.result).not.toHaveProperty("cacheScope");
  });
});

describe("two callers at once", () => {
  it("each call goes upstream with its own caller's key and answers with that caller's data", async () => {
    const server = await start();
    const clients = { alice: await connectHttp(server.url, as(ALICE)), bob: await connectHttp(server.url, as(BOB)) };
    const keys = { alice: ALICE, bob: BOB };
    const before = upstream.requests.length;

    const calls = Array.from({ length: 40 }, async (_, i) => {
      const who = i % 2 === 0 ? "alice" : "bob";
      const client = clients[who];
      const info = (await client.callTool({ name: "get_key_info", arguments: { key: keys[who] } })) as CallToolResult;
      expect(info.structuredContent, textOf(info)).toMatchObject({ info: { user_id: who, key_alias: `${who}-laptop` } });
      const reply = (await client.callTool({ name: "proxy_completion", arguments: { model: "mock-gpt", messages: [{ role: "user", content: `${who} #${i}` }] } })) as CallToolResult;
      expect(reply.isError, textOf(reply)).toBeFalsy();
      return [info, reply];
    });
    const results = (await Promise.all(calls)).flat();

    const seen = upstream.requests.slice(before);
    expect(seen).toHaveLength(80);
    for (const request of seen) {
      // The key LiteLLM saw belongs to the caller the request was made for: by the key asked about (its hash: a key
      // never travels in a URL), or the message sent.
      expect(request.path).not.toMatch(/sk-caller/);
      const owner = request.path.startsWith("/key/info") ? (request.path.includes(keyHash(ALICE)) ? "alice" : "bob") : String((request.body as { messages: { content: string }[] }).messages[0]!.content).split(" ")[0]!;
      expect(request.authorization).toBe(`Bearer ${keys[owner as "alice" | "bob"]}`);
    }
    // The results carry neither caller's key (get_key_info's key_name is LiteLLM's own abbreviation).
    for (const secret of SECRETS) expect(JSON.stringify(results)).not.toContain(secret.slice(-8));
    await Promise.all(Object.values(clients).map((c) => c.close()));
  });

  it("a key LiteLLM does not know is LiteLLM's to refuse, and the refusal hides it", async () => {
    const server = await start();
    const stranger = await connectHttp(server.url, as(STRANGER));
    const result = (await stranger.callTool({ name: "list_models", arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^LiteLLM does not know the LiteLLM key your MCP client sends \(HTTP 401\)/);
    // As redact() counts a leak: the key, or 6+ characters of its start or end (LiteLLM's "sk-...0339" is its own abbreviation).
    expect(redact(textOf(result), [STRANGER])).toBe(textOf(result));
    expect(upstream.requests.at(-1)?.authorization).toBe(`Bearer ${STRANGER}`);
    await stranger.close();
  });
});
