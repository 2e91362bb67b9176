// Tool calls over HTTP answered by long-lived servers, for the calls that need nothing else. The SDK's
// createMcpHandler (src/mcp/http-server.ts) builds a server and a transport for every POST and carries the
// request and its answer through web streams: close to a millisecond of CPU per call beyond what the same call
// costs over stdio. A plain tools/call with the master key needs none of that: a 2025-era call is served
// statelessly, with no session and no capabilities, and a 2026-07-28 call brings everything it needs in its
// own envelope. So one server for each era, built once, serves every such call, each under an id of its own
// (clients reuse ids): the 2025 one connected directly, the 2026 one behind the SDK's own serveStdio, which
// pins a long-lived server to that revision as a stdio session does. Only requests the SDK would certainly
// route there and accept as they are, are taken here, and answered as the SDK answers them (status, headers,
// server-sent events or JSON); anything else, and every other method, goes to the SDK.
// test/unit/http-direct-calls.test.ts holds each answer to the SDK's own for the same request.

import type { IncomingMessage, ServerResponse } from "node:http";
import { SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type McpServer, type RequestId, type Transport, type TransportSendOptions } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { MODERN_REVISIONS, plainEnvelopeRevision } from "./stdio-opening.js";

/** The headers the SDK's stateless 2025 transport answers a request with, as its Node adapter writes them. */
const EVENT_STREAM_HEADERS = {
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "content-type": "text/event-stream",
  "x-accel-buffering": "no",
};
/** The SDK's heartbeat on an open event stream, and how often it writes it. */
const KEEP_ALIVE_FRAME = ": keepalive\n\n";
const KEEP_ALIVE_MS = 15_000;

/** The revision the 2026 server is pinned to (the one this server speaks). */
const MODERN_REVISION = MODERN_REVISIONS[0];

type Json = Record<string, unknown>;
type Era = "legacy" | "modern";
type Call = Json & { id: RequestId; params: Json };

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const onlyKeys = (value: Json, allowed: readonly string[]) => Object.keys(value).every((key) => allowed.includes(key));
const isId = (value: unknown): value is RequestId => typeof value === "string" || Number.isSafeInteger(value);
const header = (req: IncomingMessage, name: string) => req.headers[name] as string | undefined;

