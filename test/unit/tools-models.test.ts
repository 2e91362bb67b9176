// The models toolset: deployments connect through credentials LiteLLM already stores, by name. A provider
// key or endpoint in the arguments is refused before anything is sent, and no tool output carries the
// provider key a deployment's parameters hold — not add_model's, update_model's, nor get_model_info's.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { modelDeployment } from "../support/litellm-admin-answers.ts";
import { PROVIDER_KEY, modelRow } from "../support/litellm-management-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge({ LITELLM_MCP_TOOLSETS: "models" });

/** Every provider key the answers below plant, whole or in part. */
const leaks = (result: unknown) => {
  const text = JSON.stringify(result);
  return ["sk-provider", PROVIDER_KEY.slice(-8)].filter((fragment) => text.includes(fragment));
};

const addArgs = { model_name: "gpt-4o", model: "openai/gpt-4o-mini", litellm_credential_name: "openai-prod", rpm: 60 };

/** GET /credentials: the credentials LiteLLM stores, values masked as it masks them. */
function storedCredentials(...names: string[]) {
  nock(TEST_HOST, asMaster)
    .get("/credentials")
    .reply(200, { success: true, credentials: names.map((credential_name) => ({ credential_name, credential_values: { api_key: "*****" }, credential_info: { custom_llm_provider: "openai" }, source: "db" })) });
}

/** GET /model/info with a deployment added through the API (dep-1, twice under gpt-4o) and one from the config file. */
function deployments(...ids: string[]) {
  const all = [
    { ...modelDeployment("gpt-4o", "dep-1"), model_info: { ...modelDeployment("gpt-4o", "dep-1").model_info, db_model: true } },
    { ...modelDeployment("gpt-4o", "dep-3"), model_info: { ...modelDeployment("gpt-4o", "dep-3").model_info, db_model: true } },
    modelDeployment("mock-gpt", "cfg-1"),
  ];
  nock(TEST_HOST, asMaster).get("/model/info").reply(200, { data: all.filter((d) => ids.includes(d.model_info.id)) });
}

