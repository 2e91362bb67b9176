// block_key: the exact request LiteLLM's /key/block expects, and the key state it answers with.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { HASHED_TOKEN, keyRow } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("block_key", () => {
  it("POSTs /key/block with the master key and returns the key's new state", async () => {
    let sent: unknown;
    nock(TEST_HOST, asMaster)
      .post("/key/block", (body) => ((sent = body), true))
      .reply(200, keyRow({ blocked: true }));

    const result = await bridge().call("block_key", { key: "sk-minted-Ab12Cd34Ef56Gh78" });

    expect(result.isError).toBeFalsy();
    expect(sent).toEqual({ key: "sk-minted-Ab12Cd34Ef56Gh78" });
    expect(result.structuredContent).toEqual({ key_alias: "ci-bot", key_name: "sk-...Gh78", user_id: "u-42", team_id: null, blocked: true });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("accepts the hashed token that list_keys shows", async () => {
    nock(TEST_HOST, asMaster).post("/key/block", { key: HASHED_TOKEN }).reply(200, keyRow({ blocked: true }));
    const result = await bridge().call("block_key", { key: HASHED_TOKEN });
    expect(result.isError).toBeFalsy();
  });

  it("is not read-only, not destructive (unblock_key undoes it) and idempotent", async () => {
    const { tools } = await bridge().client.listTools();
    const tool = tools.find((t) => t.name === "block_key");
    expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true });
  });

  it("refuses an empty key before calling LiteLLM", async () => {
    const result = await bridge().call("block_key", { key: "" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("key");
  });

  it("passes on LiteLLM's reason when it refuses", async () => {
    nock(TEST_HOST).post("/key/block").reply(400, { error: { message: "Invalid key format.", type: "bad_request_error", param: "key", code: "400" } });
    const result = await bridge().call("block_key", { key: "not-a-key" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("LiteLLM rejected the request (HTTP 400). LiteLLM said: Invalid key format.");
  });
});
