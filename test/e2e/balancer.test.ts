// The HTTP mode scaled out: two built replicas in caller mode behind a real nginx running the README's nginx site
// (round-robin, no affinity), with the LiteLLM stand-in upstream. A bounded load is all answered and spread
// over both replicas, every upstream call carries the key of the caller it was made for, and a streamed
// completion's progress and its cancellation both cross the balancer.

import type { CallToolResult, Progress } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cancellingFetch } from "../support/cancelling-fetch.ts";
import { textOf } from "../support/connect.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { REVISION } from "../support/revisions.ts";
import { nginxOrSkip, readmeNginxSite, siteFor, startNginx, type RunningNginx } from "../support/nginx.ts";
import { connectHttp, initialize, mcpHeaders, raw, startHttpInstance, type HttpInstance } from "../support/spawn-http.ts";
import { keyHash } from "../../src/litellm/key-hash.ts";

const CALLS = 2_000;
const CONCURRENCY = 50;
const KEYS = { alice: "sk-balancer-alice-57721566", bob: "sk-balancer-bob-66743015" } as const;
type Caller = keyof typeof KEYS;

const nginx = nginxOrSkip("balancer");

it("the README holds the one nginx site this suite runs, with the upstream and listen lines it swaps", () => {
  const site = readmeNginxSite();
  expect(site).toMatch(/^upstream litellm_mcp \{$/m);
  expect(siteFor([new URL("http://127.0.0.1:1"), new URL("http://127.0.0.1:2")], 3)).toMatch(/server 127\.0\.0\.1:1;\n\s*server 127\.0\.0\.1:2;[\s\S]*listen 127\.0\.0\.1:3;/);
});
let upstream: FakeLiteLLM;
let replicas: HttpInstance[] = [];
let balancer: RunningNginx;

const as = (who: Caller) => ({ requestInit: { headers: { authorization: `Bearer ${KEYS[who]}` } } });

describe.skipIf(!nginx)("two replicas behind nginx", () => {
  beforeAll(async () => {
    upstream = await new FakeLiteLLM({ masterKey: "sk-balancer-master-unused-1", streamDelayMs: 200 }).start();
    for (const who of Object.keys(KEYS) as Caller[]) upstream.state.mint(KEYS[who], { user_id: who, key_alias: `${who}-key` });
    replicas = await Promise.all([0, 1].map(() => startHttpInstance([], { LITELLM_HOST: upstream.url, LITELLM_MCP_AUTH: "caller" })));
    balancer = await startNginx(nginx!, replicas.map((r) => r.url));
  });
  afterAll(async () => {
    await balancer?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
    await upstream?.stop();
    for (const replica of replicas) for (const key of Object.values(KEYS)) expect(replica.stderr()).not.toContain(key.slice(-8));
  });

  it(`answers ${CALLS} calls from ${CONCURRENCY} clients at once, spread over both replicas, each with its caller's key`, { timeout: 300_000 }, async () => {
    const before = upstream.requests.length;
    const hitsBefore = balancer.hits();
    const started = performance.now();
    let failures = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        const who: Caller = worker % 2 === 0 ? "alice" : "bob";
        const client = await connectHttp(balancer.url, as(who));
        for (let i = worker; i < CALLS; i += CONCURRENCY) {
          const result = (await (i % 2 === 0
            ? client.callTool({ name: "get_key_info", arguments: { key: KEYS[who] } })
            : client.callTool({ name: "proxy_completion", arguments: { model: "mock-gpt", messages: [{ role: "user", content: `${who} #${i}` }] } }))) as CallToolResult;
          if (result.isError) failures++;
          // An answer about the other caller's key would be another caller's data.
          if (i % 2 === 0) expect(result.structuredContent, textOf(result)).toMatchObject({ info: { user_id: who, key_alias: `${who}-key` } });
          else expect(result.structuredContent).toMatchObject({ text: "Hello from the stand-in (mock-gpt)" });
        }
        await client.close();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    expect(failures).toBe(0);

    const seen = upstream.requests.slice(before);
    expect(seen).toHaveLength(CALLS);
    for (const request of seen) {
      const owner = request.path.startsWith("/key/info")
        ? // The key asked about travels as its hash.
          (Object.keys(KEYS) as Caller[]).find((who) => request.path.includes(keyHash(KEYS[who])))!
        : ((request.body as { messages: { content: string }[] }).messages[0]!.content.split(" ")[0] as Caller);
      expect(request.authorization).toBe(`Bearer ${KEYS[owner]}`);
    }

    const after = balancer.hits();
    const perReplica = replicas.map((r) => (after.get(r.url.host) ?? 0) - (hitsBefore.get(r.url.host) ?? 0));
    const total = perReplica.reduce((a, b) => a + b, 0);
    // Every tool call, plus each client's opening (2025-11-25: initialize and the initialized notification;
    // 2026-07-28: server/discover alone), went through nginx.
    expect(total).toBe(CALLS + (REVISION === "2026-07-28" ? 1 : 2) * CONCURRENCY);
    for (const count of perReplica) expect(count / total).toBeGreaterThan(0.4);
    console.log(`balancer: ${CALLS} calls at concurrency ${CONCURRENCY} in ${seconds.toFixed(1)} s through nginx; per replica ${perReplica.join(" / ")} requests`);
  });

  it("passes Host on as the client sent it, so a page of this origin passes the replicas' check and another port does not", async () => {
    const withKey = { ...mcpHeaders, authorization: `Bearer ${KEYS.alice}` };
    const own = await raw(balancer.url, { headers: { ...withKey, origin: balancer.url.origin }, body: initialize });
    expect(own.status, own.body).toBe(200);
    const otherApp = await raw(balancer.url, { headers: { ...withKey, origin: `http://127.0.0.1:${Number(balancer.url.port) === 5173 ? 5174 : 5173}` }, body: initialize });
    expect(otherApp.status).toBe(403);
    expect(otherApp.body).toMatch(/Origin .* is not allowed/);
  });

  it("passes a streamed completion's progress through as it comes", async () => {
    const client = await connectHttp(balancer.url, as("alice"));
    const progress: { at: number; update: Progress }[] = [];
    const result = (await client.callTool({ name: "proxy_completion", arguments: { model: "mock-gpt", messages: [{ role: "user", content: "alice streams" }] } }, {
      onprogress: (update) => progress.push({ at: performance.now(), update }),
    })) as CallToolResult;
    const done = performance.now();
    expect(result.structuredContent).toMatchObject({ text: "Hello from the stand-in (mock-gpt)", finish_reason: "stop" });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    // Unbuffered: the first update arrived well before the answer (the stand-in waits 200 ms between events).
    expect(done - progress[0]!.at).toBeGreaterThan(300);
    expect(upstream.requests.at(-1)).toMatchObject({ authorization: `Bearer ${KEYS.alice}`, stream: "completed" });
    await client.close();
  });

  it("cancels: a client that closes the call's stream ends the replica's request to LiteLLM", async () => {
    const client = await connectHttp(balancer.url, { ...as("bob"), fetch: cancellingFetch() });
    const cancel = new AbortController();
    let firstProgress!: () => void;
    const streaming = new Promise<void>((resolve) => (firstProgress = resolve));
    const call = client.callTool({ name: "proxy_completion", arguments: { model: "mock-gpt", messages: [{ role: "user", content: "bob changes his mind" }] } }, {
      onprogress: () => firstProgress(),
      signal: cancel.signal,
    });
    call.catch(() => {});
    await streaming;
    cancel.abort("bob pressed stop");
    await expect(call).rejects.toThrow(/bob pressed stop/);

    const streamed = upstream.requests.filter((r) => r.path === "/chat/completions" && r.authorization === `Bearer ${KEYS.bob}`).at(-1)!;
    await vi.waitFor(() => expect(streamed.stream).toBe("aborted"), { timeout: 5_000 });
    const next = (await client.callTool({ name: "list_models", arguments: {} })) as CallToolResult;
    expect(next.isError, textOf(next)).toBeFalsy();
    await client.close();
  });
});
