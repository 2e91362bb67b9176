// MCP cancellation reaches the network: when the client cancels a call (notifications/cancelled), the
// built server aborts its HTTP request and the upstream sees the connection close; the session goes on.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANARY_CALLER_KEY, leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY } from "../support/connect.ts";
import { SlowUpstream } from "../support/slow-upstream.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

const CALLS: [string, Record<string, unknown>][] = [
  ["generate_key", { models: ["mock-gpt"], user_id: "litellm-mcp-demo", duration: "1h" }],
  ["get_key_info", { key: "sk-minted-Ab12Cd34Ef56Gh78" }],
  ["list_models", {}],
  ["proxy_completion", { model: "mock-gpt", messages: [{ role: "user", content: "take your time" }], key: CANARY_CALLER_KEY }],
];

let upstream: SlowUpstream;
let server: Spawned;

beforeAll(async () => {
  upstream = await new SlowUpstream(Infinity).start();
  // Timeouts far beyond the test's own: only the cancellation can end the upstream request in time.
  server = await spawnServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: CANARY_MASTER_KEY, LITELLM_MCP_ADMIN_TIMEOUT_MS: "600000", LITELLM_MCP_COMPLETION_TIMEOUT_MS: "600000" });
});
afterAll(async () => {
  await server.close();
  await upstream.stop();
  capture("protocol-cancel", server.stderr());
  expect(leaksCanary(server.stderr())).toBe(false);
});

describe("notifications/cancelled", () => {
  it.each(CALLS)("%s: the upstream request is aborted, then the next call is served", async (tool, args) => {
    upstream.delayMs = Infinity;
    const before = upstream.requests.length;
    const controller = new AbortController();
    const pending = server.client.callTool({ name: tool, arguments: args }, { signal: controller.signal, timeout: 60_000 });
    await upstream.received(before + 1);
    controller.abort("the user changed their mind");
    await expect(pending).rejects.toThrow(/the user changed their mind/);
    // The proof: the upstream sees its connection closed, long before the 600 s timeouts would fire.
    await upstream.requests[before]!.abandoned;

    upstream.delayMs = 0;
    const next = await server.call(tool, args);
    capture("protocol-cancel", next);
    expect(next.isError, JSON.stringify(next)).toBeFalsy();
  });
});
