// The one HTTP client for LiteLLM: openapi-fetch over the generated `paths`, a user agent and a body-size
// cap as middleware, and one function that turns {data, error, response} into a value or an UpstreamError.

import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../generated/litellm-api.js";
import type { Config } from "./config.js";
import { callerRole } from "./caller-role.js";
import { answerFromText, errorFromException, errorFromResponse, isRoleRefusal, liteLLMMessage, ResponseTooLargeError, type CallContext } from "./upstream-errors.js";
import { roleNamedIn } from "./litellm-roles.js";
import type { HttpMethod } from "./define-tool.js";
import { VERSION } from "./version.js";

export interface CallOptions {
  /** The key for `Authorization: Bearer` — the master key or the caller's virtual key; none for open routes. */
  bearer: string | undefined;
  credential: CallContext["credential"];
  /** Caller mode: `bearer` is the key the MCP request carried (a refusal then names its LiteLLM role). */
  asCaller?: boolean;
  timeoutMs: number;
  /** Aborted when the MCP client cancels the call. */
  signal?: AbortSignal;
  /** Reads a 2xx body as a stream instead of JSON; timeout, cancellation and the size cap still apply. */
  read?: (body: ReadableStream<Uint8Array>) => Promise<unknown>;
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

type UntypedRequest = (method: string, path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Caller mode: the caller's role for a refusal that turns on it and does not name it, asked of LiteLLM with
 * the caller's own key (src/caller-role.ts); undefined for other failures, where LiteLLM's words suffice.
 */
async function roleToName(request: UntypedRequest, status: number, body: unknown, bearer: string | undefined, signal: AbortSignal): Promise<string | undefined> {
  const message = liteLLMMessage(body);
  if (bearer === undefined || !isRoleRefusal(status, message) || roleNamedIn(message) !== undefined) return undefined;
  return callerRole(async (path) => {
    const asked = await request("get", path, { parseAs: "json", headers: { authorization: `Bearer ${bearer}` }, signal });
    return { status: asked.response.status, body: asked.data ?? asked.error };
  });
}

export function createLiteLLMClient(config: Config, fetchImpl?: typeof fetch): LiteLLMClient {
  // Built on the first call, not here: touching the global fetch or Request (openapi-fetch reads both)
  // loads Node's HTTP client, about 15 ms that a server answering `initialize` or `tools/list` never needs.
  let built: ReturnType<typeof createClient<paths>> | undefined;
  const openapi = () => {
    if (built) return built;
    built = createClient<paths>({
      baseUrl: config.host,
      fetch: (request) => (fetchImpl ?? globalThis.fetch)(request),
      headers: { "user-agent": `litellm-mcp/${VERSION}` },
    });
    built.use(bodySizeCap(config.maxResponseBytes));
    return built;
  };

  return {
    async call(method, path, init, options) {
      const client = openapi();
      const ctx: CallContext = { credential: options.credential, host: config.host, timeoutMs: options.timeoutMs };
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      try {
        // The manifest typed `init` against this exact operation; here, where tools are handled
        // uniformly, the method and path are plain strings, so openapi-fetch's overloads cannot apply.
        const request = client.request as UntypedRequest;
        // Read as text and parse here, so an empty body or an HTML page on a 2xx gets its own sentence.
        const { data, error, response } = await request(method, path, {
          ...init,
          parseAs: options.read ? "stream" : "text",
          headers: options.bearer === undefined ? {} : { authorization: `Bearer ${options.bearer}` },
          signal,
        });
        if (!response.ok) {
          const caller = options.asCaller ? { role: await roleToName(request, response.status, error, options.bearer, signal) } : undefined;
          throw errorFromResponse(response, error, caller ? { ...ctx, asCaller: caller.role === undefined ? {} : caller } : ctx);
        }
        return options.read ? await options.read(data as ReadableStream<Uint8Array>) : answerFromText(response, data, ctx);
      } catch (error) {
        // A cancelled or timed-out signal surfaces as its reason; name which one it was.
        throw errorFromException(timeout.aborted && !options.signal?.aborted ? Object.assign(new Error("timeout"), { name: "TimeoutError" }) : error, ctx);
      }
    },
  };
}
