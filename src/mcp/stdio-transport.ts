// The stdio transport the bin serves on, handed to the SDK's serveStdio, which serves both protocol revisions
// over it. The SDK's own StdioServerTransport (2.4) still drops a line that is not JSON or not JSON-RPC without
// a word (a request with a bad id or params then never gets an answer), answers some malformed params of a
// known method as an internal error (tools/list with a cursor that is not a string is -32603) and others
// with a multi-line message, and closes the whole session on one line over its buffer limit: 20 of the 29
// cases of test/e2e/protocol.test.ts fail on it. This one answers each with the JSON-RPC error the protocol
// names (-32700, -32600, -32602) in one line and keeps reading; every valid message goes to the SDK
// unchanged, which now answers a call for an unknown tool with -32602 itself.

import type { Readable, Writable } from "node:stream";
import { parseJSONRPCMessage, ProtocolErrorCode as ErrorCode, specTypeSchemas, type JSONRPCMessage, type RequestId, type StandardSchemaV1, type Transport } from "@modelcontextprotocol/server";
import { BATCH_REFUSAL, isBatch } from "./jsonrpc-batch.js";

/**
 * The requests this server handles, with the SDK's own schema for each: checked here so a bad one is -32602.
 * A Map, not an object literal: a method named "__proto__" or "constructor" must find nothing.
 */
const REQUEST_SCHEMAS = new Map<string, StandardSchemaV1>([
  ["initialize", specTypeSchemas.InitializeRequest],
  ["ping", specTypeSchemas.PingRequest],
  ["tools/list", specTypeSchemas.ListToolsRequest],
  ["tools/call", specTypeSchemas.CallToolRequest],
]);

const NEWLINE = 0x0a;
/** The SDK's own limit; a tool call carrying a long conversation stays well inside it. */
const DEFAULT_MAX_LINE_BYTES = 10 * 1024 * 1024;

export interface GuardedStdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** A longer line is discarded as it arrives (never buffered whole) and answered with -32600. */
  maxLineBytes?: number;
  /**
   * Requests already answered before this transport took over (src/mcp/stdio-opening.ts): their lines come first
   * on `stdin`, so the server stands where it would have stood, and its answers to them are not written again.
   */
  answered?: Set<RequestId>;
}

type Shape = Record<string, unknown>;

function idOf(value: unknown): RequestId | undefined {
  const id = typeof value === "object" && value !== null ? (value as Shape).id : undefined;
  return typeof id === "string" || (typeof id === "number" && Number.isInteger(id)) ? id : undefined;
}

/** What is wrong with a request by its method's schema, or undefined when nothing is (or no schema applies). */
function paramIssues(schema: StandardSchemaV1 | undefined, request: unknown): string | undefined {
  const result = schema?.["~standard"].validate(request);
  // The SDK's schemas are zod, which validates synchronously.
  if (!result || result instanceof Promise || !result.issues) return undefined;
  return result.issues
    .slice(0, 3)
    .map((issue) => `${(issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".")}: ${issue.message}`)
    .join("; ");
}

function has(value: unknown, key: string): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && key in value;
}

export class GuardedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private readonly stdin: Readable;
  private readonly stdout: Writable;
  private readonly maxLineBytes: number;
  private readonly answered: Set<RequestId>;
  private pieces: Buffer[] = [];
  private buffered = 0;
  /** Inside an over-long line: drop bytes until its newline. */
  private discarding = false;

  constructor(options: GuardedStdioOptions = {}) {
    this.stdin = options.stdin ?? process.stdin;
    this.stdout = options.stdout ?? process.stdout;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.answered = options.answered ?? new Set();
  }

  async start(): Promise<void> {
    this.stdin.on("data", this.onData);
    this.stdin.on("error", this.onStreamError);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.answered.size > 0 && !("method" in message) && message.id !== undefined && this.answered.delete(message.id)) return;
    if (!this.stdout.write(`${JSON.stringify(message)}\n`)) {
      await new Promise((resolve) => this.stdout.once("drain", resolve));
    }
  }

  async close(): Promise<void> {
    this.stdin.off("data", this.onData);
    this.stdin.off("error", this.onStreamError);
    if (this.stdin.listenerCount("data") === 0) this.stdin.pause();
    this.pieces = [];
    this.buffered = 0;
    this.onclose?.();
  }

  private readonly onStreamError = (error: Error) => this.onerror?.(error);

  private readonly onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      this.keep(bytes.subarray(start, end));
      this.endOfLine();
      start = end + 1;
    }
    this.keep(bytes.subarray(start));
  };

  private keep(piece: Buffer): void {
    if (this.discarding || piece.length === 0) return;
    if (this.buffered + piece.length > this.maxLineBytes) {
      this.pieces = [];
      this.buffered = 0;
      this.discarding = true;
      this.refuse(undefined, ErrorCode.InvalidRequest, `Invalid Request: message longer than ${this.maxLineBytes} bytes; it was discarded.`);
      return;
    }
    this.pieces.push(piece);
    this.buffered += piece.length;
  }

  private endOfLine(): void {
    const line = Buffer.concat(this.pieces).toString("utf8");
    this.pieces = [];
    this.buffered = 0;
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    if (line.trim() === "") return;
    try {
      this.receive(line);
    } catch (error) {
      // A bug here must not take the session down with it: answer this line, keep reading the next.
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      this.refuse(undefined, ErrorCode.InternalError, "Internal error while reading this message.");
    }
  }

  private receive(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return this.refuse(undefined, ErrorCode.ParseError, "Parse error: the line is not JSON.");
    }
    let received: JSONRPCMessage;
    try {
      received = parseJSONRPCMessage(parsed);
    } catch {
      // A malformed notification or response has nobody waiting for an answer; JSON-RPC answers neither.
      const request = has(parsed, "id") || !(has(parsed, "method") || has(parsed, "result") || has(parsed, "error"));
      if (!request) return;
      return this.refuse(idOf(parsed), ErrorCode.InvalidRequest, isBatch(parsed) ? BATCH_REFUSAL : "Invalid Request: not a JSON-RPC 2.0 request.");
    }
    if ("method" in received && "id" in received) {
      const issues = paramIssues(REQUEST_SCHEMAS.get(received.method), received);
      if (issues) return this.refuse(received.id, ErrorCode.InvalidParams, `Invalid params for ${received.method}: ${issues}.`);
    }
    this.onmessage?.(received);
  }

  /** Answers with a JSON-RPC error. Without a usable id MCP leaves `id` out (JSON-RPC 2.0 would send null). */
  private refuse(id: RequestId | undefined, code: ErrorCode, message: string): void {
    const answer: JSONRPCMessage = id === undefined ? { jsonrpc: "2.0", error: { code, message } } : { jsonrpc: "2.0", id, error: { code, message } };
    this.send(answer).catch((error: Error) => this.onerror?.(error));
  }
}
