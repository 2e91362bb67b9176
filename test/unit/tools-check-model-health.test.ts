// check_model_health: /health for one named model only, with errors cut to one line.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("check_model_health", () => {
  it("GETs /health?model= with the master key and reports each deployment", async () => {
    nock(TEST_HOST, asMaster)
      .get("/health")
      .query({ model: "mock-gpt" })
      .reply(200, {
        healthy_endpoints: [{ model: "openai/gpt-4o-mini", api_base: "https://api.openai.com" }],
        unhealthy_endpoints: [
          {
            model: "azure/gpt-4o-mini",
            api_base: "https://example.openai.azure.com",
            error: "litellm.AuthenticationError: AzureException - Incorrect API key provided\nstack trace: Traceback (most recent call last):\n  File ...",
          },
        ],
        healthy_count: 1,
        unhealthy_count: 1,
      });

    const result = await bridge().call("check_model_health", { model: "mock-gpt" });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      healthy_count: 1,
      unhealthy_count: 1,
      healthy: [{ model: "openai/gpt-4o-mini", error: null }],
      unhealthy: [{ model: "azure/gpt-4o-mini", error: "litellm.AuthenticationError: AzureException - Incorrect API key provided" }],
      truncated: false,
    });
    expect(textOf(result)).not.toContain("Traceback");
  });

  it("requires a model, so one call never tests every deployment on the proxy", async () => {
    const result = await bridge().call("check_model_health", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("model");
  });

  it("is not read-only: each call pays for provider requests and LiteLLM records the outcome", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "check_model_health")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
  });
});
