// delete_key: keys or aliases go to /key/delete as LiteLLM expects; full keys never come back.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { HASHED_TOKEN } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();
const FULL_KEY = "sk-minted-Ab12Cd34Ef56Gh78";

describe("delete_key", () => {
  it("POSTs /key/delete with the master key; full keys in LiteLLM's echo come back abbreviated", async () => {
    nock(TEST_HOST, asMaster)
      .post("/key/delete", { keys: [FULL_KEY, HASHED_TOKEN] })
      .reply(200, { deleted_keys: [FULL_KEY, HASHED_TOKEN] });

    const result = await bridge().call("delete_key", { keys: [FULL_KEY, HASHED_TOKEN] });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ deleted: ["sk-...Gh78", HASHED_TOKEN] });
    expect(textOf(result)).not.toContain(FULL_KEY);
  });

  it("deletes by alias", async () => {
    nock(TEST_HOST, asMaster).post("/key/delete", { key_aliases: ["ci-bot"] }).reply(200, { deleted_keys: ["ci-bot"] });
    const result = await bridge().call("delete_key", { key_aliases: ["ci-bot"] });
    expect(result.structuredContent).toEqual({ deleted: ["ci-bot"] });
  });

  it.each([[{}], [{ keys: [] }], [{ keys: [FULL_KEY], key_aliases: ["ci-bot"] }]])("refuses %j before calling LiteLLM", async (args) => {
    const result = await bridge().call("delete_key", args);
    expect(result.isError).toBe(true);
  });

  it("passes on LiteLLM's refusal when not every key could be deleted", async () => {
    nock(TEST_HOST)
      .post("/key/delete")
      .reply(400, { error: { message: "{'error': \"Not all keys passed in were deleted. This probably means you don't have access to delete all the keys passed in. Keys passed in=2, Deleted keys =1\"}", type: "bad_request_error", param: "None", code: "400" } });
    const result = await bridge().call("delete_key", { keys: [HASHED_TOKEN, "0".repeat(64)] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^LiteLLM rejected the request \(HTTP 400\)\. LiteLLM said: .*Not all keys passed in were deleted/);
  });

  it("is marked destructive and not read-only", async () => {
    const { tools } = await bridge().client.listTools();
    expect(tools.find((t) => t.name === "delete_key")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
  });
});
