// LiteLLM's streamed chat completion as it goes over the wire: chat.completion.chunk events, a final
// usage chunk when stream_options.include_usage is set, then "data: [DONE]".

export function completionChunks(model: string, text: string, pieces = 8): object[] {
  const size = Math.ceil(text.length / pieces);
  const parts = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
  const base = { id: "chatcmpl-stream-1", created: 1764108000, model, object: "chat.completion.chunk", system_fingerprint: null };
  return [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
    ...parts.map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    { ...base, choices: [], usage: { completion_tokens: parts.length, prompt_tokens: 8, total_tokens: 8 + parts.length } },
  ];
}

/** The bytes of an SSE stream carrying `events`, ended by [DONE] unless told otherwise. */
export function sseText(events: object[], done = true): string {
  return events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("") + (done ? "data: [DONE]\n\n" : "");
}

/** A byte stream delivering `text` in pieces of `size` bytes, cutting through lines, JSON and characters. */
export function pieces(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}
