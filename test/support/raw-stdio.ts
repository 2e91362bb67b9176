// Spawns the built server with raw pipes, for tests that must write what no SDK client would send (garbage
// lines, broken JSON-RPC), close stdin, or signal the process, and that read every stdout line themselves.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { capture } from "./capture.ts";
import { CANARY_MASTER_KEY } from "./connect.ts";
import { FakeLiteLLM } from "./fake-litellm.ts";
import { BUILT_SERVER } from "./spawn-server.ts";

export type Message = Record<string, unknown>;

export class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every stdout line, in order, as written. */
  readonly stdoutLines: string[] = [];
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private partial = "";
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  constructor(env: Record<string, string>) {
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

  /** Sends a request and waits for its answer. */
  async request(id: string | number, method: string, params?: unknown): Promise<Message> {
    this.write({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
    return this.answerTo(id);
  }

  async initialize(): Promise<void> {
    await this.request("init", "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw-test", version: "0" } });
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
