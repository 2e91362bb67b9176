// Automatic retries: read-only idempotent tools repeat 429/502/503 a bounded number of times, honouring
// Retry-After up to a cap; tools that mint or spend never repeat. Decided by annotations, not names.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Tool } from "../../src/manifest/define-tool.ts";
import { manifest } from "../../src/manifest/index.ts";
import { CANARY_CALLER_KEY, leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { connect, textOf } from "../support/connect.ts";
import { userInfo } from "../support/litellm-admin-answers.ts";
import { routeKey } from "../support/healthy-litellm.ts";
import { chatCompletion, generatedKey, keyInfo, modelList } from "../support/litellm-answers.ts";

interface Answer {
  status: number;
  retryAfter?: string;
  /** Close the connection instead of answering (LiteLLM resets kept-alive sockets after some early answers). */
  drop?: true;
}

/**
 * A local upstream that answers the tool's own route (`route`) with `script` in order, then 200 forever, and
 * records when each of those requests came; what the tool reads around its own call is answered healthy.
 */
class Scripted {
  readonly hits: number[] = [];
  private server: Server | undefined;
  constructor(
    private readonly script: Answer[],
    private readonly route: string,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const route = `${req.method} ${req.url?.split("?")[0]}`;
        if (route === this.route) this.hits.push(performance.now());
        const answer = route === this.route ? this.script[this.hits.length - 1] : undefined;
        if (answer?.drop) return void req.socket.destroy();
        const status = answer?.status ?? 200;
        res.writeHead(status, { "content-type": "application/json", ...(answer?.retryAfter ? { "retry-after": answer.retryAfter } : {}) });
        res.end(JSON.stringify(status === 200 ? healthy(route) : { error: { message: `status ${status}` } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<unknown> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => this.server?.close(resolve));
  }
}

function healthy(route: string): unknown {
  if (route === "POST /key/generate") return generatedKey({ models: ["mock-gpt"] });
  if (route === "GET /key/info") return keyInfo;
  if (route === "GET /models") return modelList;
  // generate_key reads its user first (src/policy/effects.ts).
  if (route === "GET /user/info") return userInfo(1, 1, "u");
  return chatCompletion("mock-gpt", "hi");
}

const ARGS: Record<string, Record<string, unknown>> = {
  generate_key: { models: ["mock-gpt"], user_id: "u", duration: "1h" },
  get_key_info: { key: "sk-minted-Ab12Cd34Ef56Gh78" },
  list_models: {},
  proxy_completion: { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], key: CANARY_CALLER_KEY },
};

let upstream: Scripted | undefined;
afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
});

async function run(script: Answer[], tool: string, env: Record<string, string> = {}, tools?: readonly Tool[]) {
  upstream = new Scripted(script, routeKey((tools ?? manifest).find((t) => t.name === tool)!));
  const host = await upstream.start();
  const bridge = await connect({ LITELLM_HOST: host, LITELLM_MCP_RETRY_MAX_WAIT_MS: "3000", ...env }, tools ? { tools } : {});
  const result = await bridge.call(tool, ARGS[tool] ?? {});
  await bridge.close();
  capture("retries", result);
  expect(leaksCanary(JSON.stringify(result))).toBe(false);
  return { result, text: textOf(result), requests: upstream.hits.length, hits: upstream.hits };
}

