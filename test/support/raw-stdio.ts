// Spawns the built server with raw pipes, for tests that must write what no SDK client would send (garbage
// lines, broken JSON-RPC), close stdin, or signal the process, and that read every stdout line themselves.
// It speaks this run's revision (revisions.ts): 2025-11-25 opens with initialize; 2026-07-28 with
// server/discover, and each request it builds carries the per-request `_meta` envelope.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { capture } from "./capture.ts";
import { CANARY_MASTER_KEY } from "./connect.ts";
import { FakeLiteLLM } from "./fake-litellm.ts";
import { envelope, REVISION, type Revision } from "./revisions.ts";
import { BUILT_SERVER } from "./spawn-server.ts";

export type Message = Record<string, unknown>;


/** Request params as `revision` sends them: 2026-07-28 adds the envelope to an object's `_meta`; anything else goes as given. */
export function paramsFor(revision: Revision, params: unknown): unknown {
  if (revision === "2025-11-25" || (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params)))) return params;
  const given = (params ?? {}) as Message;
  return { ...given, _meta: { ...(given._meta as Message | undefined), ...envelope() } };
}

export class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every stdout line, in order, as written. */
  readonly stdoutLines: string[] = [];
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private partial = "";
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  constructor(
    env: Record<string, string>,
    readonly revision: Revision = REVISION,
  ) {
    this.child = spawn(process.execPath, [BUILT_SERVER], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    this.child.stdout.on("data", (chunk: Buffer) => this.onStdout(chunk.toString("utf8")));
    // A test that ends stdin early must not die of EPIPE on a later write.
    this.child.stdin.on("error", () => {});
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Every stdout line parsed; a line that is not JSON fails the parse (stdout carries JSON-RPC only). */
  get messages(): Message[] {
    return this.stdoutLines.map((line) => JSON.parse(line) as Message);
  }

  write(line: string | Message): void {
    this.child.stdin.write(`${typeof line === "string" ? line : JSON.stringify(line)}\n`);
  }

  /** Resolves with the first message (already received or yet to come) that matches. */
  next(match: (m: Message) => boolean): Promise<Message> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  answerTo(id: string | number): Promise<Message> {
    return this.next((m) => m.id === id && ("result" in m || "error" in m));
  }

  /** Request params as this revision sends them: with the envelope in `_meta` for 2026-07-28. */
  params(params: unknown): unknown {
    return paramsFor(this.revision, params);
  }

  /** The method every revision answers with a plain result: ping (2025-11-25; 2026-07-28 has none) or tools/list. */
  get fenceMethod(): string {
    return this.revision === "2025-11-25" ? "ping" : "tools/list";
  }

  /** Writes a request (params as this revision sends them) without waiting. */
  send(id: string | number, method: string, params?: unknown): void {
    const sent = this.params(params);
    this.write({ jsonrpc: "2.0", id, method, ...(sent === undefined ? {} : { params: sent }) });
  }

  /** Sends a request and waits for its answer. */
  async request(id: string | number, method: string, params?: unknown): Promise<Message> {
    this.send(id, method, params);
    return this.answerTo(id);
  }

  fence(id: string): Promise<Message> {
    return this.request(id, this.fenceMethod);
  }

  async initialize(): Promise<void> {
    if (this.revision === "2026-07-28") {
      await this.request("init", "server/discover");
      return;
    }
    await this.request("init", "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw-test", version: "0" } });
    this.write({ jsonrpc: "2.0", method: "notifications/initialized" });
  }

  private onStdout(text: string): void {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      this.stdoutLines.push(line);
      let message: Message;
      try {
        message = JSON.parse(line) as Message;
      } catch {
        continue; // the `messages` getter reports it
      }
      for (const waiter of [...this.waiters]) {
        if (waiter.match(message)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    }
  }
}

export interface RawOnStandIn {
  server: RawServer;
  upstream: FakeLiteLLM;
  /** Ends stdin, waits for the exit, stops the stand-in and captures everything the server emitted. */
  stop(suite: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The built server on raw pipes, initialized, against a fresh stand-in; both know the canary master key. */
export async function rawServerOnStandIn(env: Record<string, string> = {}): Promise<RawOnStandIn> {
  const upstream = await new FakeLiteLLM({ masterKey: CANARY_MASTER_KEY }).start();
  const server = new RawServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: CANARY_MASTER_KEY, ...env });
  await server.initialize();
  return {
    server,
    upstream,
    async stop(suite) {
      server.child.stdin.end();
      const exit = await server.exited;
      await upstream.stop();
      capture(suite, ...server.stdoutLines, server.stderr);
      return exit;
    },
  };
}