describe("add_model", () => {
  it("POSTs /model/new with the credential's name and a fresh id, and returns only the id and name", async () => {
    storedCredentials("openai-prod");
    let sentId = "";
    nock(TEST_HOST, asMaster)
      .post("/model/new", (body) => {
        sentId = body.model_info?.id;
        return (
          body.model_name === "gpt-4o" &&
          JSON.stringify(body.litellm_params) === JSON.stringify({ model: "openai/gpt-4o-mini", litellm_credential_name: "openai-prod", rpm: 60 }) &&
          /^[0-9a-f-]{36}$/.test(sentId)
        );
      })
      .reply(200, () => modelRow("gpt-4o", sentId));
    // Read back: LiteLLM has a price for the deployment (from its cost map).
    nock(TEST_HOST, asMaster)
      .get("/model/info")
      .query((query) => query.litellm_model_id === sentId)
      .reply(200, () => ({ data: [modelDeployment("gpt-4o", sentId)] }));

    const result = await bridge().call("add_model", addArgs);

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ model_id: sentId, model_name: "gpt-4o" });
    expect(leaks(result)).toEqual([]);
  });

  it("takes a deployment LiteLLM cannot price out again, and says why: no budget would count its calls", async () => {
    let sentId = "";
    let deleted: unknown;
    storedCredentials("openai-prod");
    nock(TEST_HOST, asMaster)
      .post("/model/new", (body) => ((sentId = body.model_info?.id), true))
      .reply(200, () => modelRow("gpt-4o", sentId));
    nock(TEST_HOST, asMaster)
      .get("/model/info")
      .query(true)
      .reply(200, () => {
        const unpriced = modelDeployment("gpt-4o", sentId);
        return { data: [{ ...unpriced, model_info: { ...unpriced.model_info, input_cost_per_token: null, output_cost_per_token: null } }] };
      });
    nock(TEST_HOST, asMaster)
      .post("/model/delete", (body) => ((deleted = body), true))
      .reply(200, () => ({ message: `Model: ${sentId} deleted successfully` }));

    const result = await bridge().call("add_model", { ...addArgs, model: "openai/no-such-model-anywhere" });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Refused by policy: LiteLLM has no price for "openai\/no-such-model-anywhere", so calls through this deployment would cost nothing .*; the deployment was deleted again\./);
    expect(deleted).toEqual({ id: sentId });
  });

  it.each(["mock-gpt\u00a0", " mock-gpt", "mock-gpt\u200b", "mock-gpt,gpt-4o", "mock-*", "mock\ngpt"])("refuses the model_name %j before anything is sent: LiteLLM would not compare it as written", async (model_name) => {
    const result = await bridge().call("add_model", { ...addArgs, model_name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/The model name .* (starts or ends with a space|control or invisible|comma|"\*")/);
  });

  it.each([
    ["api_key", { api_key: PROVIDER_KEY }],
    ["api_base", { api_base: "https://collector.example/v1" }],
    ["aws_secret_access_key", { aws_secret_access_key: "wJalrXUtnFEMI" }],
    ["litellm_params", { litellm_params: { api_key: PROVIDER_KEY } }],
  ])("refuses %s before anything is sent, pointing at stored credentials", async (_field, extra) => {
    const result = await bridge().call("add_model", { ...addArgs, ...extra });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Provider keys and endpoints are never passed to this tool .*litellm_credential_name/);
    expect(textOf(result)).not.toContain(PROVIDER_KEY);
  });

  it("takes no prices: a price of 0 would let keys spend without touching their budgets", async () => {
    const result = await bridge().call("add_model", { ...addArgs, input_cost_per_token: 0 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/input_cost_per_token/);
  });

  it("refuses a credential LiteLLM does not store before adding anything, naming the ones it does", async () => {
    storedCredentials("openai-prod", "anthropic-prod");
    const result = await bridge().call("add_model", { ...addArgs, litellm_credential_name: "openai-staging" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'LiteLLM has no credential named "openai-staging", so a deployment on it could never answer (every call would fail with "Missing credentials"); nothing was added. It has "openai-prod", "anthropic-prod". Store the credential first (LiteLLM\'s UI: Models → Credentials, or POST /credentials), then add the model.',
    );
  });

  it("points at a stored name that differs only in case or spacing", async () => {
    storedCredentials("OpenAI Prod");
    expect(textOf(await bridge().call("add_model", { ...addArgs, litellm_credential_name: "openai  prod" }))).toContain('It has "OpenAI Prod", which differs only in case or spacing.');
  });

  it("says the name could not be checked when LiteLLM's list of credentials cannot be read, and adds nothing", async () => {
    nock(TEST_HOST).get("/credentials").reply(404, { detail: "Not Found" });
    expect(textOf(await bridge().call("add_model", addArgs))).toMatch(/^Reading LiteLLM's stored credentials \(GET \/credentials\) failed, so the credential name could not be checked, and nothing was added: LiteLLM found nothing there \(HTTP 404\)/);
  });

  it("needs a credential name", async () => {
    const { litellm_credential_name: _omitted, ...withoutCredential } = addArgs;
    expect((await bridge().call("add_model", withoutCredential)).isError).toBe(true);
  });
});

describe("update_model", () => {
  it("PATCHes /model/{id}/update with only the parameters given", async () => {
    nock(TEST_HOST, asMaster)
      .patch("/model/dep-1/update", { litellm_params: { litellm_credential_name: "openai-rotated" } })
      .reply(200, modelRow("gpt-4o", "dep-1"));

    const result = await bridge().call("update_model", { model_id: "dep-1", litellm_credential_name: "openai-rotated" });

    expect(result.structuredContent).toEqual({ model_id: "dep-1", model_name: "gpt-4o" });
    expect(leaks(result)).toEqual([]);
  });

  it("refuses a raw key, and a call with nothing to change", async () => {
    expect(textOf(await bridge().call("update_model", { model_id: "dep-1", api_key: PROVIDER_KEY }))).toMatch(/never passed to this tool \(api_key\)/);
    expect((await bridge().call("update_model", { model_id: "dep-1" })).isError).toBe(true);
  });

  it.each([".", ".."])("refuses %j as model_id before anything is sent: in the URL it would reach another route", async (id) => {
    const text = textOf(await bridge().call("update_model", { model_id: id, rpm: 10 }));
    expect(text).toBe(`"${id}" cannot be sent as model_id: in a URL it means this or the parent folder, so the call would reach another route. Pass the id LiteLLM gave.`);
  });

  it("passes on LiteLLM's refusal of a config-file model", async () => {
    nock(TEST_HOST).patch("/model/cfg-1/update").reply(400, { error: { message: "Cannot edit config-based model. Store model in DB via /model/new first.", type: "validation_error", param: null, code: "400" } });
    const result = await bridge().call("update_model", { model_id: "cfg-1", rpm: 10 });
    expect(textOf(result)).toMatch(/HTTP 400\)\. LiteLLM said: Cannot edit config-based model/);
  });
});

