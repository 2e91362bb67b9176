// The one reader of LiteLLM's state around a tool's own call (src/tool-call.ts): what exists before it is
// written to, what a person is asked about, what the write did. Reads go out like the tool's own call — its
// key (so in caller mode they see only what the caller may see), its timeout, the caller's cancellation —
// and, being reads, are repeated on a proxy's transient failures like any read-only tool. Only the
// operations the tool's entry declares may be called: spec/operations.json records them for the drift report.

import type { CallOptions, LiteLLMClient } from "./litellm-client.js";
import { withRetries, type RetrySettings } from "./retry.js";
import { parseAroundCall, type Lookup, type Undo } from "./tool-call.js";

/** LiteLLM's own "no such thing": a JSON answer with one of these statuses, not a proxy's page or a missing route's HTML. */
const isMissing = (missing: readonly number[]) => (status: number, body: unknown) => missing.includes(status) && typeof body === "object" && body !== null;

/** A call the entry did not declare is a bug of the entry, found by the tests that run it, never sent. */
function undeclared(tool: string, method: string, path: string): Error {
  return new Error(`${tool} calls ${method.toUpperCase()} ${path} around its own call without declaring it in its entry's around.calls.`);
}

export interface LookupOptions {
  /** The tool whose call the reads serve, and the operations its entry declares. */
  tool: { name: string; aroundCalls: readonly string[] };
  client: LiteLLMClient;
  /** How the tool's own call is sent: key, credential, timeout, cancellation. */
  sentAs: CallOptions;
  retry: RetrySettings;
}

export function createLookup({ tool, client, sentAs, retry }: LookupOptions): { lookup: Lookup; undo: Undo } {
  const declared = new Set(tool.aroundCalls.map((call) => `${parseAroundCall(call).method} ${parseAroundCall(call).path}`));
  // Reads are never streamed, and a failed one is never the answer: the call's own stream and 503 rules stay out.
  const send = (method: "get" | "post", path: string, init: { params?: object; body?: unknown }, acceptFailure?: CallOptions["acceptFailure"]) =>
    client.call(method, path, init, { ...sentAs, read: undefined, acceptFailure });
  const read = async (method: "get" | "post", path: string, init: { params?: object; body?: unknown }, missing?: readonly number[]) => {
    if (!declared.has(`${method} ${path}`)) throw undeclared(tool.name, method, path);
    let absent = false;
    const acceptFailure = missing ? (status: number, body: unknown) => (absent = isMissing(missing)(status, body)) : undefined;
    const answer = await withRetries(() => send(method, path, init, acceptFailure), retry, sentAs.signal);
    return absent ? undefined : answer;
  };
  return {
    lookup: {
      get: (path, request) => read("get", path, request as { params?: object }) as never,
      find: (path, request, missing = [404]) => read("get", path, request as { params?: object }, missing) as never,
      post: (path, request) => read("post", path, request as { params?: object; body?: unknown }) as never,
      getUnlisted: (path) => read("get", path, {}),
    },
    // An undo is sent once, like the write it undoes: a repeated delete could meet what the first one did.
    undo: async (path, request) => {
      if (!declared.has(`post ${path}`)) throw undeclared(tool.name, "post", path);
      return send("post", path, request as { params?: object; body?: unknown });
    },
  };
}
