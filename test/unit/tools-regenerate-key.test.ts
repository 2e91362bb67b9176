// regenerate_key: the old key goes in the body of /key/regenerate with any new settings, the new key comes
// back once, and a community-edition proxy's Enterprise refusal is a clear isError. By default policy
// refuses keys that never expire, and a regenerated key is held to that like a minted one: hence duration.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, connect, textOf } from "../support/connect.ts";
import { generatedKey, keyInfo } from "../support/litellm-answers.ts";
import { HASHED_TOKEN } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";
import { keyHolderReads, keyRead } from "../support/nock-state.ts";

const bridge = useBridge();

/** LiteLLM's answer: the key's row after regeneration (its settings kept, its route limit among them). */
const regenerated = (body: Record<string, unknown>) => ({ ...generatedKey({ key_alias: "ci-bot", allowed_routes: keyInfo.info.allowed_routes, ...body }), key: "sk-regenerated-Zz99Yy88", key_name: "sk-...Yy88" });

describe("regenerate_key", () => {
  it("reads the key and its user, then POSTs /key/regenerate with the key in the body and returns the new key", async () => {
    keyRead(HASHED_TOKEN, {}, asMaster);
    keyHolderReads({ userId: "u-42" }, asMaster);
    nock(TEST_HOST, asMaster)
      .post("/key/regenerate", { key: HASHED_TOKEN, grace_period: "24h", duration: "7d", models: ["mock-gpt"], max_budget: 2 })
      .reply(200, (_uri, body) => regenerated(body as Record<string, unknown>));

    const result = await bridge().call("regenerate_key", { key: HASHED_TOKEN, grace_period: "24h", duration: "7d", models: ["mock-gpt"], max_budget: 2 });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ key: "sk-regenerated-Zz99Yy88", key_alias: "ci-bot", key_name: "sk-...Yy88", expires: "2026-11-26T22:00:00.000000Z" });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("answers a community-edition proxy's refusal with one sentence", async () => {
    keyRead(HASHED_TOKEN);
    keyHolderReads({ userId: "u-42", served: false });
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

  // The new secret carries everything the key has: a key that may call management routes, or that belongs to
  // an admin, or whose budget its metadata raises past the ceiling, is not handed out. Nothing is written.
  it.each([
    ["a key that may call every route its role allows", { allowed_routes: [], key_type: "default" }, "internal_user", /may call every route its user's role allows/],
    // What generate_key minted before: LiteLLM's route group, which holds the provider pass-through routes.
    ["a key of key_type llm_api", { allowed_routes: ["llm_api_routes"], key_type: "llm_api" }, "internal_user", /its allowed_routes are "llm_api_routes", not exactly "\/chat\/completions", .*provider pass-through routes/],
    ["a key with one route more", { allowed_routes: [...keyInfo.info.allowed_routes, "/v1/files"] }, "internal_user", /its allowed_routes are .*"\/v1\/files", not exactly/],
    ["a key of a proxy admin", {}, "proxy_admin", /"u-42" has LiteLLM's role proxy_admin/],
    ["a key of a view-only admin", {}, "proxy_admin_viewer", /role proxy_admin_viewer/],
  ])("refuses %s before anything is written", async (_case, info, role, message) => {
    keyRead(HASHED_TOKEN, info, asMaster);
    keyHolderReads({ userId: "u-42", role, served: false }, asMaster);
    const result = await bridge().call("regenerate_key", { key: HASHED_TOKEN, duration: "7d" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Refused by policy: /);
    expect(textOf(result)).toMatch(message);
  });

  it("refuses a key whose metadata raises its budget past LITELLM_MCP_MAX_BUDGET, counting the raise as LiteLLM does", async () => {
    const capped = await connect({ LITELLM_MCP_MAX_BUDGET: "10" });
    keyRead(HASHED_TOKEN, { max_budget: 5, metadata: { temp_budget_increase: 1000, temp_budget_expiry: "2099-01-01T00:00:00Z" } });
    keyHolderReads({ userId: "u-42", served: false });
    const result = await capped.call("regenerate_key", { key: HASHED_TOKEN, duration: "7d", max_budget: 5 });
    await capped.close();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/it may spend 1005 USD \(its max_budget plus a temp_budget_increase in its metadata\), more than 10 USD \(LITELLM_MCP_MAX_BUDGET\)/);
  });

  it("blocks the key when LiteLLM's answer shows routes other than asked (the old secret is gone either way)", async () => {
    let blocked: unknown;
    keyRead(HASHED_TOKEN, {}, asMaster);
    keyHolderReads({ userId: "u-42", served: false }, asMaster);
    nock(TEST_HOST, asMaster)
      .post("/key/regenerate")
      .reply(200, (_uri, body) => ({ ...regenerated(body as Record<string, unknown>), allowed_routes: [], key_type: "default" }));
    nock(TEST_HOST, asMaster)
      .post("/key/block", (body) => ((blocked = body), true))
      .reply(200, {});
    const result = await bridge().call("regenerate_key", { key: HASHED_TOKEN, duration: "7d" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Refused by policy: LiteLLM regenerated the key otherwise than asked: it may call every route .*; the key was blocked/);
    expect(textOf(result)).not.toContain("sk-regenerated");
    expect(blocked).toEqual({ key: HASHED_TOKEN });
  });

  it("is destructive (the old secret dies) and not idempotent", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "regenerate_key")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
  });
});
