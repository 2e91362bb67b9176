// Every tool of every toolset against every upstream fault, through the built server over stdio and real
// sockets: each fault ends in a clear isError sentence, the same server then serves a healthy call, only
// idempotent reads are retried, and no key leaks into anything the server emitted.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CallToolResult } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";
import { mayRetry } from "../../src/litellm/retry.ts";
import { leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY, textOf } from "../support/connect.ts";
import { FAULTS, FaultyUpstream, REDIRECT_TARGET, type Fault } from "../support/faulty-upstream.ts";
import { SAMPLE_CALLS, routeKey } from "../support/healthy-litellm.ts";
import { refusedOrigin } from "../support/serve.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

const CAP_BYTES = 64 * 1024;
const RETRIES = 2;
const settings = {
  LITELLM_MASTER_KEY: CANARY_MASTER_KEY,
  LITELLM_MCP_ADMIN_TIMEOUT_MS: "1500",
  LITELLM_MCP_COMPLETION_TIMEOUT_MS: "1500",
  LITELLM_MCP_MAX_RESPONSE_BYTES: String(CAP_BYTES),
  LITELLM_MCP_RETRIES: String(RETRIES),
  LITELLM_MCP_TOOLSETS: "all",
};

/** One call per manifest tool; a tool without a sample call fails here by name. */
const TOOL_CALLS = manifest.map((tool) => {
  const args = SAMPLE_CALLS[tool.name];
  if (!args) throw new Error(`test/support/healthy-litellm.ts has no SAMPLE_CALLS entry for ${tool.name}`);
  return { tool: tool.name, route: routeKey(tool), args, retried: mayRetry(tool), callsAround: tool.aroundCalls.length > 0 };
});

/**
 * Tools whose entry calls LiteLLM around its own operation (around.calls) are called one at a time, after the
 * others: their reads go to routes other tools' calls use, and requests are counted per route. `readsFirst`
 * names those whose sample call, in a healthy run, sends something else before its own operation: under any
 * fault that first read fails, and their write is never sent.
 */
const readsFirst = new Set<string>();

/** What each fault must say, for every tool. */
const EXPECTED: Record<Exclude<Fault, "healthy" | "echo-secrets">, RegExp> = {
  timeout: /did not answer within 1\.5 s.*LITELLM_MCP_(ADMIN|COMPLETION)_TIMEOUT_MS/,
  reset: /connection to LiteLLM at .* closed before the answer was complete|Could not reach LiteLLM/,
  "status-400": /LiteLLM rejected the request \(HTTP 400\)\. LiteLLM said: Invalid model name/,
  "status-401": /did not accept (the master key \(LITELLM_MASTER_KEY\)|the virtual key given in "key") \(HTTP 401\)|LiteLLM wants a key for a route that is normally open \(HTTP 401\)/,
  "status-403": /is not allowed to do this \(HTTP 403\)/,
  "status-404": /LiteLLM found nothing there \(HTTP 404\)\. LiteLLM said: Key not found/,
  "status-422": /LiteLLM rejected these fields \(HTTP 422\): models\.0: Input should be a valid string/,
  "status-429": /rate-limiting this call \(HTTP 429\): try again in 0 s/,
  "status-500": /LiteLLM failed with HTTP 500 .*If the same call fails the same way again, retrying will not help.* LiteLLM said: Internal error/,
  "status-502": /LiteLLM failed with HTTP 502 .*try again later/,
  "status-503": /LiteLLM failed with HTTP 503 .*try again later/,
  "html-page": /answered HTTP 200 OK with an HTML page instead of JSON.*LITELLM_HOST/,
  "html-error-page": /answered HTTP 404 Not Found with an HTML page instead of JSON.*LITELLM_HOST/,
  "empty-body": /answered HTTP 200 OK with an empty body/,
  "malformed-json": /malformed JSON/,
  "truncated-json": /closed before the answer was complete/,
  "over-cap": new RegExp(`larger than ${CAP_BYTES} bytes \\(LITELLM_MCP_MAX_RESPONSE_BYTES\\), so reading stopped`),
  "over-cap-declared": new RegExp(`larger than ${CAP_BYTES} bytes \\(LITELLM_MCP_MAX_RESPONSE_BYTES\\), so reading stopped`),
  "over-cap-gzip": new RegExp(`larger than ${CAP_BYTES} bytes \\(LITELLM_MCP_MAX_RESPONSE_BYTES\\), so reading stopped`),
  "slow-drip": /did not answer within 1\.5 s/,
  // Not followed: a same-origin 307 would carry the key to another path. The sentence says where to.
  "deep-json": /LiteLLM's answer is nested more than 1000 levels deep.*LITELLM_HOST/,
  "control-status-line": /sent a status line with a control character in it, so the call was dropped.*LITELLM_HOST/,
  "status-999": /sent HTTP status 999, which is not one an answer can have, so the call was dropped/,
  "switching-protocols": /sent an answer that switched protocols \(HTTP 101\), so the call was dropped/,
  "duplicate-content-length": /sent an answer Node's HTTP parser refused \(duplicate content-length/,
  "conflicting-content-length": /sent an answer Node's HTTP parser refused \(duplicate content-length/,
  "bad-header-token": /sent an answer Node's HTTP parser refused \(invalid header token/,
  redirect: new RegExp(`redirected the call \\(HTTP 307\\) to http://127\\.0\\.0\\.1:\\d+${REDIRECT_TARGET}.*not followed.*LITELLM_HOST`),
};

