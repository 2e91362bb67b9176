// regenerate_key: the old key goes in the body of /key/regenerate with any new settings, the new key comes
// back once, and a community-edition proxy's Enterprise refusal is a clear isError. By default policy
// refuses keys that never expire, and a regenerated key is held to that like a minted one: hence duration.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { generatedKey } from "../support/litellm-answers.ts";
import { HASHED_TOKEN } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("regenerate_key", () => {
  it("POSTs /key/regenerate with the key in the body and returns the new key", async () => {
    nock(TEST_HOST, asMaster)
      .post("/key/regenerate", { key: HASHED_TOKEN, grace_period: "24h", duration: "7d", models: ["mock-gpt"], max_budget: 2 })
      .reply(200, { ...generatedKey({ key_alias: "ci-bot" }), key: "sk-regenerated-Zz99Yy88", key_name: "sk-...Yy88" });

    const result = await bridge().call("regenerate_key", { key: HASHED_TOKEN, grace_period: "24h", duration: "7d", models: ["mock-gpt"], max_budget: 2 });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ key: "sk-regenerated-Zz99Yy88", key_alias: "ci-bot", key_name: "sk-...Yy88", expires: null });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("answers a community-edition proxy's refusal with one sentence", async () => {
    nock(TEST_HOST)
      .post("/key/regenerate")
      .reply(500, {
        error: {
          message:
            "Regenerating Virtual Keys is an Enterprise feature, You must be a LiteLLM Enterprise user to use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 day trial key here: https://www.litellm.ai/enterprise#trial. \nPricing: https://www.litellm.ai/#pricing",
          type: "internal_server_error",
          param: "None",
          code: "500",
        },
      });
    const result = await bridge().call("regenerate_key", { key: HASHED_TOKEN, duration: "7d" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^This needs LiteLLM Enterprise, and the proxy has no Enterprise license: retrying will not help \(HTTP 500\)\./);
    expect(textOf(result)).not.toContain("{");
  });

  it("is destructive (the old secret dies) and not idempotent", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "regenerate_key")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
  });
});
