// get_model_info: /model/info reduced to what an assistant chooses a model by, never provider credentials.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { modelDeployment } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("get_model_info", () => {
  it("GETs /model/info with the master key and describes each deployment", async () => {
    nock(TEST_HOST, asMaster)
      .get("/model/info")
      .reply(200, { data: [modelDeployment("mock-gpt", "dep-1"), modelDeployment("mock-claude", "dep-2")] });

    const result = await bridge().call("get_model_info", {});

    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { models: unknown[] }).models[0]).toEqual({
      model_name: "mock-gpt",
      id: "dep-1",
      provider: "openai",
      mode: "chat",
      max_input_tokens: 128000,
      max_output_tokens: 16384,
      input_cost_per_token: 1.5e-7,
      output_cost_per_token: 6e-7,
    });
    expect(textOf(result)).not.toContain("SECRET");
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("narrows to one model name", async () => {
    nock(TEST_HOST).get("/model/info").reply(200, { data: [modelDeployment("mock-gpt", "dep-1"), modelDeployment("mock-claude", "dep-2"), modelDeployment("mock-gpt", "dep-3")] });
    const result = await bridge().call("get_model_info", { model: "mock-gpt" });
    expect((result.structuredContent as { models: { id: string }[] }).models.map((m) => m.id)).toEqual(["dep-1", "dep-3"]);
  });

  it("shows at most 50 deployments and says more exist", async () => {
    nock(TEST_HOST).get("/model/info").reply(200, { data: Array.from({ length: 60 }, (_, i) => modelDeployment(`m-${i}`, `dep-${i}`)) });
    const result = await bridge().call("get_model_info", {});
    const out = result.structuredContent as { models: unknown[]; truncated: boolean };
    expect([out.models.length, out.truncated]).toEqual([50, true]);
  });
});
