// The shape of a manifest entry, typed against the generated `paths`: a tool's request mapping must
// produce exactly what its LiteLLM operation accepts, so spec drift fails `npm run typecheck` at the
// entry that no longer fits.

import type { ToolAnnotations } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { Credential } from "../litellm/credential.js";
import type { HttpMethod, OperationRequest, OperationResponse, PathWith } from "../litellm/operations.js";

export type { HttpMethod, OperationRequest, OperationResponse, PathWith };
import type { Holder } from "../policy/ceilings.js";
import type { Toolset } from "../policy/toolsets.js";
import type { Around, ToolCall } from "./tool-call.js";

type BodyOf<P extends PathWith<M>, M extends HttpMethod> = NonNullable<OperationRequest<P, M> extends { body?: infer B } ? B : never>;
type ParamsOf<P extends PathWith<M>, M extends HttpMethod> = NonNullable<OperationRequest<P, M> extends { params?: infer Q } ? Q : never>;

/** Every key of any member of a union (keyof a union gives only the keys all members share). */
type KeysOf<A> = A extends unknown ? keyof A : never;
/** The type at key K in whichever members of a union have it. */
type ValueAt<A, K extends PropertyKey> = A extends unknown ? (K extends keyof A ? A[K] : never) : never;
type ItemOf<A> = A extends readonly (infer E)[] ? E : never;

/**
 * T, with `never` at every key, at any depth, that the allowed type A does not declare: a field the spec no
 * longer has fails at the manifest, however deep the tool sends it. Where A takes anything (`unknown`,
 * an open map), T stands as it is; whether its values fit is plain assignability's to check.
 */
type Exact<T, A> = unknown extends A
  ? T
  : T extends readonly (infer E)[]
    ? Exact<E, ItemOf<NonNullable<A>>>[]
    : T extends object
      ? { [K in keyof T]: K extends KeysOf<Extract<NonNullable<A>, object>> ? Exact<T[K], ValueAt<Extract<NonNullable<A>, object>, K>> : never }
      : T;

/**
 * openapi-fetch's types accept any superset of a body (TypeScript checks excess properties only on fresh
 * literals, and an inferred arrow-function return is not one); this restores the check at every depth,
 * for the body's fields and each kind of parameter.
 */
export type ExactRequest<R, P extends PathWith<M>, M extends HttpMethod> = {
  [K in keyof R]: K extends "body"
    ? Exact<R[K], BodyOf<P, M>>
    : K extends "params"
      ? { [L in keyof R[K]]: L extends keyof ParamsOf<P, M> ? Exact<R[K][L], ParamsOf<P, M>[L]> : never }
      : never;
};

/** All four MCP hints, always written out: LiteLLM reads and deletes over POST, so the verb tells nothing. */
export type ToolHints = Required<Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint" | "openWorldHint">>;

/** What an entry says of its tool besides its operation, key and schemas; the server reads these as written. */
export interface ToolFacts {
  name: string;
  /** The toolset that serves it (src/policy/toolsets.ts); its file lives in src/manifest/<toolset>/. */
  toolset: Toolset;
  /** Served when LITELLM_MCP_TOOLSETS is unset (the "default" selection), or only when its toolset is on. */
  byDefault: boolean;
  title: string;
  description: string;
  annotations: ToolHints;
  /**
   * Whose limits its models, max_budget, budget_duration or reset_to arguments set: the operator's policy
   * holds each kind of holder to its own ceiling (src/policy/ceilings.ts). Only for tools with such arguments.
   */
  limits?: Holder;
  /** LiteLLM drops the limits it names from whatever held them (delete_budget unlinks the budget). */
  removesLimits?: true;
  /**
   * Its `model` argument names a model LiteLLM then calls on the operator's provider account with no key of
   * the caller's, so no key, user or team budget counts the call (a health check): the policy holds that
   * model to LITELLM_MCP_ALLOWED_MODELS.
   */
  callsModel?: true;
  /** The operation answers OpenAI chat-completion events when asked to stream (see src/litellm/streaming.ts). */
  streams?: true;
  /**
   * LiteLLM answers a failed health check with HTTP 503 and the check's report as the body. For a tool whose
   * job is to report such checks, that report is its result, not an error: this tells a report from other 503s.
   */
  checkReport?: (body: unknown) => boolean;
}

