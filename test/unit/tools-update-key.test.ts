// update_key: only the fields given go to /key/update, and the answer shows what LiteLLM wrote.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { HASHED_TOKEN } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("update_key", () => {
  it("POSTs /key/update with the master key and only the fields given", async () => {
    let sent: unknown;
    nock(TEST_HOST, asMaster)
      .post("/key/update", (body) => ((sent = body), true))
      // LiteLLM echoes the key it was given and the fields it wrote.
      .reply(200, { key: HASHED_TOKEN, token: HASHED_TOKEN, max_budget: 10, models: ["mock-gpt", "mock-claude"], expires: "2026-12-02T22:00:00+00:00" });

    const result = await bridge().call("update_key", { key: HASHED_TOKEN, max_budget: 10, models: ["mock-gpt", "mock-claude"], duration: "7d" });

    expect(result.isError).toBeFalsy();
    expect(sent).toEqual({ key: HASHED_TOKEN, max_budget: 10, models: ["mock-gpt", "mock-claude"], duration: "7d" });
    expect(result.structuredContent).toEqual({
      key_alias: null,
      models: ["mock-gpt", "mock-claude"],
      max_budget: 10,
      budget_duration: null,
      expires: "2026-12-02T22:00:00+00:00",
      blocked: null,
      metadata: null,
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it.each([
    [{ key: HASHED_TOKEN }, "at least one field"],
    [{ key: HASHED_TOKEN, models: [] }, "models"],
    [{ key: HASHED_TOKEN, max_budget: 0 }, "max_budget"],
    [{ key: HASHED_TOKEN, duration: "a week" }, "duration"],
    [{ key: HASHED_TOKEN, spend: 0 }, "spend"],
  ])("rejects %j before calling LiteLLM, naming %s", async (args, what) => {
    const result = await bridge().call("update_key", args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(what);
  });

  it("is marked destructive: the values it replaces are gone", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "update_key")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
  });
});