describe("delete_model", () => {
  it("POSTs /model/delete with the deployment id, and says how many deployments still answer to its name", async () => {
    deployments("dep-1", "dep-3", "cfg-1");
    nock(TEST_HOST, asMaster).post("/model/delete", { id: "dep-1" }).reply(200, { message: "Model: dep-1 deleted successfully" });
    deployments("dep-3", "cfg-1");
    const result = await bridge().call("delete_model", { model_id: "dep-1" });
    expect(result.structuredContent).toEqual({ deleted: "dep-1", model_name: "gpt-4o", deployments_left: 1 });
  });

  it("refuses a deployment from the proxy's config file, which LiteLLM would call not found", async () => {
    deployments("dep-1", "cfg-1");
    const text = textOf(await bridge().call("delete_model", { model_id: "cfg-1" }));
    expect(text).toBe(
      'Deployment "cfg-1" ("mock-gpt") comes from the proxy\'s config file, and LiteLLM deletes only deployments added through its API (add_model); nothing was deleted. Take it out of the config file and restart the proxy instead.',
    );
  });

  it("says an unknown id is unknown, and deletes nothing", async () => {
    deployments("dep-1");
    expect(textOf(await bridge().call("delete_model", { model_id: "dep-9" }))).toBe('LiteLLM has no deployment with id "dep-9", so nothing was deleted. get_model_info shows the deployments and their ids.');
  });

  it("says so when LiteLLM still routes to a deployment it answered it deleted", async () => {
    deployments("dep-1");
    nock(TEST_HOST, asMaster).post("/model/delete").reply(200, { message: "Model: dep-1 deleted successfully" });
    deployments("dep-1");
    expect(textOf(await bridge().call("delete_model", { model_id: "dep-1" }))).toMatch(/^LiteLLM answered that it deleted deployment "dep-1", but still routes to it/);
  });

  it("says keys keep the name and calls to it fail", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "delete_model")?.description).toMatch(/Keys, users and teams keep the model name in their lists; calls to it fail/);
  });
});

describe("get_model_info", () => {
  it("never shows the provider key a deployment's litellm_params carry", async () => {
    nock(TEST_HOST).get("/model/info").reply(200, { data: [modelDeployment("mock-gpt", "dep-1"), { ...modelRow("gpt-4o", "dep-2"), model_info: { id: "dep-2", api_key: PROVIDER_KEY } }] });
    const result = await bridge().call("get_model_info", {});
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ models: [{ id: "dep-1" }, { id: "dep-2" }] });
    expect(leaks(result)).toEqual([]);
  });
});
