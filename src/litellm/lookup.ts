// The one reader of LiteLLM's state around a tool's own call (a manifest entry's `around`, src/manifest/tool-call.ts):
// what exists before it is written to, what a person is asked about, what the write did. Reads go out like the
// tool's own call — its key (so in caller mode they see only what the caller may see), its timeout, the
// caller's cancellation — and, being reads, are repeated on a proxy's transient failures like any read-only
// tool. Only the operations the tool's entry declares may be called: spec/operations.json records them for
// the drift report. Reads are typed by the generated document, like the tools' own calls.

import type { CallOptions, HttpMethod, LiteLLMClient } from "./client.js";
import type { OperationRequest, OperationResponse, PathWith } from "./operations.js";
import { withRetries, type RetrySettings } from "./retry.js";

/**
 * LiteLLM's state as the call's key sees it. A failure is an UpstreamError with the sentence the tool's own
 * call would give; transient ones (429, 502, 503, a dropped connection) are retried as any read is.
 */
export interface Lookup {
  /** A GET of an operation of the generated document, typed by it like the tools' own calls. */
  get<P extends PathWith<"get">>(path: P, request: OperationRequest<P, "get">): Promise<OperationResponse<P, "get">>;
  /**
   * The same, with LiteLLM's own "no such thing" as undefined: a JSON answer with one of `missing` (404 unless
   * said; /model/info answers an unknown id with 400), never a proxy's HTML page.
   */
  find<P extends PathWith<"get">>(path: P, request: OperationRequest<P, "get">, missing?: readonly number[]): Promise<OperationResponse<P, "get"> | undefined>;
  /** One of the reads LiteLLM serves over POST (/budget/info), typed the same way. */
  post<P extends PathWith<"post">>(path: P, request: OperationRequest<P, "post">): Promise<OperationResponse<P, "post">>;
  /** A GET of a route no tool serves, so the generated document does not carry it (UNLISTED_READS); untyped. */
  getUnlisted(path: UnlistedRead): Promise<unknown>;
}

/** Routes read that no tool serves: the document regen keeps has none of them, so their answers are untyped. */
export const UNLISTED_READS = ["/credentials"] as const;
export type UnlistedRead = (typeof UNLISTED_READS)[number];

/** The one POST a tool may send besides its own: undoing what LiteLLM did otherwise than the policy allows. */
export type Undo = <P extends PathWith<"post">>(path: P, request: OperationRequest<P, "post">) => Promise<unknown>;

/**
 * An operation a tool calls besides its own, as its entry declares it ("GET /team/info", "POST /key/delete"
 * for an undo): spec/operations.json records those of the generated document, so the drift report names the
 * tool when one goes, and the reader refuses any the entry does not declare.
 */
export type AroundCall = `GET ${PathWith<"get">}` | `POST ${PathWith<"post">}` | `GET ${UnlistedRead}`;

/** A call as entries declare it: "GET /team/info". */
const aroundLabel = (method: HttpMethod, path: string) => `${method.toUpperCase()} ${path}`;

/** LiteLLM's own "no such thing": a JSON answer with one of these statuses, not a proxy's page or a missing route's HTML. */
const isMissing = (missing: readonly number[]) => (status: number, body: unknown) => missing.includes(status) && typeof body === "object" && body !== null;

/** A call the entry did not declare is a bug of the entry, found by the tests that run it, never sent. */
function undeclared(tool: string, label: string): Error {
  return new Error(`${tool} calls ${label} around its own call without declaring it in its entry's around.calls.`);
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
  // Compared as the entry writes them, so nothing is parsed per call.
  const declared = new Set(tool.aroundCalls);
  const checkDeclared = (method: HttpMethod, path: string) => {
    const label = aroundLabel(method, path);
    if (!declared.has(label)) throw undeclared(tool.name, label);
  };
  // Reads are never streamed, and a failed one is never the answer: the call's own stream and 503 rules stay out.
  const send = (method: "get" | "post", path: string, init: { params?: object; body?: unknown }, acceptFailure?: CallOptions["acceptFailure"]) =>
    client.call(method, path, init, { ...sentAs, read: undefined, acceptFailure });
  const read = async (method: "get" | "post", path: string, init: { params?: object; body?: unknown }, missing?: readonly number[]) => {
    checkDeclared(method, path);
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
      checkDeclared("post", path);
      return send("post", path, request as { params?: object; body?: unknown });
    },
  };
}
