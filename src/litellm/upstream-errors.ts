// Turns whatever LiteLLM (or the network between us) did into one sentence a person can act on.
// LiteLLM's error bodies come in three shapes: {"error": {"message"}}, FastAPI's {"detail": [...]}
// for validation, and {"detail": "..."} or {"detail": {...}} on some routes.

import { UpstreamError } from "../errors.js";
import type { Credential } from "./credential.js";
import { MalformedAnswer } from "./http-transport.js";
import { callersKey, capitalized, knownFailure } from "./failures.js";
import { roleLabel, roleNamedIn, whatRoleMay } from "./roles.js";

export interface CallContext {
  /** Which credential was sent: decides what a 401/403 tells the reader to fix. */
  credential: Credential;
  host: string;
  timeoutMs: number;
  /**
   * Caller mode (LITELLM_MCP_AUTH=caller): the key sent is the one the MCP request carried, and `role` is
   * its LiteLLM role when known ("" for a key of no user), so a refusal can say what that role may do.
   */
  asCaller?: { role?: string };
}

const MAX_DETAIL = 300;

// Some routes put a Python dict's repr where the text belongs: {'error': 'No keys found'}.
const PYTHON_DICT = /^\{'(?:error|message|detail)':\s*(['"])(.*)\1\}$/;

/** First line of a LiteLLM message, bounded: their 500s can carry whole Python tracebacks. */
function tidy(text: string): string {
  const firstLine = text.trim().split(/\r?\n/)[0] ?? "";
  const plain = PYTHON_DICT.exec(firstLine)?.[2] ?? firstLine;
  return plain.length > MAX_DETAIL ? `${plain.slice(0, MAX_DETAIL)}…` : plain;
}

function fieldErrors(detail: unknown[]): string {
  return detail
    .map((item) => {
      const { loc, msg } = (item ?? {}) as { loc?: unknown; msg?: unknown };
      const field = Array.isArray(loc) ? loc.filter((p) => p !== "body" && p !== "query").join(".") : "";
      return `${field || "request"}: ${typeof msg === "string" ? msg : "invalid"}`;
    })
    .join("; ");
}

/** The human part of a LiteLLM error body, whichever of its shapes it has. */
export function liteLLMMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() ? tidy(body) : undefined;
  if (typeof body !== "object" || body === null) return undefined;
  const { error, detail, message } = body as Record<string, unknown>;
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
    return tidy((error as { message: string }).message);
  }
  if (typeof error === "string") return tidy(error);
  if (Array.isArray(detail)) return fieldErrors(detail);
  if (typeof detail === "string") return tidy(detail);
  if (typeof detail === "object" && detail !== null) return liteLLMMessage(detail);
  if (typeof message === "string") return tidy(message);
  return undefined;
}

function retryAfterSeconds(headers: Headers): number | undefined {
  const raw = headers.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function whoseKey(ctx: CallContext): string {
  if (ctx.credential === "none") return "a request without a key";
  if (ctx.credential === "master" && !ctx.asCaller) return "the master key (LITELLM_MASTER_KEY)";
  return callersKey(ctx.asCaller !== undefined);
}

function describeNonJson(body: string, contentType: string | null): string {
  if (body.trim() === "") return "an empty body";
  if (/html/i.test(contentType ?? "") || /^\s*</.test(body)) return "an HTML page";
  return `${contentType ?? "untyped"} text`;
}

/** "404 Not Found", or just "404" when the status text is empty (HTTP/2 has none). */
function statusLabel(response: Response): string {
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
}

/** An answer that is not LiteLLM's (not JSON): its status says nothing about what LiteLLM has. */
export class NotLiteLLMAnswer extends UpstreamError {}

/** Whatever the status, an answer that is not JSON usually means LITELLM_HOST points somewhere else. */
function notJsonError(response: Response, body: string, ctx: CallContext): UpstreamError {
  return new NotLiteLLMAnswer(
    `LiteLLM answered HTTP ${statusLabel(response)} with ${describeNonJson(body, response.headers.get("content-type"))} instead of JSON. Check that LITELLM_HOST (${ctx.host}) points at the LiteLLM proxy itself.`,
    response.status,
  );
}

// Starlette's last-resort answer when an exception escaped every handler: LiteLLM itself crashed, so there is
// nothing to pass on. Seen from LiteLLM 1.108.7 without the `prisma` package (which `litellm[proxy]` does
// not install): with no database, its auth and key-route error handlers `import prisma` and crash.
const BARE_SERVER_ERROR = /^\s*Internal Server Error\s*$/;

// How LiteLLM words "this key's role may not do that" (as opposed to "this key is bad"), on 401 and 403 alike.
const ROLE_REFUSAL = /not allowed to access this|not authorized|only proxy admin|can only create keys for themselves|\brole\s*=/i;

/** A refusal because of who the key belongs to, which caller mode explains by the key's role. */
export function isRoleRefusal(status: number, message: string | undefined): boolean {
  return (status === 401 || status === 403) && message !== undefined && ROLE_REFUSAL.test(message);
}

function notAllowed(status: number, said: string, ctx: CallContext): UpstreamError {
  return new UpstreamError(`${capitalized(whoseKey(ctx))} is not allowed to do this (HTTP ${status}).${said}`, status);
}

/** In caller mode, a role refusal names the caller's role and what LiteLLM lets that role do. */
function roleRefusal(status: number, message: string | undefined, said: string, ctx: CallContext): UpstreamError {
  const role = ctx.asCaller?.role ?? roleNamedIn(message);
  if (!ctx.asCaller || role === undefined) return notAllowed(status, said, ctx);
  const may = whatRoleMay(role);
  return new UpstreamError(
    `LiteLLM refused this for your key (${roleLabel(role)}, HTTP ${status})${may ? `: ${may}` : ""}. Ask a proxy admin if you need it done.${said}`,
    status,
  );
}

/**
 * A 3xx. Never followed: the call carries a key, and fetch keeps the Authorization header on a same-origin
 * redirect, so a redirect to any other path on the host would hand it over. Where it pointed is shown
 * without its query, which may carry anything.
 */
function redirectError(response: Response, ctx: CallContext): UpstreamError {
  const location = response.headers.get("location");
  let target = "an address it did not give";
  try {
    if (location) {
      const url = new URL(location, `${ctx.host}/`);
      target = `${url.origin}${url.pathname}`;
    }
  } catch {
    target = "an address that is not a URL";
  }
  return new UpstreamError(
    `LiteLLM redirected the call (HTTP ${response.status}) to ${target}; redirects are not followed, since they would carry the key elsewhere. Point LITELLM_HOST (${ctx.host}) at the address LiteLLM itself serves on.`,
    response.status,
  );
}

/** A non-2xx answer. `body` is parsed JSON when LiteLLM sent JSON, else the raw text. */
export function errorFromResponse(response: Response, body: unknown, ctx: CallContext): UpstreamError {
  const status = response.status;
  if (status >= 300 && status < 400) return redirectError(response, ctx);
  const label = statusLabel(response);
  const raw = typeof body === "string" ? body : undefined;
  if (raw !== undefined && status >= 500 && BARE_SERVER_ERROR.test(raw)) {
    return new UpstreamError(
      `LiteLLM crashed while handling the call (HTTP ${status}, plain-text "Internal Server Error", no details; the proxy's log has the traceback). A proxy with no database answers key routes this way when the prisma Python package is missing: run \`pip install prisma\` where LiteLLM is installed, or connect a database (DATABASE_URL).`,
      status,
    );
  }
  if (raw !== undefined && !/^\s*[{[]/.test(raw)) return notJsonError(response, raw, ctx);
  const message = liteLLMMessage(body);
  const said = message ? ` LiteLLM said: ${message}` : "";
  const known = knownFailure(status, body, message, ctx.credential, ctx.asCaller !== undefined);
  if (known) return known;
  // Community-edition proxies answer Enterprise-only routes (e.g. /key/regenerate) with a 500 or 4xx and
  // sales copy; as a plain 500 it would read as a fault worth retrying.
  if (message && /enterprise (feature|user)|premium user|LITELLM_LICENSE/i.test(message)) {
    return new UpstreamError(
      `This needs LiteLLM Enterprise, and the proxy has no Enterprise license: retrying will not help (HTTP ${status}).${said}`,
      status,
    );
  }
  // Model routes of a proxy that keeps its models only in its config file answer 500 "Set
  // `'STORE_MODEL_IN_DB='True'` in your env to enable this feature.": a setting, not a fault.
  if (message && /STORE_MODEL_IN_DB/.test(message)) {
    return new UpstreamError(
      `This proxy keeps its models only in its config file, so models cannot be added, changed or deleted through its API: start LiteLLM with STORE_MODEL_IN_DB=True (retrying will not help; HTTP ${status}).`,
      status,
    );
  }
  switch (status) {
    case 400:
      return new UpstreamError(`LiteLLM rejected the request (HTTP 400).${said}`, status);
    case 401:
    case 403:
      if (isRoleRefusal(status, message)) return roleRefusal(status, message, said, ctx);
      if (status === 403) return notAllowed(status, said, ctx);
      if (ctx.credential === "none") return new UpstreamError(`LiteLLM wants a key for a route that is normally open (HTTP 401); this proxy protects it.${said}`, status);
      return new UpstreamError(`LiteLLM did not accept ${whoseKey(ctx)} (HTTP 401): it is wrong, expired or blocked.${said}`, status);
    case 404:
      return new UpstreamError(`LiteLLM found nothing there (HTTP 404).${said}`, status);
    case 422:
      return new UpstreamError(`LiteLLM rejected these fields (HTTP 422): ${message ?? "no details given"}.`, status);
    case 429: {
      const wait = retryAfterSeconds(response.headers);
      const when = wait === undefined ? "wait and try again" : `try again in ${wait} s`;
      return new UpstreamError(`LiteLLM is rate-limiting this call (HTTP 429): ${when}.${said}`, status, wait);
    }
    case 500:
      // LiteLLM answers its own bugs, a provider's refusal and a provider's outage alike with a 500.
      return new UpstreamError(
        `LiteLLM failed with HTTP ${label}, from an error in the proxy or in the provider behind it. If the same call fails the same way again, retrying will not help: the proxy's log has the cause.${said}`,
        status,
        retryAfterSeconds(response.headers),
      );
    default:
      return status > 500
        ? new UpstreamError(`LiteLLM failed with HTTP ${label}: the proxy or the provider behind it is unavailable for now; try again later.${said}`, status, retryAfterSeconds(response.headers))
        : new UpstreamError(`LiteLLM answered HTTP ${label}.${said}`, status);
  }
}

/**
 * A 2xx body, read as text, to JSON. An empty body or an HTML page (a wrong LITELLM_HOST, a captive portal)
 * gets its own sentence; anything else that does not parse is LiteLLM's malformed JSON (SyntaxError).
 */
export function answerFromText(response: Response, text: unknown, ctx: CallContext): unknown {
  const raw = typeof text === "string" ? text : "";
  // JSON never starts with "<": that is markup, whatever the content type claims.
  if (raw.trim() === "" || /^\s*</.test(raw)) throw notJsonError(response, raw, ctx);
  return JSON.parse(raw);
}

/** Thrown while reading a body past the configured cap. */
export class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLargeError";
  constructor(readonly limitBytes: number) {
    super(`response larger than ${limitBytes} bytes`);
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failure before or while reading an answer: network, timeout, cancellation, size cap, bad JSON. */
export function errorFromException(error: unknown, ctx: CallContext): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const name = (error as { name?: string })?.name;
  if (error instanceof ResponseTooLargeError || (error as { cause?: unknown })?.cause instanceof ResponseTooLargeError) {
    const limit = error instanceof ResponseTooLargeError ? error.limitBytes : ((error as { cause: ResponseTooLargeError }).cause.limitBytes);
    return new UpstreamError(`LiteLLM's answer was larger than ${limit} bytes (LITELLM_MCP_MAX_RESPONSE_BYTES), so reading stopped.`);
  }
  if (name === "TimeoutError") {
    return new UpstreamError(`LiteLLM did not answer within ${ctx.timeoutMs / 1000} s. The proxy may be overloaded; try again, or raise the timeout (LITELLM_MCP_${ctx.credential === "caller" ? "COMPLETION" : "ADMIN"}_TIMEOUT_MS).`);
  }
  if (name === "AbortError") return new UpstreamError("The call was cancelled before LiteLLM answered.");
  if (error instanceof MalformedAnswer) {
    return new UpstreamError(
      `LiteLLM at ${ctx.host} sent ${error.reason}, so the call was dropped. LiteLLM itself never answers this way: check that LITELLM_HOST points at the LiteLLM proxy, and whatever proxy or gateway sits in between.`,
    );
  }
  if (error instanceof SyntaxError) {
    return new UpstreamError("LiteLLM answered with malformed JSON (the body may have been cut off). Try again; if it persists, check the proxy's logs.");
  }
  const code = errorCode(error);
  switch (code) {
    case "ECONNREFUSED":
      return new UpstreamError(`Could not connect to LiteLLM at ${ctx.host} (connection refused). Is the proxy running? Check LITELLM_HOST.`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new UpstreamError(`Could not resolve the host name in LITELLM_HOST (${ctx.host}). Check the spelling and your DNS.`);
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return new UpstreamError(`The connection to LiteLLM at ${ctx.host} closed before the answer was complete. Try again.`, undefined, undefined, true);
    default:
      // Any other system error (EPIPE, EHOSTUNREACH, a TLS failure, ...) is the network's, not a bug here.
      if ((code !== undefined && /^(E[A-Z]+|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|ERR_SSL_[A-Z_]+)$/.test(code)) || (name === "TypeError" && /fetch failed|terminated/i.test(String((error as Error).message)))) {
        return new UpstreamError(`Could not reach LiteLLM at ${ctx.host} (${code ?? "network error"}). Check LITELLM_HOST and that the proxy is up.`);
      }
      throw error;
  }
}