export interface ToolDefinition<
  P extends PathWith<M>,
  M extends HttpMethod,
  In extends z.ZodObject,
  Out extends z.ZodObject,
  R extends OperationRequest<P, M>,
  /** What `result` maps: LiteLLM's answer, or what `around` made of it and of what it read. */
  A = OperationResponse<P, M>,
> extends ToolFacts {
  operation: { method: M; path: P };
  credential: z.infer<In> extends { key: string } ? Credential : Exclude<Credential, "caller">;
  input: In;
  output: Out;
  request: (args: z.infer<In>) => R & ExactRequest<R, P, M>;
  /**
   * What the call does around its write (src/manifest/tool-call.ts), for a write that could never work as
   * asked, whose effect depends on LiteLLM's state (whose role a key inherits), that a person must confirm
   * first, that LiteLLM could carry out otherwise than asked, or whose answer does not say what it did.
   * Without it the call is just the write.
   */
  around?: Around<z.infer<In>, OperationResponse<P, M>, A>;
  /**
   * Maps LiteLLM's answer onto the output's fields. Field names are checked here; values are checked by
   * the output schema at run time, because LiteLLM declares most answers as `{}`. It may throw a BridgeError
   * when the answer means the call could not do what was asked (e.g. a check that found nothing to check).
   */
  result: (data: A, args: z.infer<In>) => { [K in keyof z.input<Out>]: unknown };
}

/** The form the server iterates over: types were checked in full where the entry was defined. */
export interface Tool extends ToolFacts {
  operation: { method: HttpMethod; path: string };
  credential: Credential;
  input: z.ZodObject;
  output: z.ZodObject;
  /** Builds the request from arguments the input schema has already accepted. */
  buildRequest(args: Record<string, unknown>): { params?: object; body?: unknown };
  /** The operations the entry's `around` calls besides its own; none without one. */
  aroundCalls: readonly string[];
  /** The call's steps as the entry takes them; without an `around`, just the write. */
  run(args: Record<string, unknown>, call: ToolCall<unknown>): Promise<unknown>;
  /** `result` passes on the answer `around` made from LiteLLM's state (answeredByAround), not LiteLLM's answer to the write. */
  answersFromState: boolean;
  /** Maps LiteLLM's 2xx body (or what `around` made) onto the output shape; the output schema checks the result afterwards. */
  buildResult(data: unknown, args: Record<string, unknown>): unknown;
}

/** Ties the request mapping to the operation's generated types, then erases them for the server. */
export function defineTool<
  P extends PathWith<M>,
  M extends HttpMethod,
  In extends z.ZodObject,
  Out extends z.ZodObject,
  R extends OperationRequest<P, M>,
  A = OperationResponse<P, M>,
>(
  definition: ToolDefinition<P, M, In, Out, R, A>,
): Tool {
  const { request, result, around, ...described } = definition;
  return {
    ...described,
    aroundCalls: around?.calls ?? [],
    // The SDK parsed `args` with `definition.input` before the handler runs.
    buildRequest: (args) => request(args as z.infer<In>),
    run: (args, call) => (around ? around.run(args as z.infer<In>, call as ToolCall<OperationResponse<P, M>>) : call.write()),
    answersFromState: (result as unknown) === answeredByAround,
    // The spec's response type is LiteLLM's claim about the wire; the output schema verifies it.
    buildResult: (data, args) => result(data as A, args as z.infer<In>),
  };
}

/**
 * The `result` of an entry whose `around` makes the answer itself, from what LiteLLM holds after the write
 * (LiteLLM's answer to it does not say what it did): the answer as it is, for the output schema to check.
 */
export function answeredByAround<A>(made: A): A {
  return made;
}
