// The one HTTP client for LiteLLM: openapi-fetch over the generated `paths`, a user agent and a body-size
// cap as middleware, and one function that turns {data, error, response} into a value or an UpstreamError.
// Requests go out through src/litellm/http-transport.ts, which never follows redirects, with one AbortController
// per call that the timeout and the caller's cancellation abort.

import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../../generated/litellm-api.js";
import { callerRole, type GetWithCallerKey } from "./caller-role.js";
import { InputError, UpstreamError } from "../errors.js";
import { createHttpSend, type Send } from "./http-transport.js";
import { roleNamedIn } from "./roles.js";
import { MAX_ANSWER_DEPTH, nestedDeeperThan } from "../nesting.js";
import { answerFromText, errorFromException, errorFromResponse, isRoleRefusal, liteLLMMessage, ResponseTooLargeError, type CallContext } from "./upstream-errors.js";
import { VERSION } from "../version.js";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** What the client needs of the server's settings (src/config/config.ts reads them from the environment). */
export interface ClientSettings {
  /** LiteLLM's base URL, without a trailing slash. */
  host: string;
  /** Largest response body read; reading stops there. */
  maxResponseBytes: number;
}

export interface CallOptions {
  /** The key for `Authorization: Bearer` — the master key or the caller's virtual key; none for open routes. */
  bearer: string | undefined;
  credential: CallContext["credential"];
  /** Caller mode: `bearer`, when there is one, is the key the MCP request carried (a refusal then names its LiteLLM role). */
  asCaller?: boolean;
  timeoutMs: number;
  /** Aborted when the MCP client cancels the call. */
  signal?: AbortSignal;
  /** Reads a 2xx body as a stream instead of JSON; timeout, cancellation and the size cap still apply. */
  read?: (body: ReadableStream<Uint8Array>) => Promise<unknown>;
  /** A non-2xx answer this accepts is returned as the answer (health checks report failures as 503s). */
  acceptFailure?: (status: number, body: unknown) => boolean;
}

export interface LiteLLMClient {
  call(method: HttpMethod, path: string, init: { params?: object; body?: unknown }, options: CallOptions): Promise<unknown>;
}

/** Stops reading a body at `limit` bytes instead of buffering whatever LiteLLM (or a proxy) sends. */
function bodySizeCap(limit: number): Middleware {
  return {
    onResponse({ response }) {
      const declared = Number(response.headers.get("content-length"));
      if (declared > limit) {
        void response.body?.cancel();
        throw new ResponseTooLargeError(limit);
      }
      if (!response.body) return undefined;
      // A declared length within the cap binds an unencoded body (fetch fails a body that runs past it),
      // so the byte counter is only needed without one, or when decompression can outgrow it.
      const encoding = response.headers.get("content-encoding");
      if (response.headers.has("content-length") && (encoding === null || encoding === "identity")) return undefined;
      let seen = 0;
      const capped = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            seen += chunk.byteLength;
            if (seen > limit) controller.error(new ResponseTooLargeError(limit));
            else controller.enqueue(chunk);
          },
        }),
      );
      return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
  };
}

/**
 * Caller mode: the caller's role for a refusal that turns on it and does not name it, asked of LiteLLM with
 * the caller's own key (src/litellm/caller-role.ts); undefined for other failures, where LiteLLM's words suffice.
 */
async function roleToName(status: number, body: unknown, ask: GetWithCallerKey): Promise<string | undefined> {
  const message = liteLLMMessage(body);
  if (!isRoleRefusal(status, message) || roleNamedIn(message) !== undefined) return undefined;
  return callerRole(ask);
}

/**
 * A path parameter of "." or "..": encoded, it is still a dot segment, which the URL resolves away, so the
 * call would go to another route (`/model/../update` is `/update`).
 */
function dotSegment(init: { params?: object }): string | undefined {
  const path = (init.params as { path?: Record<string, unknown> } | undefined)?.path ?? {};
  return Object.entries(path).find(([, value]) => value === "." || value === "..")?.[0];
}

/** The name errorFromException reads a timeout by. */
function timeoutError(): Error {
  return Object.assign(new Error("timeout"), { name: "TimeoutError" });
}

