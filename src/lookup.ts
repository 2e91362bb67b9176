// The reads a tool makes around its write (define-tool's `around`): what exists before it is written to,
// what it did afterwards. They go out like the tool's own call — its key, its timeout, the caller's
// cancellation — and, being reads, are repeated on a proxy's transient failures like any read-only tool.

import type { Lookup } from "./define-tool.js";
import type { CallOptions, LiteLLMClient } from "./litellm-client.js";
import { withRetries, type RetrySettings } from "./retry.js";

/** LiteLLM's own "not found": a 404 whose body is its JSON error, not a proxy's page or a missing route's HTML. */
const isNotFound = (status: number, body: unknown) => status === 404 && typeof body === "object" && body !== null;

export function createLookup(client: LiteLLMClient, options: CallOptions, retry: RetrySettings): Lookup {
  const get = async (path: string, init: { params?: object }, missingIsAnswer: boolean) => {
    let missing = false;
    const acceptFailure = missingIsAnswer ? (status: number, body: unknown) => (missing = isNotFound(status, body)) : undefined;
    const answer = await withRetries(() => client.call("get", path, init, { ...options, read: undefined, acceptFailure }), retry, options.signal);
    return missing ? undefined : answer;
  };
  return {
    get: (path, request) => get(path, request as { params?: object }, false) as never,
    find: (path, request) => get(path, request as { params?: object }, true) as never,
    getUnlisted: (path) => get(path, {}, false),
  };
}
