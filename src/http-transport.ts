// How a LiteLLM call reaches the network: node:http(s), not fetch. Node 20's fetch ties the signal it is
// given to the request it sends only through a WeakRef to an object nothing else holds while the call
// waits; once garbage collection takes it, aborting no longer reaches the socket, and a stalled answer
// keeps the call and its connection open for good. Here the abort listener is held strongly, aborting
// destroys the socket at any point (before the headers or in the middle of the body), and so does
// cancelling the body stream. Redirects are never followed: a 3xx is handed back like any other answer.

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
      req.on("error", reject);
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 599) {
          req.destroy();
          return reject(Object.assign(new Error(`HTTP status ${status} is not one a Response can carry`), { code: "EBADSTATUS" }));
        }
        if (NO_BODY.has(status)) res.resume();
        resolve(new Response(NO_BODY.has(status) ? null : bodyStream(req, res, signal), { status, statusText: res.statusMessage ?? "", headers: responseHeaders(res) }));
      });
      req.end(body);
    });
  };
}
