// The SSE reader and the chunk assembler on their own: split bytes, odd line endings, [DONE], usage in
// the last chunk, errors mid-stream, and a stream that just stops.

import { describe, expect, it } from "vitest";
import { sseData } from "../../src/sse.ts";
import { assembleCompletion, throttledProgress } from "../../src/streaming.ts";
import { completionChunks, pieces, sseText } from "../support/sse.ts";

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const data of sseData(stream)) out.push(data);
  return out;
}

describe("sseData", () => {
  it("yields the same events however the bytes are cut, including inside a multi-byte character", async () => {
    const text = 'data: {"a":"héllo – ✓"}\n\n: a comment\n\ndata: {"b":2}\r\n\r\ndata: line one\ndata: line two\n\ndata: crlf one\r\ndata: crlf two\r\n\r\ndata:[DONE]\n\n';
    const expected = ['{"a":"héllo – ✓"}', '{"b":2}', "line one\nline two", "crlf one\ncrlf two", "[DONE]"];
    for (const size of [1, 2, 3, 7, 64, 4096]) expect(await collect(pieces(text, size))).toEqual(expected);
  });

  it("keeps a last event that is not followed by a blank line", async () => {
    expect(await collect(pieces('data: {"x":1}\n\ndata: {"y":2}', 5))).toEqual(['{"x":1}', '{"y":2}']);
  });
});

describe("assembleCompletion", () => {
  it("joins the deltas and takes the finish reason and the usage of the final chunk", async () => {
    const seen: string[] = [];
    const completion = await assembleCompletion(pieces(sseText(completionChunks("mock-gpt", "Hello from the mock model")), 13), (t) => seen.push(t));
    expect(completion).toEqual({
      model: "mock-gpt",
      choices: [{ message: { content: "Hello from the mock model" }, finish_reason: "stop" }],
      usage: { completion_tokens: 7, prompt_tokens: 8, total_tokens: 15 },
    });
    expect(seen.at(-1)).toBe("Hello from the mock model");
    expect(seen.every((t, i) => i === 0 || t.startsWith(seen[i - 1]!))).toBe(true);
  });

  it("reads nothing after [DONE]", async () => {
    const completion = await assembleCompletion(pieces(`${sseText(completionChunks("m", "ok", 1))}data: not json\n\n`, 10), () => {});
    expect(completion).toMatchObject({ choices: [{ message: { content: "ok" } }] });
  });

  it("turns an error event into one sentence", async () => {
    const stream = pieces(sseText([completionChunks("m", "partial", 2)[1]!, { error: { message: "Budget has been exceeded! Current cost: 5.01, Max budget: 5.0", type: "budget_exceeded", code: "400" } }], false), 16);
    await expect(assembleCompletion(stream, () => {})).rejects.toThrow(
      "LiteLLM failed while streaming the completion. LiteLLM said: Budget has been exceeded! Current cost: 5.01, Max budget: 5.0",
    );
  });

  it("refuses a stream that stops before the completion finished", async () => {
    const cut = completionChunks("m", "half a sent", 4).slice(0, 3);
    await expect(assembleCompletion(pieces(sseText(cut, false), 16), () => {})).rejects.toThrow(/stream ended before the completion finished/);
  });

  it("refuses a chunk that is not JSON", async () => {
    await expect(assembleCompletion(pieces("data: {oops\n\n", 4), () => {})).rejects.toThrow(/not JSON/);
  });
});

describe("throttledProgress", () => {
  it("sends the first text at once, then at most once per interval", () => {
    let clock = 0;
    const sent: string[] = [];
    const report = throttledProgress((t) => sent.push(t), 250, () => clock);
    for (const [t, text] of [[0, "a"], [100, "ab"], [249, "abc"], [250, "abcd"], [260, "abcde"], [600, "abcdef"]] as const) {
      clock = t;
      report(text);
    }
    expect(sent).toEqual(["a", "abcd", "abcdef"]);
  });
});
