// unblock_key: the exact request LiteLLM's /key/unblock expects, and the key state it answers with.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { keyRow } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("unblock_key", () => {
  it("POSTs /key/unblock with the master key and returns the key's new state", async () => {
    nock(TEST_HOST, asMaster).post("/key/unblock", { key: "sk-minted-Ab12Cd34Ef56Gh78" }).reply(200, keyRow({ blocked: false }));
    const result = await bridge().call("unblock_key", { key: "sk-minted-Ab12Cd34Ef56Gh78" });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ key_alias: "ci-bot", key_name: "sk-...Gh78", user_id: "u-42", team_id: null, blocked: false });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("says so when LiteLLM's answer is not a key row", async () => {
    nock(TEST_HOST).post("/key/unblock").reply(200, { blocked: "no" });
    const result = await bridge().call("unblock_key", { key: "sk-x-123456" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/does not have the shape unblock_key documents \(blocked:/);
  });
});