/** The era of a plain tools/call the SDK would serve as it is; undefined for anything else. */
function directEra(req: IncomingMessage, body: unknown, served: ReadonlySet<string>): Era | undefined {
  if (!isObject(body) || body.method !== "tools/call" || body.jsonrpc !== "2.0" || !isId(body.id) || !onlyKeys(body, ["jsonrpc", "id", "method", "params"])) return undefined;
  const { params } = body;
  if (!isObject(params) || !onlyKeys(params, ["name", "arguments", "_meta"])) return undefined;
  if (header(req, "content-type")?.split(";")[0]?.trim().toLowerCase() !== "application/json") return undefined;
  const extraHeaders = Object.keys(req.headers).filter((name) => name.startsWith("mcp-") && name !== "mcp-protocol-version");
  const version = header(req, "mcp-protocol-version");
  const meta = params._meta;
  if (meta === undefined || (isObject(meta) && onlyKeys(meta, ["progressToken"]))) {
    // 2025: a progress token is all its _meta may carry here; no header of a session or of 2026.
    if (isObject(meta) && meta.progressToken !== undefined && !isId(meta.progressToken)) return undefined;
    const accept = header(req, "accept");
    if (typeof accept !== "string" || !accept.includes("application/json") || !accept.includes("text/event-stream")) return undefined;
    if (version !== undefined && !(SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(version)) return undefined;
    return extraHeaders.length === 0 ? "legacy" : undefined;
  }
  // 2026-07-28: an envelope and nothing else (a progress token would turn the answer into a stream), the
  // headers it requires saying what the body says, for a tool this server serves.
  const revision = plainEnvelopeRevision(params);
  if (revision !== MODERN_REVISION || version !== revision) return undefined;
  if (typeof params.name !== "string" || !served.has(params.name)) return undefined;
  if (header(req, "mcp-method") !== "tools/call" || header(req, "mcp-name") !== params.name) return undefined;
  return extraHeaders.every((name) => name === "mcp-method" || name === "mcp-name") ? "modern" : undefined;
}

interface Exchange {
  id: RequestId;
  res: ServerResponse;
  /** What the request carried in _meta (a 2026 envelope), for the cancellation sent when the client leaves. */
  meta: unknown;
}

/**
 * A long-lived server's transport: each call in under an id of its own, its messages out on its own HTTP
 * response, as server-sent events (2025: the answer at the end of a stream opened at once) or as the answer
 * alone in JSON (2026-07-28, with no progress asked for).
 */
class CallTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private next = 0;
  private readonly exchanges = new Map<number, Exchange>();

  constructor(private readonly era: Era) {}

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const response = !("method" in message);
    const id = response ? message.id : options?.relatedRequestId;
    const exchange = typeof id === "number" ? this.exchanges.get(id) : undefined;
    // A message for no call (or one the client gave up on) has nowhere to go, as on the SDK's stateless stream.
    if (!exchange || (this.era === "modern" && !response)) return;
    const sent = JSON.stringify(response ? { ...message, id: exchange.id } : message);
    if (this.era === "legacy") exchange.res.write(`event: message\ndata: ${sent}\n\n`);
    else {
      exchange.res.writeHead(200, { "content-type": "application/json" });
      exchange.res.write(sent);
    }
    if (response) {
      this.exchanges.delete(id as number);
      exchange.res.end();
    }
  }

  /** Hands one call to the server, under an id of its own. */
  call(request: Call, res: ServerResponse): void {
    const id = this.next++;
    this.exchanges.set(id, { id: request.id, res, meta: request.params._meta });
    let heartbeat: NodeJS.Timeout | undefined;
    if (this.era === "legacy") {
      res.writeHead(200, EVENT_STREAM_HEADERS);
      res.flushHeaders();
      heartbeat = setInterval(() => res.write(KEEP_ALIVE_FRAME), KEEP_ALIVE_MS);
      heartbeat.unref();
    }
    res.on("close", () => {
      clearInterval(heartbeat);
      const exchange = this.exchanges.get(id);
      if (!exchange) return;
      this.exchanges.delete(id);
      // The client went away before the answer: the call is cancelled, as the SDK's teardown cancels it.
      const meta = this.era === "modern" ? { _meta: exchange.meta } : {};
      this.onmessage?.({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: id, reason: "The HTTP request was closed.", ...meta } } as JSONRPCMessage);
    });
    this.onmessage?.({ ...request, id } as JSONRPCMessage);
  }

  /** A message of the server's own setting-up, answered to nobody. */
  deliver(message: JSONRPCMessage): void {
    this.onmessage?.(message);
  }

  async close(): Promise<void> {
    for (const { res } of this.exchanges.values()) res.destroy();
    this.exchanges.clear();
    this.onclose?.();
  }
}

export interface DirectCalls {
  /** Serves the request when it is a call this takes, and says whether it did. */
  serve(req: IncomingMessage, res: ServerResponse, body: unknown): boolean;
  /** How many calls were answered here (the benchmark and the tests read it). */
  readonly served: number;
  close(): Promise<void>;
}

/** A server/discover at the 2026 revision: the opening that pins serveStdio's server to it (answered to nobody). */
const DISCOVER = {
  jsonrpc: "2.0",
  id: -1,
  method: "server/discover",
  params: { _meta: { "io.modelcontextprotocol/protocolVersion": MODERN_REVISION, "io.modelcontextprotocol/clientCapabilities": {} } },
} as JSONRPCMessage;

/**
 * `build` makes a server for an era, as the SDK's serving would for each request; `served` names the tools it
 * serves (a call to any other is the SDK's to refuse); `onerror` hears what serveStdio reports.
 */
export function directCalls(build: (era: Era) => McpServer, served: ReadonlySet<string>, onerror: (error: Error) => void): DirectCalls {
  const sessions: Partial<Record<Era, Promise<{ transport: CallTransport; close(): Promise<void> }>>> = {};
  let count = 0;
  const open = async (era: Era) => {
    const transport = new CallTransport(era);
    if (era === "legacy") {
      const server = build("legacy");
      await server.connect(transport);
      return { transport, close: () => server.close() };
    }
    const session = serveStdio(({ era: pinned }) => build(pinned), { transport, onerror });
    transport.deliver(DISCOVER);
    return { transport, close: () => session.close() };
  };
  return {
    serve(req, res, body) {
      const era = directEra(req, body, served);
      if (!era) return false;
      count++;
      void (sessions[era] ??= open(era)).then(({ transport }) => transport.call(body as Call, res));
      return true;
    },
    get served() {
      return count;
    },
    close: async () => {
      await Promise.all(Object.values(sessions).map(async (session) => (await session)?.close()));
    },
  };
}