describe("read-only idempotent tools retry transient failures", () => {
  it.each(["get_key_info", "list_models"])("%s: 503, 502, then 200 succeeds on the third request", async (tool) => {
    const { result, requests } = await run([{ status: 503 }, { status: 502 }], tool);
    expect(result.isError).toBeFalsy();
    expect(requests).toBe(3);
  });

  it.each(["get_key_info", "list_models"])("%s: a connection dropped before the answer is tried again", async (tool) => {
    const { result, requests } = await run([{ status: 0, drop: true }], tool);
    expect(result.isError).toBeFalsy();
    expect(requests).toBe(2);
  });

  it("gives up after LITELLM_MCP_RETRIES retries, saying how often it tried", async () => {
    const { result, text, requests } = await run([{ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 }], "list_models");
    expect(result.isError).toBe(true);
    expect(requests).toBe(3);
    expect(text).toMatch(/HTTP 502 .*\(Tried 3 times\.\)$/);
  });

  it("honours Retry-After before trying again", async () => {
    const { result, hits } = await run([{ status: 429, retryAfter: "1" }], "list_models");
    expect(result.isError).toBeFalsy();
    expect(hits).toHaveLength(2);
    // A lower bound only: the second request cannot come before LiteLLM said it may.
    expect(hits[1]! - hits[0]!).toBeGreaterThanOrEqual(950);
  });

  it("a Retry-After longer than LITELLM_MCP_RETRY_MAX_WAIT_MS is not waited out: one request, LiteLLM's sentence", async () => {
    const { result, text, requests } = await run([{ status: 429, retryAfter: "120" }], "get_key_info");
    expect(result.isError).toBe(true);
    expect(requests).toBe(1);
    expect(text).toMatch(/rate-limiting this call \(HTTP 429\): try again in 120 s\./);
  });

  it.each([500, 404, 401])("%i is not retried", async (status) => {
    const { result, requests } = await run([{ status }], "list_models");
    expect(result.isError).toBe(true);
    expect(requests).toBe(1);
  });

  it("LITELLM_MCP_RETRIES=0 turns retrying off", async () => {
    const { result, requests } = await run([{ status: 503 }], "list_models", { LITELLM_MCP_RETRIES: "0" });
    expect(result.isError).toBe(true);
    expect(requests).toBe(1);
  });
});

describe("tools that mint or spend never retry", () => {
  it.each([
    ["generate_key", 429],
    ["generate_key", 502],
    ["generate_key", 503],
    ["proxy_completion", 429],
    ["proxy_completion", 502],
    ["proxy_completion", 503],
  ])("%s on %i: exactly one request", async (tool, status) => {
    const { result, requests } = await run([{ status, retryAfter: "0" }], tool);
    expect(result.isError).toBe(true);
    expect(requests).toBe(1);
  });

  it.each(["generate_key", "proxy_completion"])("%s on a dropped connection: exactly one request, and the sentence says so", async (tool) => {
    const { result, text, requests } = await run([{ status: 0, drop: true }], tool);
    expect(result.isError).toBe(true);
    expect(requests).toBe(1);
    expect(text).toMatch(/closed before the answer was complete\. Try again\.$/);
  });
});

describe("the decision comes from the annotations", () => {
  const listModels = manifest.find((t) => t.name === "list_models")!;

  it("a read-only idempotent tool retries whatever its name", async () => {
    const renamed: Tool = { ...listModels, name: "mint_keys_for_everyone" };
    const { requests } = await run([{ status: 503 }], "mint_keys_for_everyone", {}, [renamed]);
    expect(requests).toBe(2);
  });

  it("the same tool annotated non-idempotent does not", async () => {
    const notIdempotent: Tool = { ...listModels, annotations: { ...listModels.annotations, idempotentHint: false } };
    const { requests } = await run([{ status: 503 }], "list_models", {}, [notIdempotent]);
    expect(requests).toBe(1);
  });
});

describe("cancellation during the wait", () => {
  it("stops the retry: no further request after the client cancels", async () => {
    upstream = new Scripted([{ status: 503, retryAfter: "1" }], "GET /models");
    const bridge = await connect({ LITELLM_HOST: await upstream.start() });
    const controller = new AbortController();
    const pending = bridge.client.callTool({ name: "list_models", arguments: {} }, { signal: controller.signal });
    await expect.poll(() => upstream!.hits.length).toBe(1);
    controller.abort("user pressed stop");
    await expect(pending).rejects.toThrow(/user pressed stop/);
    // Longer than the Retry-After: a retry that was not cancelled would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(upstream.hits).toHaveLength(1);
    await bridge.close();
  });
});
