// Server-sent events, read off a byte stream: yields each event's data. Bytes arrive in arbitrary pieces,
// so a line, a JSON object or a multi-byte character can be split across reads; nothing is parsed until
// its line is complete.

/** The data of each event, in order; multi-line data is joined with "\n" as the SSE spec says. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  // A data line is "data:" plus an optional space; an empty line ends the event; ":" lines are comments.
  const take = (line: string): string | undefined => {
    if (line === "") {
      const event = data.length > 0 ? data.join("\n") : undefined;
      data = [];
      return event;
    }
    if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
    return undefined;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.search(/\r\n|\n|\r/)) >= 0) {
        // A lone "\r" at the end may be the first half of "\r\n": wait for the next piece.
        if (!done && buffer[end] === "\r" && end === buffer.length - 1) break;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith("\r\n", end) ? 2 : 1));
        const event = take(line);
        if (event !== undefined) yield event;
      }
      if (done) {
        // The stream may stop without the blank line that ends its last event.
        const event = take(buffer) ?? take("");
        if (event !== undefined) yield event;
        return;
      }
    }
  } finally {
    // Stopping early (after [DONE], or on an error) releases the connection instead of draining it.
    await reader.cancel().catch(() => {});
  }
}
