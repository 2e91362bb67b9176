// A local HTTP server on real sockets that misbehaves on purpose, one fault at a time, so the fault suites
// can drive the built server through every way LiteLLM or the network between can fail. Error bodies echo
// the bearer they received in full, as a careless proxy would, to prove the bridge redacts it.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { manifest } from "../../src/manifest/index.ts";
import { HEALTHY_ANSWERS, HealthyState, routeOf } from "./healthy-litellm.ts";
import { chatCompletion, generatedKey, keyInfo, modelList } from "./litellm-answers.ts";

export const FAULTS = [
  "timeout",
  "reset",
  "status-400",
  "status-401",
  "status-403",
  "status-404",
  "status-422",
  "status-429",
  "status-500",
  "status-502",
  "status-503",
  "html-page",
  "html-error-page",
  "empty-body",
  "malformed-json",
  "truncated-json",
  "over-cap",
  "over-cap-declared",
  "over-cap-gzip",
  "slow-drip",
  "echo-secrets",
  "redirect",
  "deep-json",
  "control-status-line",
  "status-999",
  "switching-protocols",
  "duplicate-content-length",
  "conflicting-content-length",
  "bad-header-token",
] as const;

export type Fault = (typeof FAULTS)[number] | "healthy";

/**
 * Misbehaviours of a streamed completion (`stream: true`), outside the matrix: they only make sense for
 * proxy_completion called with a progress token. Other routes answer as healthy meanwhile, except:
 * - stalled-stream: 200 text/event-stream, a few MB with no newline, then silence with the socket open;
 *   GET /models meanwhile never answers at all (a stall before the headers, while the other churns memory).
 * - flooding-stream: a well-formed stream of `flood.pieces` content deltas of `flood.piece`, as fast as
 *   the bridge reads, pausing `flood.pauseMs` after every `flood.burst` events so progress goes out.
 */
export type StreamFault = "stalled-stream" | "flooding-stream";

/** Where the "redirect" fault sends every call: a same-origin path that must never see a request. */
export const REDIRECT_TARGET = "/elsewhere/collect";

const CHUNK = Buffer.alloc(64 * 1024, " ");
/** A stalled event's data: enough to make the bridge allocate (and collect garbage) before the silence. */
export const STALL_BYTES = 4 * 1024 * 1024;
const STALL_CHUNK = Buffer.alloc(64 * 1024, "x");
/** 16 MB of JSON whitespace in 16 kB of gzip: an honest Content-Length, a body far larger once decoded. */
const GZIP_BOMB = gzipSync(Buffer.alloc(16 * 1024 * 1024, " "));

