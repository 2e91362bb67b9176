// The SSE reader and the chunk assembler on their own: split bytes, odd line endings, [DONE], usage in
// the last chunk, errors mid-stream, and a stream that just stops.

import { describe, expect, it } from "vitest";
import { sseData } from "../../src/litellm/sse.ts";
import { assembleCompletion, progressReporter } from "../../src/litellm/streaming.ts";
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
    expect(seen.join("")).toBe("Hello from the mock model");
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

describe("progressReporter", () => {
  const SECRET = "sk-progress-secret-0123456789";

  function reporter(options: { budgetBytes?: number } = {}) {
    let clock = 0;
    const sent: { progress: number; message?: string }[] = [];
    const report = progressReporter((progress, message) => sent.push(message === undefined ? { progress } : { progress, message }), {
      secrets: [SECRET],
      budgetBytes: options.budgetBytes ?? 1_000_000,
      intervalMs: 250,
      now: () => clock,
    });
    return { sent, report, at: (t: number) => (clock = t) };
  }

  it("sends the first piece at once, then at most once per interval, each with only what is new", () => {
    const { sent, report, at } = reporter();
    for (const [t, piece] of [[0, "a".repeat(40)], [100, "b"], [249, "c"], [250, "d"], [260, "e"], [600, "f"]] as const) {
      at(t);
      report.piece(piece);
    }
    report.end();
    const messages = sent.map((s) => s.message ?? "");
    // Whatever is held back (a secret may continue in the next piece) goes out with a later notification.
    expect(messages.join("")).toBe(`${"a".repeat(40)}bcdef`);
    expect(sent.at(-1)!.progress).toBe(45);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.progress).toBeGreaterThan(sent[i - 1]!.progress);
  });

  it("redacts a secret cut across pieces, however it is cut", () => {
    const text = `before ${SECRET} middle ${SECRET.slice(0, 12)} after ${SECRET.slice(-9)}.`;
    for (const size of [1, 2, 5, 7, 13, 100]) {
      const { sent, report, at } = reporter();
      for (let i = 0, t = 0; i < text.length; i += size, t += 300) {
        at(t);
        report.piece(text.slice(i, i + size));
      }
      report.end();
      expect(sent.map((s) => s.message ?? "").join(""), `pieces of ${size}`).toBe("before [redacted] middle [redacted] after [redacted].");
    }
  });

  it("stops carrying text once the budget is spent, and keeps progress growing", () => {
    const { sent, report, at } = reporter({ budgetBytes: 100 });
    for (let i = 0; i < 10; i++) {
      at(i * 300);
      report.piece("x".repeat(40));
    }
    const carried = sent.reduce((sum, s) => sum + (s.message?.length ?? 0), 0);
    expect(carried).toBeLessThanOrEqual(100);
    report.end();
    expect(sent.at(-1)).toEqual({ progress: 400 });
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.progress).toBeGreaterThan(sent[i - 1]!.progress);
  });
});
