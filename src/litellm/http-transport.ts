// How a LiteLLM call reaches the network: node:http(s), not fetch. Node 20's fetch ties the signal it is
// given to the request it sends only through a WeakRef to an object nothing else holds while the call
// waits; once garbage collection takes it, aborting no longer reaches the socket, and a stalled answer
// keeps the call and its connection open for good. Here the abort listener is held strongly, aborting
// destroys the socket at any point (before the headers or in the middle of the body), and so does
// cancelling the body stream. Redirects are never followed: a 3xx is handed back like any other answer.
// Whatever arrives that is not an HTTP answer a Response can carry (a malformed status line or header, a
// status outside 200-599, a protocol switch) ends the call with a MalformedAnswer, never an exception
// thrown inside a socket listener, where nothing could catch it.

import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/** Sends one request; aborting `signal` destroys its connection whatever stage the exchange is at. */
export type Send = (request: Request, signal: AbortSignal) => Promise<Response>;

/** Statuses whose Response may not carry a body. */
const NO_BODY = new Set([204, 205, 304]);
/** The body stream buffers up to this much before it stops reading the socket (backpressure). */
const BUFFERED_BYTES = 64 * 1024;

/** Decodes what fetch would decode, so the size cap counts the bytes the bridge actually holds. */
function decoded(res: IncomingMessage): Readable {
  const encoding = res.headers["content-encoding"]?.trim().toLowerCase();
  const decoder = encoding === "gzip" || encoding === "x-gzip" ? createGunzip() : encoding === "deflate" ? createInflate() : encoding === "br" ? createBrotliDecompress() : undefined;
  if (!decoder) return res;
  res.on("error", (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

/** What came back is not an HTTP answer this client can read: the call fails with `reason`, the socket is dropped. */
export class MalformedAnswer extends Error {
  override readonly name = "MalformedAnswer";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Node's HTTP parser names what it choked on in its error (code HPE_...); its message says it in words. */
function parserFailure(error: Error & { code?: unknown }): MalformedAnswer | undefined {
  if (typeof error.code !== "string" || !error.code.startsWith("HPE_")) return undefined;
  const what = error.message.replace(/^Parse Error:\s*/i, "").replace(/[^\x20-\x7e]/g, "").slice(0, 80);
  return new MalformedAnswer(`an answer Node's HTTP parser refused (${what ? `${what.toLowerCase()}, ` : ""}${error.code})`);
}

/** A reason phrase a Response accepts: tabs, spaces and visible characters only (RFC 9112's reason-phrase). */
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

function connectionClosed(): Error {
  return Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" });
}

/** The answer's body as a web stream that reads the socket only as fast as it is consumed. */
function bodyStream(req: ClientRequest, res: IncomingMessage, signal: AbortSignal): ReadableStream<Uint8Array> {
  const source = decoded(res);
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (error: Error) => {
          if (settled) return;
          settled = true;
          controller.error(error);
        };
        source.on("data", (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.on("end", () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        source.on("error", fail);
        // A connection that drops mid-body ends the response without an error of its own.
        res.on("close", () => {
          if (!res.complete) fail(signal.aborted ? abortError(signal) : connectionClosed());
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        settled = true;
        req.destroy();
      },
    },
    { highWaterMark: BUFFERED_BYTES, size: (chunk) => chunk.byteLength },
  );
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : Object.assign(new Error("aborted"), { name: "AbortError" });
}

function responseHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    for (const item of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, item);
  }
  return headers;
}

/** The web Response for an answer whose headers have arrived; throws a MalformedAnswer for one it cannot carry. */
function responseOf(req: ClientRequest, res: IncomingMessage, signal: AbortSignal): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) throw new MalformedAnswer(`HTTP status ${status}, which is not one an answer can have`);
  const statusText = res.statusMessage ?? "";
  if (!REASON_PHRASE.test(statusText)) throw new MalformedAnswer("a status line with a control character in it");
  if (NO_BODY.has(status)) res.resume();
  return new Response(NO_BODY.has(status) ? null : bodyStream(req, res, signal), { status, statusText, headers: responseHeaders(res) });
}

/**
 * LiteLLM's server (uvicorn) closes a connection idle for 5 s without announcing it (no Keep-Alive
 * header); letting go of ours after 4 s avoids sending a call down one it is closing.
 */
const IDLE_CONNECTION_MS = 4_000;

/** A Send over node:http and node:https, with keep-alive connections shared by the calls of one client. */
export function createHttpSend(): Send {
  const pooled = { keepAlive: true, timeout: IDLE_CONNECTION_MS };
  const agents = { "http:": new HttpAgent(pooled), "https:": new HttpsAgent(pooled) };
  return async (request, signal) => {
    const url = new URL(request.url);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    if (body) headers["content-length"] = String(body.byteLength);
    const https = url.protocol === "https:";
    return new Promise<Response>((resolve, reject) => {
      if (signal.aborted) return reject(abortError(signal));
      const req = (https ? httpsRequest : httpRequest)(url, { method: request.method, headers, agent: https ? agents["https:"] : agents["http:"] });
      // Held by the signal, which the caller holds for the whole call: nothing here can be collected early.
      const abort = () => req.destroy(abortError(signal));
      signal.addEventListener("abort", abort, { once: true });
      req.on("close", () => signal.removeEventListener("abort", abort));
      req.on("error", (error) => reject(parserFailure(error) ?? error));
      // A 101 hands the socket over to another protocol: Node detaches it from the request, so neither the
      // timeout nor a cancellation would reach it again. LiteLLM never switches protocols on these routes.
      req.on("upgrade", (res, socket) => {
        socket.destroy();
        reject(new MalformedAnswer(`an answer that switched protocols (HTTP ${res.statusCode ?? 101})`));
      });
      req.on("response", (res) => {
        try {
          resolve(responseOf(req, res, signal));
        } catch (error) {
          req.destroy();
          reject(error instanceof MalformedAnswer ? error : new MalformedAnswer(`an answer a Response cannot carry (${error instanceof Error ? error.message : String(error)})`));
        }
      });
      req.end(body);
    });
  };
}
