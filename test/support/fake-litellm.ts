// A small local stand-in that answers like a LiteLLM proxy (clearly not one): the e2e tests, the demo,
// `npm run stand-in` and the benchmark run the built server against it when no real proxy is at hand. It
// answers every route the tools call, keeps the keys it mints (test/support/stand-in-state.ts), enforces
// the master key on admin routes, virtual keys on completions and a key's allowed_routes on every route
// (test/support/stand-in-routes.ts), and records every request it gets.

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  chatCompletion,
  invalidKey,
  keyBlocked,
  keyInfoNotFound,
  keyNotFound,
  modelList,
  missingCredentials,
  modelNotAllowed,
  noDatabase,
  onlyProxyAdmin,
  unknownKeyWithoutDatabase,
  unknownModel,
  userList,
  userListNoDatabase,
} from "./litellm-answers.ts";
import { answerAdminRoute } from "./stand-in-admin.ts";
import { answerManagementRoute } from "./stand-in-management.ts";
import { routeRefusal } from "./stand-in-routes.ts";
import { durationOverflow, StandInState, withOffset, type StandInPeople } from "./stand-in-state.ts";
import { usageFixture } from "./usage-fixture.ts";

function usersById(ids: string[]) {
  const users = usageFixture().users.users.filter((u) => ids.includes(String(u.user_id)));
  return { users, total: users.length, page: 1, page_size: 100, total_pages: 1 };
}

/** The document the tools were generated from: what /openapi.json serves unless a test says otherwise. */
export function committedSpec(): { info: { version: string }; paths: Record<string, Record<string, unknown>> } {
  return JSON.parse(readFileSync(new URL("../../spec/openapi.json", import.meta.url), "utf8"));
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  userAgent: string | undefined;
  body: unknown;
  /** For streamed completions: whether every event went out, or the client closed the connection first. */
  stream?: "completed" | "aborted";
}

export interface FakeLiteLLMOptions {
  masterKey: string;
  /** Without a database LiteLLM answers key routes with 500 "DB not connected…" / "Database not connected…". */
  database?: boolean;
  /** Milliseconds to wait before answering each request (for load and cancellation tests). */
  delayMs?: number;
  /** Served at GET /openapi.json (default: spec/openapi.json); null answers 404, as with LiteLLM's docs off. */
  openapi?: unknown;
  /** Milliseconds between the events of a streamed completion (for progress and cancellation tests). */
  streamDelayMs?: number;
  /** With an Enterprise license LiteLLM regenerates keys; without one (the default) it refuses. */
  enterprise?: boolean;
  /** The users and teams that exist (default: the demo's user and team). */
  people?: StandInPeople;
}

export class FakeLiteLLM {
  readonly requests: RecordedRequest[] = [];
  /** TCP connections accepted so far: how often a client opened one instead of reusing a kept-alive one. */
  connections = 0;
  /** The keys minted so far, and the spend logged against them. */
  readonly state: StandInState;
  private server: Server | undefined;

