// Automatic retries, only for calls that are safe to repeat. A retried generate_key could mint a second key
// and a retried completion spends twice, so the decision comes from the manifest's annotations (read-only
// and idempotent), never from tool names.

import { UpstreamError } from "../errors.js";

export interface RetrySettings {
  /** Retries after the first attempt; 0 turns retrying off. */
  retries: number;
  /** The longest single wait. A Retry-After above it is not waited out: the call gives up at once. */
  maxWaitMs: number;
}

/**
 * Rate limiting and a proxy's transient gateway failures; a 500 or a timeout may have done work, so no. A
 * dropped connection is transient too: LiteLLM resets a kept-alive connection after some early answers (a 503
 * while its database is out of reach), and the next request sent on it fails before LiteLLM reads it.
 */
const TRANSIENT = new Set([429, 502, 503]);
/** First backoff when LiteLLM gives no Retry-After; doubles each time, capped at maxWaitMs. */
const FIRST_BACKOFF_MS = 250;

/** What retrying reads of a tool: its manifest entry's hints. */
export interface RetriedTool {
  annotations: { readOnlyHint: boolean; idempotentHint: boolean };
}

export function mayRetry(tool: RetriedTool): boolean {
  return tool.annotations.readOnlyHint && tool.annotations.idempotentHint;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => reject(new UpstreamError("The call was cancelled before LiteLLM answered."));
    if (signal?.aborted) return cancelled();
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      cancelled();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Runs `attempt`, repeating it on 429/502/503 with backoff that honours Retry-After; `signal` cancels the wait. */
export async function withRetries<T>(attempt: () => Promise<T>, settings: RetrySettings, signal?: AbortSignal): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof UpstreamError) || !(TRANSIENT.has(error.status ?? 0) || error.connectionLost)) throw error;
      const wait = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : Math.min(FIRST_BACKOFF_MS * 2 ** (tries - 1), settings.maxWaitMs);
      // LiteLLM's own sentence already says when to try again; past the cap it is the caller's call to make.
      if (wait > settings.maxWaitMs) throw error;
      if (tries > settings.retries) {
        throw tries === 1 ? error : new UpstreamError(`${error.message} (Tried ${tries} times.)`, error.status, error.retryAfterSeconds, error.connectionLost);
      }
      await pause(wait, signal);
    }
  }
}
