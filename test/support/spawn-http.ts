// Starts the built bin with --http on a free port, waits for the address it logs, and connects SDK clients.

import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { StreamableHTTPClientTransport, type Client, type StreamableHTTPClientTransportOptions } from "@modelcontextprotocol/client";
import { envelope, newClient, REVISION, type ClientSettings, type Revision } from "./revisions.ts";
import { BUILT_SERVER } from "./spawn-server.ts";

export interface HttpInstance {
  url: URL;
  /** The server process, for reading its CPU time. */
  pid: number;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Resolves once the server logs where it listens; rejects with its stderr if it exits first. */
export function startHttpInstance(args: string[], env: Record<string, string>, bin: string = BUILT_SERVER): Promise<HttpInstance> {
  const child: ChildProcess = spawn(process.execPath, [bin, "--http", "--port", "0", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) {
        resolve({
          url: new URL(match[1]!),
          pid: child.pid!,
          stderr: () => stderr + (stdout ? `\n[stdout] ${stdout}` : ""),
          stop: async () => {
            child.kill("SIGTERM");
            await exited;
          },
        });
      }
    });
    void exited.then((code) => reject(Object.assign(new Error(`exited with ${code}: ${stderr}`), { code, stderr })));
  });
}

export async function connectHttp(url: URL, options: StreamableHTTPClientTransportOptions = {}, settings: ClientSettings = {}): Promise<Client> {
  const client = newClient("litellm-mcp-http-e2e", settings);
  await client.connect(new StreamableHTTPClientTransport(url, options));
  return client;
}

/** A raw request, so the test controls Host and Origin exactly as a browser page could not. */
export function raw(url: URL, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: options.method ?? "POST", path: options.path ?? url.pathname, headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

export const initialize = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } } });
export const mcpHeaders = { "content-type": "application/json", accept: "application/json, text/event-stream" };

/** A 2026-07-28 POST by hand: the body with its envelope, and the headers that must agree with it. */
export function modernPost(id: number | string, method: string, params: Record<string, unknown> = {}): { headers: Record<string, string>; body: string } {
  const name = typeof params.name === "string" ? params.name : undefined;
  return {
    headers: { ...mcpHeaders, "mcp-protocol-version": "2026-07-28", "mcp-method": method, ...(name !== undefined ? { "mcp-name": name } : {}) },
    body: JSON.stringify({ jsonrpc: "2.0", id, method, params: { ...params, _meta: envelope() } }),
  };
}

/** The opening POST of a revision, by hand: initialize (2025-11-25) or server/discover (2026-07-28). */
export function openingPost(revision: Revision = REVISION): { headers: Record<string, string>; body: string } {
  return revision === "2026-07-28" ? modernPost(1, "server/discover") : { headers: mcpHeaders, body: initialize };
}

/** The JSON-RPC message of an answer, sent as plain JSON or as the last event of a server-sent stream. */
export function answerOf(body: string): Record<string, unknown> {
  const events = body.split("\n").filter((line) => line.startsWith("data:"));
  return JSON.parse(events.length > 0 ? events.at(-1)!.slice(5) : body) as Record<string, unknown>;
}
