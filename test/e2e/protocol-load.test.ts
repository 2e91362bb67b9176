// Load on one stdio session: 200 tool calls in flight at once against an upstream that takes its time all
// complete, and each answer belongs to its own request (the upstream echoes what it was asked).

import { afterAll, beforeAll, expect, it } from "vitest";
import { CANARY_CALLER_KEY, leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY, textOf } from "../support/connect.ts";
import { SlowUpstream } from "../support/slow-upstream.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";
import { keyHash } from "../../src/litellm/key-hash.ts";

const CALLS = 200;
let upstream: SlowUpstream;
let server: Spawned;

beforeAll(async () => {
  upstream = await new SlowUpstream(250).start();
  server = await spawnServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: CANARY_MASTER_KEY });
});
afterAll(async () => {
  await server.close();
  await upstream.stop();
  capture("protocol-load", server.stderr());
  expect(leaksCanary(server.stderr())).toBe(false);
});

it(`${CALLS} concurrent calls on one session all complete, each with its own answer`, async () => {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: CALLS }, async (_, i) => {
      const result =
        i % 2 === 0
          ? await server.call("get_key_info", { key: `sk-load-${i}` })
          : await server.call("proxy_completion", { model: "mock-gpt", messages: [{ role: "user", content: `request number ${i}` }], key: CANARY_CALLER_KEY });
      return { i, result };
    }),
  );
  const elapsed = performance.now() - started;
  capture("protocol-load", ...results.map((r) => r.result));

  for (const { i, result } of results) {
    expect(result.isError, textOf(result)).toBeFalsy();
    // The upstream echoes the key it was asked about: its hash, since a key never travels in a URL.
    if (i % 2 === 0) expect(result.structuredContent).toMatchObject({ info: { key_alias: `alias-of-${keyHash(`sk-load-${i}`)}` } });
    else expect(result.structuredContent).toMatchObject({ text: `echo: request number ${i}` });
  }
  expect(upstream.requests).toHaveLength(CALLS);
  // Printed, not asserted: how much of the load was really concurrent at the upstream.
  console.log(`load: ${CALLS} calls in ${Math.round(elapsed)} ms against a 250 ms upstream; up to ${upstream.maxInFlight} in flight at once`);
});
