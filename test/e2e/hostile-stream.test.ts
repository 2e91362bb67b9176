// proxy_completion streamed from a hostile upstream, through the built server over raw stdio (so every
// byte the server writes is counted): a stream that stalls after megabytes without a newline must still
// end at the completion timeout or on cancellation, with the upstream socket closed, also when the server
// runs on a small heap (garbage collection then runs while the stream is read); and a stream of many
// deltas must cost progress notifications in proportion to the text, not to its square.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CANARY_CALLER_KEY, leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY } from "../support/connect.ts";
import { FaultyUpstream, STALL_BYTES } from "../support/faulty-upstream.ts";
import { RawServer, type Message } from "../support/raw-stdio.ts";

/** Memory pressure: with a 64 MB old space V8 collects garbage while the stalled event is buffered. */
const SMALL_HEAP = "--max-old-space-size=64";
const completion = { model: "mock-gpt", key: CANARY_CALLER_KEY, messages: [{ role: "user", content: "stream to me" }] };

let upstream: FaultyUpstream;
const servers: RawServer[] = [];

async function serve(env: Record<string, string>): Promise<RawServer> {
  const server = new RawServer({ LITELLM_HOST: upstream.url, NODE_OPTIONS: SMALL_HEAP, ...env });
  servers.push(server);
  await server.initialize();
  return server;
}

/** tools/call with a progress token, so the bridge streams. */
function callStreaming(server: RawServer, id: string): Promise<Message> {
  server.write({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "proxy_completion", arguments: completion, _meta: { progressToken: id } } });
  return server.answerTo(id);
}

/** Fails with a sentence instead of hanging until the test timeout. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms))]);
}

function resultText(answer: Message): string {
  const result = answer.result as { content: { text: string }[]; isError?: boolean };
  return result.content[0]!.text;
}

beforeAll(async () => {
  upstream = await new FaultyUpstream().start();
});
afterAll(async () => {
  for (const server of servers) {
    server.child.stdin.end();
    await server.exited;
    capture("hostile-stream", server.stderr, ...server.stdoutLines);
    expect(leaksCanary(server.stderr + server.stdoutLines.join("\n"))).toBe(false);
  }
  await upstream.stop();
});

describe("a streamed completion that stalls after megabytes without a newline", () => {
  it("ends at the completion timeout with an isError, and the upstream connection is closed", async () => {
    upstream.reset("stalled-stream");
    const server = await serve({ LITELLM_MCP_COMPLETION_TIMEOUT_MS: "1500" });
    const answer = await within(10_000, "the stalled call's answer", callStreaming(server, "stall-timeout"));
    expect((answer.result as { isError?: boolean }).isError).toBe(true);
    expect(resultText(answer)).toMatch(/did not answer within 1\.5 s/);
    await vi.waitFor(() => expect(upstream.streams[0]?.closedAfterMs).toBeDefined(), { timeout: 2_000 });
    // The timeout, not the test's end, closed it.
    expect(upstream.streams[0]!.closedAfterMs).toBeLessThan(5_000);

    upstream.reset("healthy");
    const next = await within(10_000, "the next call", server.request("after", "tools/call", { name: "list_models", arguments: {} }));
    expect((next.result as { isError?: boolean }).isError, JSON.stringify(next)).toBe(true); // no master key: a sentence, served
  });

  it("a call still waiting for headers meanwhile is cut at its own timeout too", async () => {
    upstream.reset("stalled-stream");
    const server = await serve({ LITELLM_MASTER_KEY: CANARY_MASTER_KEY, LITELLM_MCP_COMPLETION_TIMEOUT_MS: "3000", LITELLM_MCP_ADMIN_TIMEOUT_MS: "2000" });
    server.write({ jsonrpc: "2.0", id: "waiting", method: "tools/call", params: { name: "list_models", arguments: {} } });
    const streamed = callStreaming(server, "churning");
    const waiting = await within(10_000, "the waiting call's answer", server.answerTo("waiting"));
    expect(resultText(waiting)).toMatch(/did not answer within 2 s/);
    expect(resultText(await within(10_000, "the stalled call's answer", streamed))).toMatch(/did not answer within 3 s/);
    await vi.waitFor(() => expect(upstream.unanswered.map((r) => r.closed)).toEqual([true]), { timeout: 2_000 });
    await vi.waitFor(() => expect(upstream.streams[0]?.closedAfterMs).toBeDefined(), { timeout: 2_000 });
  });

  it("ends when the client cancels, and the upstream connection is closed", async () => {
    upstream.reset("stalled-stream");
    // A timeout far beyond the test: only the cancellation can end the upstream request in time.
    const server = await serve({ LITELLM_MCP_COMPLETION_TIMEOUT_MS: "600000" });
    void callStreaming(server, "stall-cancel");
    await vi.waitFor(() => expect(upstream.streams[0]?.written).toBeGreaterThanOrEqual(STALL_BYTES), { timeout: 10_000 });
    // Let the bridge read what was sent (and collect garbage) before the client gives up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.write({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: "stall-cancel", reason: "the user pressed stop" } });
    await vi.waitFor(() => expect(upstream.streams[0]?.closedAfterMs).toBeDefined(), { timeout: 5_000 });

    const next = await within(10_000, "the next call", server.request("after-cancel", "ping"));
    expect(next.result).toEqual({});
  });
});

describe("progress from a stream of many small deltas", () => {
  it("each notification carries only the new text: progress costs what the text costs, and grows", async () => {
    upstream.reset("flooding-stream");
    // 2 MB of text in 10,000 deltas (about 3.3 MB of events), read in bursts so progress goes out several times.
    upstream.flood = { piece: "abcdefghij".repeat(20), pieces: 10_000, burst: 500, pauseMs: 40 };
    const cap = 4 * 1024 * 1024;
    const server = await serve({ LITELLM_MCP_COMPLETION_TIMEOUT_MS: "30000", LITELLM_MCP_MAX_RESPONSE_BYTES: String(cap) });
    const answer = await within(25_000, "the flooded call's answer", callStreaming(server, "flood"));
    const result = answer.result as { isError?: boolean; structuredContent: { text: string } };
    expect(result.isError, JSON.stringify(answer).slice(0, 300)).toBeFalsy();
    const text = result.structuredContent.text;
    expect(text.length).toBe(2_000_000);

    const progressLines = server.stdoutLines.filter((line) => line.includes('"notifications/progress"') && line.includes('"progressToken":"flood"'));
    const progress = progressLines.map((line) => (JSON.parse(line) as { params: { progress: number; message?: string } }).params);
    const written = progressLines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    console.log(`flood: ${progress.length} progress notifications, ${written} bytes of them for ${text.length} characters of text`);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    // Linear: the messages together are the text (once), plus a little JSON per notification.
    expect(written).toBeLessThanOrEqual(text.length + 200 * progress.length);
    expect(written).toBeLessThanOrEqual(cap);
    const sent = progress.map((p) => p.message ?? "").join("");
    expect(text.startsWith(sent)).toBe(true);
    // Monotonic, as the protocol requires, and counting the text received so far.
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.progress).toBeGreaterThan(progress[i - 1]!.progress);
    expect(progress.at(-1)!.progress).toBeLessThanOrEqual(text.length);
  });
});