  constructor(private readonly options: FakeLiteLLMOptions) {
    this.state = new StandInState(options.people);
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error("FakeLiteLLM is not started");
    return `http://127.0.0.1:${address.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", () => this.connections++);
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", resolve);
    });
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Model names of the deployments added through the API, each once, besides the configured ones. */
  private addedModelNames(): string[] {
    const configured = new Set(modelList.data.map((m) => m.id));
    return [...new Set(this.state.dbDeployments.map((d) => d.model_name))].filter((name) => !configured.has(name));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const record: RecordedRequest = {
      method: req.method ?? "",
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
      userAgent: req.headers["user-agent"],
      body,
    };
    this.requests.push(record);
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));

    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    const bearer = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const isMaster = bearer === this.options.masterKey;
    const route = `${req.method} ${url.pathname}`;

    if (route === "GET /health/liveliness") return send(200, "I'm alive!");
    // LiteLLM's public readiness probe: no key, and only status and db for a caller without one.
    if (route === "GET /health/readiness") return send(200, { status: "healthy", db: this.options.database === false ? "Not connected" : "connected" });
    if (route === "GET /openapi.json") {
      return this.options.openapi === null ? send(404, { detail: "Not Found" }) : send(200, this.options.openapi ?? committedSpec());
    }
    if (!isMaster && !this.state.usable(bearer)) {
      // Like LiteLLM: without a database any key but the master key is an unanswerable lookup.
      if (this.options.database === false) return send(400, unknownKeyWithoutDatabase);
      if (this.state.isBlocked(bearer)) return send(401, keyBlocked);
      return send(401, keyNotFound);
    }
    const refusedRoute = isMaster ? undefined : routeRefusal(this.state.find(bearer)?.row.allowed_routes, url.pathname);
    if (refusedRoute) return send(403, refusedRoute);

    switch (route) {
      case "GET /models":
      case "GET /v1/models":
        // The configured models, then the names of deployments added through the API, as LiteLLM lists them.
        return send(200, { ...modelList, data: [...modelList.data, ...this.addedModelNames().map((id) => ({ id, object: "model", created: 1677610602, owned_by: "openai" }))] });
      case "GET /user/list":
        // Admin-only in LiteLLM; the master key passes the check before the handler needs the database.
        if (!isMaster) return send(401, onlyProxyAdmin(url.pathname));
        if (this.options.database === false) return send(500, userListNoDatabase);
        // By ids (the usage view's budget lines): the recorded users among them, as a real LiteLLM answered.
        if (url.searchParams.has("user_ids")) return send(200, usersById(url.searchParams.get("user_ids")!.split(",")));
        return send(200, userList);
      case "POST /key/generate": {
        if (!isMaster) return send(401, invalidKey(bearer));
        if (this.options.database === false) return send(500, noDatabase["/key/generate"]);
        const overflow = durationOverflow(body?.duration);
        if (overflow) return send(500, { error: { message: overflow, type: "internal_server_error", param: null, code: "500" } });
        const key = `sk-minted-${this.state.rows().length}-${Math.random().toString(36).slice(2, 10)}`;
        const row = this.state.mint(key, body ?? {});
        return send(200, { ...row, duration: null, key, token_id: row.token });
      }
      case "GET /key/info": {
        if (this.options.database === false) return send(500, noDatabase["/key/info"]);
        const key = url.searchParams.get("key") ?? "";
        // LiteLLM keeps describing a deleted key, marked as such.
        const live = this.state.find(key);
        const found = live ?? this.state.findDeleted(key);
        if (!found) return send(404, keyInfoNotFound);
        const { token: _token, ...info } = found.row;
        const expired = typeof found.row.expires === "string" && Date.parse(found.row.expires) < Date.now();
        return send(200, { key, info: { ...info, expires: withOffset(found.row.expires), status: live ? (expired ? "expired" : "active") : "deleted" } });
      }
      case "POST /chat/completions":
      case "POST /v1/chat/completions": {
        const model = String(body?.model ?? "");
        const added = this.state.dbDeployments.find((d) => d.model_name === model);
        if (!added && !modelList.data.some((m) => m.id === model)) {
          return send(400, unknownModel(model));
        }
        // A deployment on a credential LiteLLM does not have fails in the provider's client, after its retries.
        if (added && (added.credential === undefined || !this.state.credentials.has(added.credential))) return send(500, missingCredentials(model));
        const allowed = this.state.find(bearer)?.row.models;
        if (allowed && allowed.length > 0 && !allowed.includes(model)) return send(403, modelNotAllowed(model));
        // Each completion its own id and the time it was made, as LiteLLM's are.
        const answer = { ...chatCompletion(model, `Hello from the stand-in (${model})`), id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000) };
        this.state.logCompletion(bearer, model, answer.usage, (body?.metadata as { tags?: unknown } | undefined)?.tags, answer.id);
        if (body?.stream === true) return this.stream(res, model, body, record);
        return send(200, answer);
      }
      default: {
        if (!isMaster) return send(401, onlyProxyAdmin(url.pathname));
        const context = { state: this.state, url, body, enterprise: this.options.enterprise ?? false };
        const reply = answerAdminRoute(route, context) ?? answerManagementRoute(route, context);
        return reply ? send(reply.status, reply.payload) : send(404, { detail: "Not Found" });
      }
    }
  }

  /** Answers `stream: true` as LiteLLM does: one chat.completion.chunk event per word, then [DONE]. */
  private async stream(res: ServerResponse, model: string, body: Record<string, unknown>, record: RecordedRequest): Promise<void> {
    let closed = false;
    res.on("close", () => (closed = true));
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const base = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model, object: "chat.completion.chunk" };
    const words = `Hello from the stand-in (${model})`.split(/(?<= )/);
    const events: object[] = [
      ...words.map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    ];
    if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
      events.push({ ...base, choices: [], usage: { prompt_tokens: 8, completion_tokens: words.length, total_tokens: 8 + words.length } });
    }
    for (const event of events) {
      if (closed) break;
      res.write(`data: ${JSON.stringify(event)}\n\n`);
      await new Promise((r) => setTimeout(r, this.options.streamDelayMs ?? 0));
    }
    if (closed) {
      record.stream = "aborted";
      return;
    }
    res.end("data: [DONE]\n\n");
    record.stream = "completed";
  }
}
