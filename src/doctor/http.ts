// How the doctor asks the proxy something: one GET, read whole but never past the size cap the tools
// obey (an endless or huge answer must not fill the doctor's memory), and failures before an answer
// turned into the bridge's usual sentences instead of thrown.

import type { Config } from "../config/config.js";
import { errorFromException, errorFromResponse, ResponseTooLargeError } from "../litellm/upstream-errors.js";

export interface Answer {
  status: number;
  /** Parsed JSON, or the text as it came when it is not JSON. */
  body: unknown;
  /** Parsed as JSON (an empty or whitespace body never does). */
  json: boolean;
}

export type Fetch = typeof fetch;

/** Reads a body as UTF-8 text, giving up (and closing the connection) once it passes `limit` bytes. */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (Number(response.headers.get("content-length")) > limit) {
    await response.body?.cancel();
    throw new ResponseTooLargeError(limit);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > limit) {
      await reader.cancel();
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** One GET against the proxy. Anything that keeps an answer from arriving comes back as a sentence. */
export async function getAnswer(config: Config, fetchImpl: Fetch, path: string, bearer?: string): Promise<Answer | string> {
  const ctx = { credential: "master", host: config.host, timeoutMs: config.adminTimeoutMs } as const;
  try {
    const response = await fetchImpl(`${config.host}${path}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      signal: AbortSignal.timeout(config.adminTimeoutMs),
      // The doctor sends the master key, and fetch keeps Authorization across a same-origin redirect: a 3xx
      // is reported where it points, as the tools report it, never followed.
      redirect: "manual",
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      return `${errorFromResponse(response, undefined, ctx).message.replace(/\.$/, "")} (GET ${path.split("?")[0]}).`;
    }
    const text = await readCapped(response, config.maxResponseBytes);
    try {
      return { status: response.status, body: JSON.parse(text), json: true };
    } catch {
      return { status: response.status, body: text, json: false };
    }
  } catch (error) {
    try {
      return `${errorFromException(error, ctx).message.replace(/\.$/, "")} (GET ${path.split("?")[0]}).`;
    } catch {
      return `Could not reach LiteLLM at ${config.host}: ${(error as Error)?.message ?? String(error)}.`;
    }
  }
}

export const succeeded = (answer: Answer): boolean => answer.status >= 200 && answer.status < 300;

/** Nothing but whitespace came back: never an answer LiteLLM gives. */
export const blank = (answer: Answer): boolean => !answer.json && String(answer.body).trim() === "";

/** What came back, in words: for sentences that say why an answer is not what LiteLLM sends. */
export function describeBody(answer: Answer): string {
  if (answer.json) return "JSON";
  if (blank(answer)) return answer.body === "" ? "an empty body" : "a body of only whitespace";
  return /^\s*</.test(String(answer.body)) ? "an HTML page" : "text that is not JSON";
}
