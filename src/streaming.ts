// Streamed completions. When the MCP client asks for progress (its request carries a progress token),
// the completion is requested from LiteLLM as server-sent events; the text so far goes back as
// notifications/progress, at most every PROGRESS_INTERVAL_MS rather than per token; and the chunks are
// assembled into the chat.completion shape a plain call returns, so the manifest's result mapping, the
// output schema and redaction apply unchanged. Without a progress token nothing streams: the final
// result is the same, and a client that shows no progress gains nothing from it.

import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import type { paths } from "../generated/litellm-api.js";
import { UpstreamError } from "./errors.js";
import { sseData } from "./sse.js";
import { liteLLMMessage } from "./upstream-errors.js";

export const PROGRESS_INTERVAL_MS = 250;

type ChatBody = paths["/chat/completions"]["post"]["requestBody"]["content"]["application/json"];

// Typed against the spec: if LiteLLM drops either field, `npm run typecheck` fails here.
const STREAM_FIELDS = { stream: true, stream_options: { include_usage: true } } satisfies Partial<ChatBody>;

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Calls `send` with the text so far, at most once per interval; the first piece goes out at once. */
export function throttledProgress(send: (text: string) => void, intervalMs = PROGRESS_INTERVAL_MS, now: () => number = Date.now): (text: string) => void {
  let last = -Infinity;
  return (text) => {
    const t = now();
    if (t - last < intervalMs) return;
    last = t;
    send(text);
  };
}

interface Chunk {
  model?: unknown;
  usage?: unknown;
  error?: unknown;
  choices?: { index?: number; delta?: { content?: unknown }; finish_reason?: unknown }[];
}

/** Reads LiteLLM's chat.completion.chunk events into one chat.completion-shaped object. */
export async function assembleCompletion(body: ReadableStream<Uint8Array> | null | undefined, onText: (text: string) => void): Promise<unknown> {
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
      onText(text);
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
 * text passes through `scrub` (redaction) like every other text the server emits.
 */
export function streamingCall(request: { params?: object; body?: unknown }, extra: Extra, scrub: (text: string) => string): StreamingCall | undefined {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  const report = throttledProgress((text) => {
    // progress must grow with every notification: the length of the text so far does.
    extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress: text.length, message: scrub(text) } }).catch(() => {
      // The client went away; the call itself ends through its abort signal.
    });
  });
  return {
    request: { ...request, body: { ...(request.body as object), ...STREAM_FIELDS } },
    read: (body) => assembleCompletion(body, report),
  };
}
