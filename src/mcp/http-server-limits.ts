// What one --http process holds at once, whoever asks: in caller mode any bearer gets through the door (LiteLLM
// judges it only when a tool runs), so these bounds apply before any key is known to be good. A JSON body costs
// far more once parsed than on the wire (4 MB of `{},` is 1.4 million objects, about 60 MB of heap), so a body
// is admitted only within a process-wide byte budget, and its values are counted before JSON.parse sees it.

import type { IncomingMessage, Server } from "node:http";

/**
 * The largest request body read. A chat completion carries its whole conversation: 4 MB is about a million
 * tokens of English text, the context of the largest models served today.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Bodies being read or served at once, in bytes (declared, or the maximum when undeclared): two of the largest.
 * A body is held several times over while it is served (the text, the parsed value, and the MCP SDK's own
 * serialization of that value into a web Request): four 4 MB bodies at once exhausted a 64 MB heap, two do not.
 */
export const MAX_IN_FLIGHT_BYTES = 2 * MAX_BODY_BYTES;
/** Requests being served at once, whatever their size. */
export const MAX_CONCURRENT_REQUESTS = 128;
/**
 * JSON values (objects, arrays, strings, numbers, literals) one body may hold. A long conversation is a few
 * thousand; MCP's own messages are a handful. Bounds what parsing can allocate beside the text itself.
 */
export const MAX_JSON_VALUES = 100_000;
/** Nesting of one body, checked in the same pass (the tools refuse arguments nested more than 100 levels). */
export const MAX_JSON_DEPTH = 1_000;
/** A request's headers must arrive within this time, and the whole request (headers and body) within the next. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** Connections held at once; beyond it Node closes new ones as they arrive (a balancer in front keeps a few dozen). */
export const MAX_CONNECTIONS = 1_024;
/** How long an idle client connection stays open: longer than the balancer in front keeps one (nginx: 60 s). */
export const IDLE_CONNECTION_MS = 65_000;
/**
 * Options for node:http's createServer: the largest request head (Node's own default, written out because it
 * matters here), and how often Node looks for requests past their timeouts (its default, 30 s, would let a
 * slow client hold on three times longer than the timeouts say).
 */
export const SERVER_OPTIONS = { maxHeaderSize: 16 * 1024, connectionsCheckingInterval: 1_000 } as const;

/** Why a request was not taken in: an HTTP status and a sentence. */
export interface Turned {
  status: 413 | 400 | 503;
  message: string;
  /** Seconds to wait before trying again, for a busy process. */
  retryAfter?: number;
}

/** Counts the requests and body bytes the process holds; admit() before reading a body, release() when done. */
export class Admission {
  private requests = 0;
  private bytes = 0;

  /** The bytes a request will hold: what it declares, or the most any may send. */
  static claimOf(req: IncomingMessage): number {
    const declared = Number(req.headers["content-length"]);
    return Number.isInteger(declared) && declared >= 0 ? declared : MAX_BODY_BYTES;
  }

  /** A release function when the request fits, or why it does not. Release exactly once, when the response is done. */
  admit(req: IncomingMessage): (() => void) | Turned {
    const claim = Admission.claimOf(req);
    if (claim > MAX_BODY_BYTES) return { status: 413, message: `Request body larger than ${MAX_BODY_BYTES} bytes.` };
    if (this.requests >= MAX_CONCURRENT_REQUESTS || this.bytes + claim > MAX_IN_FLIGHT_BYTES) {
      return { status: 503, message: "This server is busy with other requests; try again in a moment.", retryAfter: 1 };
    }
    this.requests += 1;
    this.bytes += claim;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.requests -= 1;
      this.bytes -= claim;
    };
  }

  get held(): { requests: number; bytes: number } {
    return { requests: this.requests, bytes: this.bytes };
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * Why a JSON text would be too costly to parse (too many values, or nested too deep), or undefined. One pass
 * over the bytes, outside strings: each container and each comma starts a value. Malformed text is left to
 * JSON.parse to refuse.
 */
export function tooCostlyJson(body: Uint8Array): Turned | undefined {
  let values = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      values++;
      if (++depth > MAX_JSON_DEPTH) return { status: 400, message: `Request body nested more than ${MAX_JSON_DEPTH} levels deep.` };
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
    else if (byte === COMMA) values++;
    else continue;
    if (values > MAX_JSON_VALUES) return { status: 413, message: `Request body holds more than ${MAX_JSON_VALUES} JSON values.` };
  }
  return undefined;
}

/** The server's clocks: slow or silent clients are dropped instead of holding a connection and its memory. */
export function applyConnectionLimits(server: Server): void {
  // A balancer keeps idle connections to its replicas open (nginx and cloud balancers: 60 s). Were this side to
  // close one first, a request the balancer sends on it at that moment is lost (a 502 for the client).
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.maxConnections = MAX_CONNECTIONS;
}
