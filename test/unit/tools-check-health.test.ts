// check_health: /health/readiness without any key; works before LITELLM_MASTER_KEY is even set.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { specInfo } from "../../generated/spec-info.ts";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { readinessConnected, readinessDisconnected } from "../support/litellm-answers.ts";
import { useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge({ LITELLM_MASTER_KEY: undefined });

/** What a proxy that publishes readiness details (and releases before 1.8x) answers. */
const detailed = {
  status: "healthy",
  db: "connected",
  cache: null,
  litellm_version: specInfo.litellmVersion,
  success_callbacks: ["langfuse"],
  use_aiohttp_transport: true,
  last_updated: "2026-11-25T22:00:00",
};

describe("check_health", () => {
  it("GETs /health/readiness with no Authorization header and reports readiness", async () => {
    nock(TEST_HOST, { badheaders: ["authorization"] }).get("/health/readiness").reply(200, readinessConnected);
    const result = await bridge().call("check_health", {});
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ status: "healthy", db: "connected", cache: null, litellm_version: null });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("passes on the version and cache of a proxy that publishes readiness details", async () => {
    nock(TEST_HOST).get("/health/readiness").reply(200, detailed);
    const result = await bridge().call("check_health", {});
    expect(result.structuredContent).toEqual({ status: "healthy", db: "connected", cache: null, litellm_version: specInfo.litellmVersion });
  });

  it("names the cache type when LiteLLM describes a semantic cache as an object", async () => {
    nock(TEST_HOST).get("/health/readiness").reply(200, { ...detailed, db: "Not connected", cache: { type: "redis-semantic", index_info: "..." } });
    const result = await bridge().call("check_health", {});
    expect(result.structuredContent).toMatchObject({ db: "Not connected", cache: "redis-semantic" });
  });

  it("reports a database LiteLLM cannot reach (its 503 is the report), once, without retrying", async () => {
    const scope = nock(TEST_HOST).get("/health/readiness").once().reply(503, readinessDisconnected);
    const result = await bridge().call("check_health", {});
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ status: "healthy", db: "disconnected", cache: null, litellm_version: null });
    expect(scope.isDone()).toBe(true);
  });

  it("a 503 that is not a readiness report is an isError with LiteLLM's reason", async () => {
    // check_health is a read-only call, so a 503 is retried (LITELLM_MCP_RETRIES, default 2): answer every try.
    nock(TEST_HOST).get("/health/readiness").times(3).reply(503, { detail: "Service Unhealthy (database is locked)" });
    const result = await bridge().call("check_health", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 503.*Service Unhealthy \(database is locked\)/);
  });
});
