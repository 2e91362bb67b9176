// proxy_completion streams when the MCP client sends a progress token: LiteLLM is asked for SSE, the
// client gets throttled progress with the new text each time, and the result is what a plain call returns.

import { Readable } from "node:stream";
import type { CallToolResult, Progress } from "@modelcontextprotocol/client";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, connect, textOf } from "../support/connect.ts";
import { chatCompletion } from "../support/litellm-answers.ts";
import { useBridge } from "../support/nock-bridge.ts";
import { completionChunks, sseText } from "../support/sse.ts";

const bridge = useBridge();
const KEY = "sk-caller-virtual-99887766";
const messages = [{ role: "user", content: "hi" }];
const sse = { "content-type": "text/event-stream" };

function streamed(args: Record<string, unknown>, progress: Progress[], client = bridge().client): Promise<CallToolResult> {
  return client.callTool({ name: "proxy_completion", arguments: args }, { onprogress: (p) => progress.push(p) }) as Promise<CallToolResult>;
}

describe("proxy_completion with a progress token", () => {
  it("asks LiteLLM for a stream, reports the text so far, and returns what a plain call would", async () => {
    let sent: Record<string, unknown> = {};
    nock(TEST_HOST, { reqheaders: { authorization: `Bearer ${KEY}` } })
      .post("/chat/completions", (body) => ((sent = body), true))
      .reply(200, () => Readable.from(sseText(completionChunks("mock-gpt", "Hello from the mock model")).match(/[\s\S]{1,40}/g)!), sse);

    const progress: Progress[] = [];
    const result = await streamed({ model: "mock-gpt", messages, key: KEY }, progress);

    expect(sent).toEqual({
      model: "mock-gpt",
      messages,
      metadata: { tags: ["litellm-mcp", "tool:proxy_completion"] },
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      text: "Hello from the mock model",
      model: "mock-gpt",
      finish_reason: "stop",
      usage: { prompt_tokens: 8, completion_tokens: 7, total_tokens: 15 },
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    // Throttled, so how many is up to the clock; there is always the first, each carries what is new,
    // and together they are the text.
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.map((p) => p.message ?? "").join("")).toBe("Hello from the mock model");
    for (const [i, p] of progress.entries()) if (i > 0) expect(p.progress).toBeGreaterThan(progress[i - 1]!.progress);
  });

  it("does not stream without a progress token", async () => {
    let sent: Record<string, unknown> = {};
    nock(TEST_HOST)
      .post("/chat/completions", (body) => ((sent = body), true))
      .reply(200, chatCompletion("mock-gpt", "plain"));
    const result = await bridge().call("proxy_completion", { model: "mock-gpt", messages, key: KEY });
    expect(result.structuredContent).toMatchObject({ text: "plain" });
    expect(sent).not.toHaveProperty("stream");
  });

  it("redacts the caller's key in progress text as in the result", async () => {
    nock(TEST_HOST)
      .post("/chat/completions")
      .reply(200, sseText(completionChunks("mock-gpt", `Your key is ${KEY}.`, 1)), sse);
    const progress: Progress[] = [];
    const result = await streamed({ model: "mock-gpt", messages, key: KEY }, progress);
    expect(progress.map((p) => p.message ?? "").join("")).toBe("Your key is [redacted].");
    expect(JSON.stringify(progress)).not.toContain(KEY.slice(-8));
    expect(textOf(result)).not.toContain(KEY.slice(-8));
  });

  it("maps an HTTP error before the stream like any other", async () => {
    nock(TEST_HOST).post("/chat/completions").reply(401, { error: { message: "Authentication Error, Invalid proxy server token passed.", type: "auth_error", param: "None", code: "401" } });
    const result = await streamed({ model: "mock-gpt", messages, key: KEY }, []);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^LiteLLM did not accept the virtual key given in "key" \(HTTP 401\)/);
  });

  it("turns an error event mid-stream into an isError", async () => {
    const partial = completionChunks("mock-gpt", "Hello there", 3).slice(0, 2);
    nock(TEST_HOST)
      .post("/chat/completions")
      .reply(200, sseText([...partial, { error: { message: "litellm.RateLimitError: provider overloaded", type: "rate_limit_error", code: "429" } }], false), sse);
    const result = await streamed({ model: "mock-gpt", messages, key: KEY }, []);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("LiteLLM failed while streaming the completion. LiteLLM said: litellm.RateLimitError: provider overloaded");
  });

  it("stops reading at LITELLM_MCP_MAX_RESPONSE_BYTES", async () => {
    const small = await connect({ LITELLM_MCP_MAX_RESPONSE_BYTES: "600" });
    nock(TEST_HOST)
      .post("/chat/completions")
      .reply(200, () => Readable.from(sseText(completionChunks("mock-gpt", "x".repeat(5000), 50)).match(/[\s\S]{1,200}/g)!), sse);
    const result = await streamed({ model: "mock-gpt", messages, key: KEY }, [], small.client);
    await small.close();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/larger than 600 bytes \(LITELLM_MCP_MAX_RESPONSE_BYTES\)/);
  });
});
