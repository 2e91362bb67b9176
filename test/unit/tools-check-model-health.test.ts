// check_model_health: /health for one named model only, with errors cut to one line. LiteLLM books its paid
// calls to no key, user or team, so under LITELLM_MCP_ALLOWED_MODELS only those models, by a name LiteLLM
// serves, are tested.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { connect, TEST_HOST, textOf } from "../support/connect.ts";
import { healthOfNothing, modelList } from "../support/litellm-answers.ts";
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

  it("reports a model whose every deployment fails: LiteLLM's 503 carries the report", async () => {
    nock(TEST_HOST)
      .get("/health")
      .query({ model: "mock-down" })
      .reply(503, {
        healthy_endpoints: [],
        unhealthy_endpoints: [{ model: "openai/gpt-4o-mini", api_base: "http://127.0.0.1:9/v1", error: "litellm.APIConnectionError: Connection error.\nstack trace: ..." }],
        healthy_count: 0,
        unhealthy_count: 1,
      });
    const result = await bridge().call("check_model_health", { model: "mock-down" });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      healthy_count: 0,
      unhealthy_count: 1,
      unhealthy: [{ model: "openai/gpt-4o-mini", error: "litellm.APIConnectionError: Connection error." }],
    });
  });

  it("says a model name LiteLLM has no deployment of is unknown, instead of 'try again later'", async () => {
    nock(TEST_HOST).get("/health").query({ model: "no-such-model" }).reply(503, healthOfNothing);
    const result = await bridge().call("check_model_health", { model: "no-such-model" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('LiteLLM has no deployment of a model named "no-such-model" to test: list_models shows the names it serves.');
  });

  it("requires a model, so one call never tests every deployment on the proxy", async () => {
    const result = await bridge().call("check_model_health", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("model");
  });

  it.each(["mock-claude", "mock-gpt ", "Mock-GPT", "openai/gpt-4o"])("under LITELLM_MCP_ALLOWED_MODELS refuses %j, a model outside it, before anything is sent", async (model) => {
    const allowing = await connect({ LITELLM_MCP_ALLOWED_MODELS: "mock-gpt" });
    const result = await allowing.call("check_model_health", { model });
    const { tools } = await allowing.client.listTools();
    await allowing.close();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `Refused by policy: this makes LiteLLM call ${JSON.stringify(model)} on the operator's provider account, booked to no key, user or team, and LITELLM_MCP_ALLOWED_MODELS allows only "mock-gpt". Pass one of those, or have the operator add it.`,
    );
    expect(tools.find((t) => t.name === "check_model_health")?.description).toMatch(/Operator policy: model must be one of "mock-gpt"\.$/);
  });

  it("under LITELLM_MCP_ALLOWED_MODELS tests an allowed model only by a name LiteLLM serves (else LiteLLM would test deployments whose provider model is so named)", async () => {
    const allowing = await connect({ LITELLM_MCP_ALLOWED_MODELS: "mock-gpt,openai/gpt-4o" });
    nock(TEST_HOST, asMaster).get("/models").reply(200, modelList);
    const unserved = await allowing.call("check_model_health", { model: "openai/gpt-4o" });
    expect(unserved.isError).toBe(true);
    expect(textOf(unserved)).toBe('LiteLLM serves no model named "openai/gpt-4o", so there is no deployment of it to test (list_models shows the names it serves).');
    nock(TEST_HOST, asMaster).get("/models").reply(200, modelList);
    nock(TEST_HOST, asMaster).get("/health").query({ model: "mock-gpt" }).reply(200, { healthy_endpoints: [{ model: "openai/gpt-4o-mini" }], unhealthy_endpoints: [], healthy_count: 1, unhealthy_count: 0 });
    const served = await allowing.call("check_model_health", { model: "mock-gpt" });
    await allowing.close();
    expect(served.isError, textOf(served)).toBeFalsy();
  });

  it("is not read-only: each call pays for provider requests and LiteLLM records the outcome", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "check_model_health")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
  });
});
