// Streamed completions. When the MCP client asks for progress (its request carries a progress token),
// the completion is requested from LiteLLM as server-sent events; the text that arrived since the last
// notification goes back as notifications/progress, at most every PROGRESS_INTERVAL_MS rather than per
// token; and the chunks are assembled into the chat.completion shape a plain call returns, so the
// manifest's result mapping, the output schema and redaction apply unchanged. Without a progress token
// nothing streams: the final result is the same, and a client that shows no progress gains nothing.
//
// Progress carries only what is new: resending the text so far would cost the square of the text (10 MB
// from LiteLLM became hundreds of MB on stdout), and a slow client would queue every copy in memory.

import type { ServerContext } from "@modelcontextprotocol/server";
import type { paths } from "../../generated/litellm-api.js";
import { UpstreamError } from "../errors.js";
import { pieceRedactor } from "../redact.js";
import { sseData } from "./sse.js";
import { liteLLMMessage } from "./upstream-errors.js";

export const PROGRESS_INTERVAL_MS = 250;

type ChatBody = paths["/chat/completions"]["post"]["requestBody"]["content"]["application/json"];

// Typed against the spec: if LiteLLM drops either field, `npm run typecheck` fails here.
const STREAM_FIELDS = { stream: true, stream_options: { include_usage: true } } satisfies Partial<ChatBody>;

export interface ProgressOptions {
  /** Redacted from the text before it goes out, as from every other text the server emits. */
  secrets: readonly (string | undefined)[];
  /** Bytes of text all notifications of one call may carry together; later ones carry only `progress`. */
  budgetBytes: number;
  intervalMs?: number;
  now?: () => number;
}

export interface ProgressReporter {
  /** A piece of the completion's text arrived. */
  piece(text: string): void;
  /** The stream finished: whatever was held back goes out (if progress can still grow). */
  end(): void;
}

/**
 * Turns pieces of text into progress notifications: the first at once, then at most one per interval,
 * each with the redacted text released since the previous one as its message (joined, they are the
 * text). `progress` counts the characters released so far, so it grows with every notification, as the
 * protocol requires; the end releases what was held back.
 */
export function progressReporter(send: (progress: number, message: string | undefined) => void, options: ProgressOptions): ProgressReporter {
  const { intervalMs = PROGRESS_INTERVAL_MS, now = Date.now } = options;
  const redactor = pieceRedactor(options.secrets);
  let reported = 0;
  let spentBytes = 0;
  let last = -Infinity;
  /** Sends what can be released; false when nothing could (all of it held back). */
  const flush = (final: boolean): boolean => {
    const text = redactor.take(final);
    const released = redactor.released();
    if (released === reported) return false;
    const bytes = Buffer.byteLength(text);
    const message = text !== "" && spentBytes + bytes <= options.budgetBytes ? text : undefined;
    if (message !== undefined) spentBytes += bytes;
    reported = released;
    send(released, message);
    return true;
  };
  return {
    piece(text) {
      redactor.push(text);
      const t = now();
      if (t - last >= intervalMs && flush(false)) last = t;
    },
    end() {
      flush(true);
    },
  };
}

interface Chunk {
  model?: unknown;
  usage?: unknown;
  error?: unknown;
  choices?: { index?: number; delta?: { content?: unknown }; finish_reason?: unknown }[];
}

/** Reads LiteLLM's chat.completion.chunk events into one chat.completion-shaped object; `onPiece` sees each piece of text. */
export async function assembleCompletion(body: ReadableStream<Uint8Array> | null | undefined, onPiece: (piece: string) => void): Promise<unknown> {
  if (!body) throw new UpstreamError("LiteLLM answered the streamed completion with an empty body.");
  let text = "";
  let model: unknown;
  let usage: unknown;
  let finishReason: unknown;
  let done = false;
  for await (const data of sseData(body)) {
    if (data.trim() === "[DONE]") {
      done = true;
      break;
    }
    let chunk: Chunk;
    try {
      chunk = JSON.parse(data) as Chunk;
    } catch {
      throw new UpstreamError("LiteLLM sent a streamed chunk that is not JSON. Try again; if it persists, check the proxy's logs.");
    }
    // Errors after the 200 (provider failure, budget hit mid-stream) arrive as an event of their own.
    if (chunk.error !== undefined) {
      const said = liteLLMMessage(chunk);
      throw new UpstreamError(`LiteLLM failed while streaming the completion.${said ? ` LiteLLM said: ${said}` : ""}`);
    }
    model ??= chunk.model;
    usage = chunk.usage ?? usage;
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    const piece = choice?.delta?.content;
    if (typeof piece === "string" && piece !== "") {
      text += piece;
      onPiece(piece);
    }
    if (choice?.finish_reason) finishReason = choice.finish_reason;
  }
  if (!done && finishReason === undefined) {
    throw new UpstreamError("LiteLLM's stream ended before the completion finished (no finish reason, no [DONE]). Try again.");
  }
  return { model, choices: [{ message: { content: text }, finish_reason: finishReason ?? null }], usage: usage ?? null };
}

export interface StreamingCall {
  /** The request with LiteLLM's stream fields added. */
  request: { params?: object; body?: unknown };
  /** Reads the event stream into the shape the tool's result mapping expects. */
  read: (body: ReadableStream<Uint8Array>) => Promise<unknown>;
}

/**
 * A streaming variant of the call when the client sent a progress token; otherwise undefined. Progress
 * text is redacted and bounded as ProgressOptions says.
 */
export function streamingCall(request: { params?: object; body?: unknown }, ctx: ServerContext, options: Omit<ProgressOptions, "intervalMs" | "now">): StreamingCall | undefined {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  const reporter = progressReporter((progress, message) => {
    ctx.mcpReq.notify({ method: "notifications/progress", params: { progressToken, progress, ...(message === undefined ? {} : { message }) } }).catch(() => {
      // The client went away; the call itself ends through its abort signal.
    });
  }, options);
  return {
    request: { ...request, body: { ...(request.body as object), ...STREAM_FIELDS } },
    read: async (body) => {
      const completion = await assembleCompletion(body, (piece) => reporter.piece(piece));
      reporter.end();
      return completion;
    },
  };
}