/** Where a tool's check reads the fault's answer as LiteLLM's own and says so: a JSON 404 on /key/info means "no such key", on /user/info "no such user". */
const EXPECTED_FOR: Partial<Record<Fault, Record<string, RegExp>>> = {
  "status-404": {
    delete_key: /^LiteLLM does not have the key 5e1b1f0c.*, so nothing was deleted\./,
    generate_key: /^LiteLLM has no user "u-faults"/,
    regenerate_key: /^LiteLLM has no live key by that key or hash/,
  },
};

/** What read-only tools repeat: rate limiting, gateway failures and a connection dropped mid-answer. */
const RETRIED_FAULTS = new Set<Fault>(["status-429", "status-502", "status-503", "reset", "truncated-json"]);

let upstream: FaultyUpstream;
let server: Spawned;
const covered: string[] = [];

function checkFailure(result: CallToolResult, expected: RegExp): string {
  const text = textOf(result);
  expect(result.isError, text).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  expect(text).toMatch(expected);
  expect(text).not.toMatch(/\n|Traceback|internal error/);
  expect(leaksCanary(text), text).toBe(false);
  return text;
}

/** Every tool called: the plain ones at once, then the reading ones one by one; each with the requests it made, by route. */
async function callAll(): Promise<{ result: CallToolResult; sent: Map<string, number>; first?: string }[]> {
  const outcomes = new Array<{ result: CallToolResult; sent: Map<string, number>; first?: string }>(TOOL_CALLS.length);
  await Promise.all(
    TOOL_CALLS.map(async ({ tool, args, callsAround }, i) => {
      if (!callsAround) outcomes[i] = { result: await server.call(tool, args), sent: new Map() };
    }),
  );
  const plainSent = new Map(upstream.requests);
  for (const outcome of outcomes) if (outcome) outcome.sent = plainSent;
  for (const [i, { tool, args, callsAround }] of TOOL_CALLS.entries()) {
    if (!callsAround) continue;
    // Each meets the proxy as the sample calls expect it: delete_key's deletion is no news to regenerate_key.
    upstream.forgetWrites();
    const [before, at] = [new Map(upstream.requests), upstream.arrived.length];
    const result = await server.call(tool, args);
    const sent = new Map([...upstream.requests].map(([route, n]) => [route, n - (before.get(route) ?? 0)] as const).filter(([, n]) => n > 0));
    outcomes[i] = { result, sent, first: upstream.arrived[at] };
  }
  capture("fault-matrix", ...outcomes.map((o) => o.result));
  return outcomes;
}

beforeAll(async () => {
  upstream = await new FaultyUpstream().start();
  server = await spawnServer({ ...settings, LITELLM_HOST: upstream.url });
  upstream.reset("healthy");
  for (const [i, outcome] of (await callAll()).entries()) {
    const { tool, route, callsAround } = TOOL_CALLS[i]!;
    expect(outcome.result.isError, `${tool}: ${textOf(outcome.result)}`).toBeFalsy();
    if (callsAround && outcome.first !== route) readsFirst.add(tool);
  }
  expect(readsFirst.size, "tools whose sample call reads LiteLLM's state").toBeGreaterThan(0);
});
afterAll(async () => {
  await server?.close();
  await upstream?.stop();
  capture("fault-matrix", server.stderr());
  expect(leaksCanary(server.stderr())).toBe(false);
  console.log(`fault matrix over stdio: ${covered.length} fault × tool cases`);
});