export class FaultyUpstream {
  fault: Fault | StreamFault = "healthy";
  /** The rows a healthy GET /key/list answers with, when set (otherwise the healthy answer's). */
  keyListRows: Record<string, unknown>[] | undefined;
  /** What the healthy answers remember of the writes since the last reset(). */
  private state = new HealthyState();
  /** What flooding-stream sends. */
  flood = { piece: "flood ", pieces: 10_000, burst: 500, pauseMs: 40 };
  /** Bytes a stalled or flooding stream wrote before the connection closed, and when it closed (ms since it started). */
  readonly streams: { written: number; closedAfterMs?: number }[] = [];
  /** Requests stalled-stream left without headers, and whether the bridge has closed each. */
  readonly unanswered: { closed: boolean }[] = [];
  /** Requests received per route ("METHOD /path", path templates as the manifest writes them), since the last reset(). */
  readonly requests = new Map<string, number>();
  /** The same routes in the order they arrived, since the last reset(). */
  readonly arrived: string[] = [];
  /** Bytes of the endless body written before the bridge closed the connection, per request. */
  readonly endlessBodyBytes: number[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error("FaultyUpstream is not started");
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Forgets the writes the healthy answers remember, as if the proxy were fresh; the counts stay. */
  forgetWrites(): void {
    this.state = new HealthyState();
  }

  reset(fault: Fault | StreamFault): void {
    this.fault = fault;
    this.state = new HealthyState();
    this.requests.clear();
    this.arrived.length = 0;
    this.endlessBodyBytes.length = 0;
    this.streams.length = 0;
    this.unanswered.length = 0;
  }

  count(route: string): number {
    return this.requests.get(route) ?? 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://upstream");
    const route = routeOf(manifest, req.method ?? "GET", url.pathname);
    this.requests.set(route, this.count(route) + 1);
    this.arrived.push(route);
    const bearer = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    const litellmError = (status: number, message: string, headers: Record<string, string> = {}) =>
      json(status, { error: { message: `${message} (received key ${bearer})`, type: "error", param: null, code: String(status) } }, headers);

    switch (this.fault) {
      case "healthy":
        if (route === "GET /key/list" && this.keyListRows) return json(200, { keys: this.keyListRows, total_count: this.keyListRows.length, current_page: 1, total_pages: 1 });
        return json(200, healthyAnswer(route, body, url, this.state));
      case "echo-secrets":
        return json(200, echoingAnswer(route, body, url, bearer, this.state));
      case "redirect":
        // A same-origin 307 keeps method, body and (for fetch's same-origin rule) the Authorization header.
        if (url.pathname === REDIRECT_TARGET) return json(200, healthyAnswer(route, body, url, this.state));
        res.writeHead(307, { location: `${REDIRECT_TARGET}?from=${encodeURIComponent(url.pathname)}` });
        return void res.end();
      case "deep-json":
      {
        // The healthy answer with metadata nested 25,000 levels deep (50 kB, under the matrix's size cap):
        // valid JSON that JSON.parse reads and every recursive walk chokes on. get_key_info returns metadata.
        const deep = `${"[".repeat(25_000)}${"]".repeat(25_000)}`;
        const answer = healthyAnswer(route, body, url, this.state);
        const healthy = JSON.stringify(answer);
        res.writeHead(200, { "content-type": "application/json" });
        if (route === "GET /key/info") return void res.end(healthy.replace('"metadata":{"purpose":"ci"}', `"metadata":{"purpose":${deep}}`));
        // Routes answering a bare list or number (the budget listings, /user/delete) get the nesting alone.
        const isObject = typeof answer === "object" && answer !== null && !Array.isArray(answer);
        return void res.end(isObject ? `${healthy.slice(0, -1)},"metadata":${deep}}` : deep);
      }
      case "stalled-stream":
      case "flooding-stream":
        if (this.fault === "stalled-stream" && route === "GET /models") {
          const record = { closed: false };
          this.unanswered.push(record);
          return void res.on("close", () => (record.closed = true));
        }
        if (route !== "POST /chat/completions" || body.stream !== true) return json(200, healthyAnswer(route, body, url, this.state));
        return this.fault === "stalled-stream" ? this.stall(res) : void this.floodStream(res, String(body.model));
      case "timeout":
        return; // never answer; the request stays open until the bridge gives up
      case "reset":
        req.socket.destroy();
        return;
      case "status-400":
        return litellmError(400, "Invalid model name passed in model=nope.");
      case "status-401":
        return litellmError(401, `Authentication Error, Invalid proxy server token passed. Received API Key = ${bearer}`);
      case "status-403":
        return litellmError(403, "key not allowed to access model.");
      case "status-404":
        return json(404, { detail: { error: `Key not found in database: ${bearer}` } });
      case "status-422":
        return json(422, { detail: [{ loc: ["body", "models", 0], msg: "Input should be a valid string", type: "string_type", input: bearer }] });
      case "status-429":
        return litellmError(429, "Rate limit exceeded.", { "retry-after": "0" });
      case "status-500":
        return litellmError(500, `Internal error\nTraceback (most recent call last):\n  api_key=${bearer}`);
      case "status-502":
        return litellmError(502, "Bad gateway.");
      case "status-503":
        return litellmError(503, "Service unavailable.", { "retry-after": "0" });
      case "html-page":
        res.writeHead(200, { "content-type": "text/html" });
        return void res.end("<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>");
      case "html-error-page":
        res.writeHead(404, { "content-type": "text/html" });
        return void res.end("<html><head><title>404 Not Found</title></head><body>Not Found</body></html>");
      case "empty-body":
        res.writeHead(200, { "content-type": "application/json", "content-length": "0" });
        return void res.end();
      case "malformed-json":
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end('{"key": "sk-half", "models": [,]');
      case "truncated-json": {
        const whole = JSON.stringify(healthyAnswer(route, body, url, this.state));
        res.writeHead(200, { "content-type": "application/json", "content-length": String(whole.length) });
        res.write(whole.slice(0, Math.floor(whole.length / 2)));
        // Let the half reach the client before the connection drops.
        return void setTimeout(() => req.socket.destroy(), 20);
      }
      case "over-cap":
        return this.endless(res, {});
      case "over-cap-declared":
        return this.endless(res, { "content-length": String(1024 * 1024 * 1024) });
      case "over-cap-gzip":
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(GZIP_BOMB.length) });
        res.end(GZIP_BOMB);
        return;
      // Malformed HTTP, written straight to the socket (Node's own server would refuse to send it).
      case "control-status-line":
        return this.raw(req, "HTTP/1.1 200 O\x01K", ["content-type: application/json"], JSON.stringify(healthyAnswer(route, body, url, this.state)));
      case "status-999":
        return this.raw(req, "HTTP/1.1 999 Whatever", ["content-type: application/json"], JSON.stringify(healthyAnswer(route, body, url, this.state)));
      case "switching-protocols":
        // Then silence, the socket left open: a client that waits for a final answer waits for ever.
        return void req.socket.write("HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n");
      case "duplicate-content-length":
      case "conflicting-content-length": {
        const whole = JSON.stringify(healthyAnswer(route, body, url, this.state));
        const second = this.fault === "duplicate-content-length" ? whole.length : whole.length + 7;
        return this.raw(req, "HTTP/1.1 200 OK", ["content-type: application/json", `content-length: ${second}`], whole);
      }
      case "bad-header-token":
        return this.raw(req, "HTTP/1.1 200 OK", ["content-type: application/json", "x bad header: 1"], JSON.stringify(healthyAnswer(route, body, url, this.state)));
      case "slow-drip": {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("{");
        const timer = setInterval(() => res.write(" "), 50);
        res.on("close", () => clearInterval(timer));
        return;
      }
    }
  }

  /** Writes a whole answer byte for byte (a Content-Length for the body is added), bypassing Node's checks. */
  private raw(req: IncomingMessage, statusLine: string, headers: string[], body: string): void {
    const head = [statusLine, ...headers, `content-length: ${Buffer.byteLength(body)}`].join("\r\n");
    req.socket.end(`${head}\r\n\r\n${body}`);
  }

  /** Starts an event whose data never ends: STALL_BYTES without a newline, then nothing, socket open. */
  private stall(res: ServerResponse): void {
    const record: { written: number; closedAfterMs?: number } = { written: 0 };
    this.streams.push(record);
    const started = Date.now();
    res.on("close", () => (record.closedAfterMs = Date.now() - started));
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write("data: ");
    const pump = () => {
      while (record.written < STALL_BYTES && record.closedAfterMs === undefined) {
        record.written += STALL_CHUNK.length;
        if (!res.write(STALL_CHUNK)) return void res.once("drain", pump);
      }
    };
    pump();
  }

  private async floodStream(res: ServerResponse, model: string): Promise<void> {
    const record: { written: number; closedAfterMs?: number } = { written: 0 };
    this.streams.push(record);
    const started = Date.now();
    res.on("close", () => (record.closedAfterMs ??= Date.now() - started));
    res.writeHead(200, { "content-type": "text/event-stream" });
    const base = { id: "chatcmpl-flood", created: 1764108000, model, object: "chat.completion.chunk" };
    const send = async (event: unknown) => {
      const line = `data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`;
      record.written += Buffer.byteLength(line);
      if (!res.write(line)) await new Promise((resolve) => res.once("drain", resolve));
    };
    for (let i = 0; i < this.flood.pieces && record.closedAfterMs === undefined; i++) {
      await send({ ...base, choices: [{ index: 0, delta: { content: this.flood.piece }, finish_reason: null }] });
      if ((i + 1) % this.flood.burst === 0) await new Promise((resolve) => setTimeout(resolve, this.flood.pauseMs));
    }
    if (record.closedAfterMs !== undefined) return;
    await send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
    await send({ ...base, choices: [], usage: { prompt_tokens: 8, completion_tokens: this.flood.pieces, total_tokens: 8 + this.flood.pieces } });
    await send("[DONE]");
    res.end();
  }

  /** Writes as fast as the client reads, forever, and records how much it wrote before the client hung up. */
  private endless(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { "content-type": "application/json", ...headers });
    let written = 0;
    let closed = false;
    res.on("close", () => {
      closed = true;
      this.endlessBodyBytes.push(written);
    });
    const pump = () => {
      while (!closed) {
        written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once("drain", pump);
      }
    };
    res.write("[");
    pump();
  }
}

