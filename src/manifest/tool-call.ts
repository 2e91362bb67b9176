// The one shape of what a tool does around its own LiteLLM call (a manifest entry's `around`): read what
// LiteLLM holds, refuse what can never work or what the policy refuses, ask the person, write, read again to
// check, undo or answer. The server runs it (src/mcp/server.ts); every read goes through one reader typed by
// the generated document (src/litellm/lookup.ts), with the call's own key, timeout, cancellation and read retries.

import type { AroundCall, Lookup } from "../litellm/lookup.js";
import type { LiteLLMState } from "../litellm/state.js";
import type { Policy } from "../policy/operator-policy.js";

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
