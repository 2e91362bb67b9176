// A local upstream that takes its time (or forever) and echoes what each request asked for, so tests can
// match answers to requests under load, and can see when the bridge hangs up on a request it abandoned.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { userInfo } from "./litellm-admin-answers.ts";
import { chatCompletion, generatedKey, keyInfo, modelList } from "./litellm-answers.ts";

export interface SlowRequest {
  route: string;
  /** Resolves when the bridge closed the connection before the answer was sent. */
  abandoned: Promise<void>;
}

export class SlowUpstream {
  /** Milliseconds before answering; Infinity never answers. */
  delayMs: number;
  readonly requests: SlowRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private server: Server | undefined;
  private readonly waiting: (() => void)[] = [];

  constructor(delayMs: number) {
    this.delayMs = delayMs;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://upstream");
        const route = `${req.method} ${url.pathname}`;
        let markAbandoned = () => {};
        const abandoned = new Promise<void>((resolve) => (markAbandoned = resolve));
        this.requests.push({ route, abandoned });
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        this.waiting.splice(0).forEach((wake) => wake());
        res.on("close", () => {
          this.inFlight--;
          if (!res.writableFinished) markAbandoned();
        });
        if (this.delayMs === Infinity) return;
        const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
        setTimeout(() => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(echo(route, url, body)));
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  /** Resolves once `count` requests in total have arrived. */
  async received(count: number): Promise<void> {
    while (this.requests.length < count) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function echo(route: string, url: URL, body: Record<string, unknown>): unknown {
  switch (route) {
    case "GET /key/info":
      return { key: url.searchParams.get("key"), info: { ...keyInfo.info, key_alias: `alias-of-${url.searchParams.get("key")}` } };
    case "POST /chat/completions": {
      const messages = body.messages as { content: string }[];
      return chatCompletion(String(body.model), `echo: ${messages.at(-1)?.content}`);
    }
    case "POST /key/generate":
      return generatedKey(body);
    // generate_key reads the key's user first.
    case "GET /user/info":
      return userInfo(0, 0, url.searchParams.get("user_id") ?? undefined);
    default:
      return modelList;
  }
}