function healthyAnswer(route: string, body: Record<string, unknown>, url: URL, state: HealthyState): unknown {
  return HEALTHY_ANSWERS[route]?.(body, url.searchParams, state) ?? { detail: "Not Found" };
}

/** Every string in a healthy answer replaced by the bearer, for routes without a hand-made echo below. */
function echoed(value: unknown, bearer: string): unknown {
  if (typeof value === "string") return `echo ${bearer}`;
  if (Array.isArray(value)) return value.map((v) => echoed(v, bearer));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, echoed(v, bearer)]));
  return value;
}

/** A 2xx answer with the bearer planted in every string field the tool returns. */
function echoingAnswer(route: string, body: Record<string, unknown>, url: URL, bearer: string, state: HealthyState): unknown {
  switch (route) {
    case "POST /key/generate":
      return { ...generatedKey({ models: [bearer], user_id: bearer, allowed_routes: keyInfo.info.allowed_routes, duration: "1h" }), key_alias: bearer };
    case "POST /key/regenerate":
      return { ...generatedKey({ allowed_routes: keyInfo.info.allowed_routes, duration: "1h", models: keyInfo.info.models }), key: "sk-regenerated-Zz99Yy88", key_alias: bearer, key_name: `sk-...${bearer.slice(-4)}` };
    // Read before a write, never returned: the role stays one a key may be minted for, the email carries the echo.
    case "GET /user/info": {
      const answer = healthyAnswer(route, body, url, state) as { user_info: Record<string, unknown> };
      return { ...answer, user_info: { ...answer.user_info, user_email: `echo ${bearer}` } };
    }
    case "GET /key/info":
      // Also as an object key: metadata is free-form, and a careless proxy may key it by what it received.
      return { ...keyInfo, info: { ...keyInfo.info, key_alias: bearer, key_name: `sk-...${bearer.slice(-4)}`, metadata: { echoed: bearer, [bearer]: { [`by-${bearer}`]: true } } } };
    case "GET /models":
      return { object: "list", data: [{ id: bearer, object: "model", created: 1, owned_by: `owner ${bearer.slice(0, 10)}` }, ...modelList.data] };
    case "POST /chat/completions":
      return chatCompletion(bearer, `the key you sent is ${bearer}`);
    default:
      return echoed(healthyAnswer(route, body, url, state), bearer);
  }
}
