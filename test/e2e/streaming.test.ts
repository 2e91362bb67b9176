// Streaming end to end: the built server over stdio, a client that asks for progress, and the stand-in
// answering `stream: true` with server-sent events. Cancelling the MCP call closes the upstream stream.

import type { CallToolResult, Progress } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

const MASTER = "sk-e2e-stream-master-27182818";
const messages = [{ role: "user", content: "hi" }];

async function mintKey(server: Spawned): Promise<string> {
  const minted = await server.call("generate_key", { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "1h" });
  return (minted.structuredContent as { key: string }).key;
}

describe("streamed completions over stdio", () => {
  let upstream: FakeLiteLLM;
  let server: Spawned;

  beforeAll(async () => {
    upstream = await new FakeLiteLLM({ masterKey: MASTER, streamDelayMs: 120 }).start();
    server = await spawnServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER });
  });
  afterAll(async () => {
    await server.close();
    await upstream.stop();
    expect(server.stderr()).not.toContain(MASTER.slice(-8));
  });

  it("sends progress with the new text each time and returns the full text, finish reason and usage", async () => {
    const key = await mintKey(server);
    const progress: Progress[] = [];
    const result = (await server.client.callTool({ name: "proxy_completion", arguments: { model: "mock-gpt", messages, key } }, {
      onprogress: (p) => progress.push(p),
    })) as CallToolResult;

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      text: "Hello from the stand-in (mock-gpt)",
      model: "mock-gpt",
      finish_reason: "stop",
      usage: { prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 },
    });
    expect(progress.length).toBeGreaterThanOrEqual(1);
    // Each carries only what is new. The last, sent just before the result, may be dropped by the SDK's
    // client, which handles notifications a microtask after they arrive and the response at once.
    const joined = progress.map((p) => p.message ?? "").join("");
    expect(joined).not.toBe("");
    expect("Hello from the stand-in (mock-gpt)".startsWith(joined)).toBe(true);
    const call = upstream.requests.at(-1)!;
    expect(call.body).toMatchObject({ stream: true, stream_options: { include_usage: true }, metadata: { tags: ["litellm-mcp", "tool:proxy_completion"] } });
    expect(call.authorization).toBe(`Bearer ${key}`);
    expect(call.stream).toBe("completed");
  });

  it("cancelling the MCP call closes the stream to LiteLLM, and the server keeps serving", async () => {
    const key = await mintKey(server);
    const cancel = new AbortController();
    let firstProgress: () => void;
    const started = new Promise<void>((resolve) => (firstProgress = resolve));
    const call = server.client.callTool({ name: "proxy_completion", arguments: { model: "mock-gpt", messages, key } }, {
      onprogress: () => firstProgress(),
      signal: cancel.signal,
    });
    call.catch(() => {});
    await started;
    cancel.abort("user pressed stop");

    await expect(call).rejects.toThrow();
    const streamed = upstream.requests.filter((r) => r.path === "/chat/completions").at(-1)!;
    await vi.waitFor(() => expect(streamed.stream).toBe("aborted"), { timeout: 5_000 });

    const after = await server.call("list_models", {});
    expect(after.isError).toBeFalsy();
  });
});
