// The one shape of what a tool does around its own LiteLLM call (a manifest entry's `around`): read what
// LiteLLM holds, refuse what can never work or what the policy refuses, ask the person, write, read again to
// check, undo or answer. The server runs it (src/server.ts); every read goes through one reader typed by the
// generated document (src/lookup.ts), with the call's own key, timeout, cancellation and read retries.

import type { HttpMethod, OperationRequest, OperationResponse, PathWith } from "./define-tool.js";
import type { LiteLLMState } from "./litellm-state.js";
import type { Policy } from "./policy.js";

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

/** "GET /team/info" → its method and path. */
export function parseAroundCall(call: string): { method: HttpMethod; path: string } {
  const [method, path] = call.split(" ") as [string, string];
  return { method: method.toLowerCase() as HttpMethod, path };
}

/** What a tool's `around` is given for one call: the steps it takes, in the order it takes them. */
export interface ToolCall<Answer> {
  /** Reads of LiteLLM's state (only the operations the entry declares). */
  lookup: Lookup;
  /** The same reads as the policy names them (a user's role, a team's admins, ...) and its undos, over `lookup`. */
  state: LiteLLMState;
  /** The operator's limits, for judging what the write will let its result do. */
  policy: Policy;
  /**
   * Before a destructive write, once, after every refusal: asks the person `question()` where the client can be
   * asked (the question is read only then). Returns on a yes, or where nobody can be asked and the operator
   * allows that; otherwise the call ends here: with the question (the client answers by calling the tool again,
   * which runs `around` again from the start), a refusal, or the person's no.
   */
  confirm(question: () => Promise<string>): Promise<void>;
  /** Sends the tool's own request, once, and returns LiteLLM's answer. */
  write(): Promise<Answer>;
}

/**
 * A manifest entry's `around`: `calls` declares every operation `run` reads or undoes with; `run` takes the
 * call's steps and returns what the entry's `result` maps, LiteLLM's answer to the write or (with
 * `result: answeredByAround`) the answer it made from what it read.
 */
export interface Around<Args, Answer, A> {
  calls: readonly AroundCall[];
  run(args: Args, call: ToolCall<Answer>): Promise<A>;
}