/**
 * `shared`: a transport that outlives this client (the HTTP mode's, whose kept-alive connections then serve
 * every request, each call sending its own key); without one, the client keeps its own.
 */
export function createLiteLLMClient(config: ClientSettings, fetchImpl?: typeof fetch, shared?: Send): LiteLLMClient {
  // A test's fetch, when given, receives the call's signal itself and is told not to follow redirects.
  const send: Send = fetchImpl ? (request, signal) => fetchImpl(request, { signal, redirect: "manual" }) : (shared ?? createHttpSend());
  // Built on the first call, not here: openapi-fetch's Request loads Node's fetch classes, about 15 ms
  // that a server answering `initialize` or `tools/list` never needs.
  let built: ReturnType<typeof createClient<paths>> | undefined;
  const openapi = () => {
    if (built) return built;
    built = createClient<paths>({
      baseUrl: config.host,
      // Every call passes its own (see below); this one is never reached.
      fetch: () => Promise.reject(new Error("a LiteLLM call was sent without its own transport")),
      headers: { "user-agent": `litellm-mcp/${VERSION}` },
    });
    built.use(bodySizeCap(config.maxResponseBytes));
    return built;
  };

  return {
    async call(method, path, init, options) {
      const dots = dotSegment(init);
      if (dots) throw new InputError(`"${(init.params as { path: Record<string, string> }).path[dots]}" cannot be sent as ${dots}: in a URL it means this or the parent folder, so the call would reach another route. Pass the id LiteLLM gave.`);
      const client = openapi();
      const ctx: CallContext = { credential: options.credential, host: config.host, timeoutMs: options.timeoutMs };
      // One controller per call, referenced from here until the call is over: the timer and the caller's
      // cancellation abort it, and the transport destroys the connection when it does.
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(timeoutError());
      }, options.timeoutMs);
      const cancelled = () => controller.abort(options.signal?.reason);
      options.signal?.addEventListener("abort", cancelled, { once: true });
      if (options.signal?.aborted) cancelled();
      try {
        // The manifest typed `init` against this exact operation; here, where tools are handled
        // uniformly, the method and path are plain strings, so openapi-fetch's overloads cannot apply. (Its
        // own result type, a union over every path, is also too deep for tsc over an unpruned spec.)
        const request = client.request as (m: string, p: string, i: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
        // The call's key and transport, shared by the role lookup a caller-mode refusal may make.
        const sentAs = {
          headers: options.bearer === undefined ? {} : { authorization: `Bearer ${options.bearer}` },
          fetch: (outgoing: Request) => send(outgoing, controller.signal),
        };
        // Read as text and parse here, so an empty body or an HTML page on a 2xx gets its own sentence.
        const { data, error, response } = await request(method, path, { ...init, parseAs: options.read ? "stream" : "text", ...sentAs });
        if (!response.ok && !options.acceptFailure?.(response.status, error)) {
          if (!options.asCaller || options.bearer === undefined) throw errorFromResponse(response, error, ctx);
          const askWithCallerKey: GetWithCallerKey = async (rolePath) => {
            const asked = await request("get", rolePath, { parseAs: "json", ...sentAs });
            return { status: asked.response.status, body: asked.data ?? asked.error };
          };
          const role = await roleToName(response.status, error, askWithCallerKey);
          throw errorFromResponse(response, error, { ...ctx, asCaller: role === undefined ? {} : { role } });
        }
        if (response.ok && options.read) return await options.read(data as ReadableStream<Uint8Array>);
        const answer = response.ok ? answerFromText(response, data, ctx) : error;
        if (nestedDeeperThan(answer, MAX_ANSWER_DEPTH)) {
          throw new UpstreamError(`LiteLLM's answer is nested more than ${MAX_ANSWER_DEPTH} levels deep, which no answer of LiteLLM's is; check that LITELLM_HOST (${config.host}) points at the LiteLLM proxy.`);
        }
        return answer;
      } catch (error) {
        // However the abort surfaced (an AbortError, a closed stream), name the timeout when it was one.
        throw errorFromException(timedOut && !options.signal?.aborted ? timeoutError() : error, ctx);
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", cancelled);
      }
    },
  };
}
