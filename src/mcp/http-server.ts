// The same tools over MCP Streamable HTTP, stateless: every POST /mcp the SDK serves gets a fresh server from
// its createMcpHandler, which serves 2026-07-28 requests (server/discover, the per-request envelope, the
// Mcp-Method/Mcp-Name headers checked against the body) and 2025-11-25 ones (initialize, then each request
// on its own) from the one factory; a plain tool call with the master key, which needs nothing of a
// server but the call, is answered as the SDK would answer it by one long-lived server
// (src/mcp/http-direct-calls.ts). Nothing of a request outlives it (only the pool of connections to
// LiteLLM is shared, and it holds no key), so any number of instances can sit behind any load balancer.
// In front of the SDK stay what it does not do as this server needs: the Host/Origin gate (the SDK's
// ignores the port, so another app's page on localhost would pass), the token or caller-key check, GET
// /healthz, and the refusal of JSON-RPC batches (the SDK serves up to 100 messages in one). In caller mode
// the request's own bearer key is handed to that request's server and goes when the request goes.

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler } from "@modelcontextprotocol/server";
import type { Config } from "../config/config.js";
import { directCalls, type DirectCalls } from "./http-direct-calls.js";
import { createHttpSend } from "../litellm/http-transport.js";
import { bearerOf, refusalFor, type GuardOptions } from "./http-guard.js";
import { Admission, applyConnectionLimits, MAX_BODY_BYTES, SERVER_OPTIONS, tooCostlyJson, type Turned } from "./http-server-limits.js";
import { BATCH_REFUSAL, isBatch } from "./jsonrpc-batch.js";
import type { Logger } from "../log.js";
import { redact } from "../redact.js";
import { createServer, servedTools } from "./server.js";

export const MCP_PATH = "/mcp";

export interface HttpServerOptions extends GuardOptions {
  host: string;
  port: number;
  log: Logger;
  /**
   * Answer plain tool calls with the master key from long-lived servers (src/mcp/http-direct-calls.ts);
   * on unless false. The tests turn it off to hold its answers to the SDK's.
   */
  directCalls?: boolean;
}

export interface RunningHttpServer {
  url: string;
  /** How many tool calls the long-lived servers answered. */
  directCallsServed(): number;
  close(): Promise<void>;
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

class Refused extends Error {
  constructor(readonly turned: Turned) {
    super(turned.message);
  }
}

function sendTurned(res: ServerResponse, turned: Turned): void {
  sendJsonRpcError(res, turned.status, -32600, turned.message, turned.retryAfter === undefined ? {} : { "retry-after": String(turned.retryAfter) });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) throw new Refused({ status: 413, message: `Request body larger than ${MAX_BODY_BYTES} bytes.` });
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const costly = tooCostlyJson(body);
  if (costly) throw new Refused(costly);
  return JSON.parse(body.toString("utf8"));
}

/** How the caller-mode key travels from the gate to the request's server: the SDK's pass-through authInfo. */
type WithCaller = IncomingMessage & { auth?: { token: string; clientId: string; scopes: string[] } };

async function handleMcp(req: WithCaller, res: ServerResponse, serve: ReturnType<typeof toNodeHandler>, callerKey: string | undefined, direct: DirectCalls | undefined): Promise<void> {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch (error) {
    if (error instanceof Refused) return sendTurned(res, error.turned);
    return sendJsonRpcError(res, 400, -32700, "Parse error: the body is not JSON.");
  }
  if (isBatch(body)) return sendJsonRpcError(res, 400, -32600, BATCH_REFUSAL);
  if (direct?.serve(req, res, body)) return;
  if (callerKey !== undefined) req.auth = { token: callerKey, clientId: "litellm-caller", scopes: [] };
  await serve(req, res, body);
}

export async function startHttpServer(config: Config, options: HttpServerOptions): Promise<RunningHttpServer> {
  const { log } = options;
  // Servers are built per request; a tool selection naming no tool must stop the start instead.
  const served = new Set(servedTools(config).map((tool) => tool.name));
  const secrets = [config.masterKey, options.token];
  // Derived from the config, not taken from the caller: a caller-mode server can never run without the key check.
  const guard: GuardOptions = { ...options, callerKeys: config.auth === "caller" };
  // One transport to LiteLLM for every request's server: its pooled connections carry no key (each call
  // sends its own Authorization), and a request no longer pays for a connection of its own.
  const send = createHttpSend();
  const admission = new Admission();
  const logFor = (callerKey: string | undefined): Logger => (callerKey === undefined ? log : (level, message) => log(level, redact(message, [callerKey])));
  const handler = createMcpHandler(
    ({ era, authInfo }) => {
      const callerKey = authInfo?.token;
      return createServer(config, { log: logFor(callerKey), send, era, ...(callerKey !== undefined ? { callerKey } : {}) });
    },
    // What the SDK refused (a header that disagrees with the body, an unsupported revision) is the client's mistake.
    { onerror: (error) => log("info", `MCP request refused: ${redact(error.message, secrets)}`), maxRequestBodySize: MAX_BODY_BYTES },
  );
  // Caller mode keeps a server per request: the key a call sends is the request's, and goes with it.
  const direct =
    config.auth === "master" && options.directCalls !== false
      ? directCalls(
          (era) => createServer(config, { log, send, era }),
          served,
          (error) => log("info", `MCP request refused: ${redact(error.message, secrets)}`),
        )
      : undefined;
  const serve = toNodeHandler(handler, { onerror: (error) => log("error", `MCP request failed: ${redact(error.stack ?? error.message, secrets)}`) });

  const httpServer: Server = createHttpServer(SERVER_OPTIONS, (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const refusal = refusalFor(req, guard, { needsToken: path !== "/healthz" });
    if (refusal) {
      log("warn", `refused ${req.method} ${path}: ${refusal.message}`);
      const challenge: Record<string, string> = refusal.status === 401 ? { "www-authenticate": 'Bearer realm="litellm-mcp"' } : {};
      return sendJsonRpcError(res, refusal.status, -32001, refusal.message, challenge);
    }
    if (path === "/healthz" && req.method === "GET") {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end("ok");
    }
    if (path !== MCP_PATH) return sendJsonRpcError(res, 404, -32601, `Not found: MCP is served at ${MCP_PATH}.`);
    // Stateless: no standalone SSE stream to GET and no session to DELETE.
    if (req.method !== "POST") return sendJsonRpcError(res, 405, -32000, "Method not allowed: this stateless server takes POST only.", { allow: "POST" });

    // Before a byte of the body is read: what this process holds at once is bounded, whoever is asking.
    const admitted = admission.admit(req);
    if (typeof admitted !== "function") {
      if (admitted.status === 503) log("warn", `refused ${req.method} ${path}: ${admitted.message}`);
      return sendTurned(res, admitted);
    }
    res.on("close", admitted);

    // The guard let a caller-mode request through only with a key; every line logged for it hides that key.
    const callerKey = config.auth === "caller" ? bearerOf(req) : undefined;
    handleMcp(req, res, serve, callerKey, direct).catch((error: unknown) => {
      logFor(callerKey)("error", `MCP request failed: ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error), secrets)}`);
      sendJsonRpcError(res, 500, -32603, "Internal error; see the server's log.");
    });
  });

  applyConnectionLimits(httpServer);
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}${MCP_PATH}`,
    directCallsServed: () => direct?.served ?? 0,
    close: async () => {
      await Promise.all([handler.close(), direct?.close()]);
      await new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      });
    },
  };
}
