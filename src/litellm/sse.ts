// Server-sent events, read off a byte stream: yields each event's data. Bytes arrive in arbitrary pieces,
// so a line, a JSON object or a multi-byte character can be split across reads; nothing is parsed until
// its line is complete. Each piece is scanned once: a line megabytes long (a hostile or broken upstream)
// costs its length, not its length times the number of pieces it came in.

/** The data of each event, in order; multi-line data is joined with "\n" as the SSE spec says. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  /** The pieces of the line not ended yet. */
  let partial: string[] = [];
  /** The last piece ended with "\r": a "\n" opening the next one belongs to that line break. */
  let afterCR = false;
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
  const lineBreak = /\r\n|\n|\r/g;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      let start: number = afterCR && text.startsWith("\n") ? 1 : 0;
      if (text !== "") afterCR = false;
      lineBreak.lastIndex = start;
      for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
        partial.push(text.slice(start, match.index));
        const line = partial.join("");
        partial = [];
        start = match.index + match[0].length;
        afterCR = match[0] === "\r" && start === text.length;
        const event = take(line);
        if (event !== undefined) yield event;
      }
      if (start < text.length) partial.push(text.slice(start));
      if (done) {
        // The stream may stop without the blank line that ends its last event.
        const event = take(partial.join("")) ?? take("");
        if (event !== undefined) yield event;
        return;
      }
    }
  } finally {
    // Stopping early (after [DONE], or on an error) releases the connection instead of draining it.
    await reader.cancel().catch(() => {});
  }
}