describe.each(FAULTS.filter((f) => f !== "echo-secrets"))("upstream fault %s", (fault) => {
  it("every tool answers with a clear isError, then the same server serves a healthy call", async () => {
    upstream.reset(fault);
    const failed = await callAll();
    TOOL_CALLS.forEach(({ tool, route, retried }, i) => {
      const { result, sent } = failed[i]!;
      checkFailure(result, EXPECTED_FOR[fault]?.[tool] ?? EXPECTED[fault as keyof typeof EXPECTED]);
      // Only read-only idempotent tools retry, and only transient faults: minting or completing twice costs.
      // A tool that checks LiteLLM's state first writes nothing when the check fails.
      const writes = readsFirst.has(tool) ? 0 : retried && RETRIED_FAULTS.has(fault) ? 1 + RETRIES : 1;
      expect(sent.get(route) ?? 0, `${tool} requests`).toBe(writes);
      if (fault === "redirect") expect(upstream.count(`${route.split(" ")[0]} ${REDIRECT_TARGET}`), `${tool} followed the redirect`).toBe(0);
      covered.push(`${fault}×${tool}`);
    });

    upstream.reset("healthy");
    const healthy = await callAll();
    healthy.forEach(({ result }, i) => expect(result.isError, `${TOOL_CALLS[i]!.tool}: ${textOf(result)}`).toBeFalsy());
  });
});

describe("the size cap stops reading", () => {
  it.each(["over-cap", "over-cap-declared"] as const)("%s: the connection is closed long before the upstream could send its endless body", async (fault) => {
    upstream.reset(fault);
    const result = await server.call("list_models", {});
    capture("fault-matrix", result);
    checkFailure(result, EXPECTED[fault]);
    // The close event may trail the answer by a moment.
    await expect.poll(() => upstream.endlessBodyBytes.length).toBe(1);
    const written = upstream.endlessBodyBytes[0]!;
    console.log(`${fault}: upstream wrote ${written} bytes before the bridge hung up (cap ${CAP_BYTES})`);
    // Whatever the bridge did not read sits in loopback socket buffers (a few MB at most); reading on
    // until the 1.5 s timeout would have pulled hundreds of MB.
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });
});

/**
 * Tools with nothing to echo: check_health sends no key, delete_user reports the ids it was given (LiteLLM
 * answers with a count), and those that answer from what they read report what was given that they found.
 */
const NOTHING_ECHOED = ["check_health", "delete_user", "delete_model", "delete_key", "remove_team_member"];

describe("an upstream that echoes the keys it received in a 2xx answer", () => {
  it("every tool succeeds with the keys redacted from content and structuredContent", async () => {
    upstream.reset("echo-secrets");
    const results = await callAll();
    results.forEach(({ result }, i) => {
      const { tool } = TOOL_CALLS[i]!;
      expect(leaksCanary(JSON.stringify(result)), JSON.stringify(result)).toBe(false);
      // A state read full of echoed keys names no such key, member or deployment: a checking tool may refuse.
      if (readsFirst.has(tool) && result.isError) expect(textOf(result)).not.toMatch(/internal error/);
      else {
        expect(result.isError, textOf(result)).toBeFalsy();
        if (!NOTHING_ECHOED.includes(tool)) expect(JSON.stringify(result.structuredContent), tool).toContain("[redacted]");
      }
      covered.push(`echo-secrets×${tool}`);
    });
  });
});

describe("LiteLLM out of reach", () => {
  async function unreachable(host: string, expected: RegExp, label: string, env: Record<string, string> = {}): Promise<string> {
    const isolated = await spawnServer({ ...settings, LITELLM_HOST: host, ...env });
    try {
      const results = await Promise.all(TOOL_CALLS.map(({ tool, args }) => isolated.call(tool, args)));
      capture("fault-matrix", ...results);
      results.forEach((result, i) => {
        checkFailure(result, expected);
        covered.push(`${label}×${TOOL_CALLS[i]!.tool}`);
      });
      // Still serving: the next request is answered.
      const { tools } = await isolated.client.listTools();
      // The whole manifest is still listed (spec/operations.json is its one list), not just the tools called above.
      const manifest = (JSON.parse(readFileSync(new URL("../../spec/operations.json", import.meta.url), "utf8")) as { tool: string }[]).map((op) => op.tool);
      expect(tools.map((t) => t.name).sort()).toEqual([...manifest].sort());
      const again = await isolated.call("list_models", {});
      checkFailure(again, expected);
      return isolated.stderr();
    } finally {
      await isolated.close();
      capture("fault-matrix", isolated.stderr());
    }
  }

  it("connection refused", async () => {
    await unreachable(await refusedOrigin(), /Could not connect to LiteLLM at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)\. Is the proxy running\? Check LITELLM_HOST\./, "refused");
  });

  it("DNS failure, simulated in-process: no query leaves the machine", async () => {
    const stderr = await unreachable("http://litellm.invalid:4000", /Could not resolve the host name in LITELLM_HOST \(http:\/\/litellm\.invalid:4000\)/, "dns", {
      NODE_OPTIONS: `--require ${fileURLToPath(new URL("../support/dns-failure.cjs", import.meta.url))}`,
    });
    // The lookups failed in the preload, not at the machine's resolver.
    expect(stderr).toContain("dns-failure preload: lookup of litellm.invalid refused in-process");
  });
});

