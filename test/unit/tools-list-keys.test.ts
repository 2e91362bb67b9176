// list_keys: one bounded page from /key/list, with hashes and abbreviations only — never a usable key.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { HASHED_TOKEN, keyRow } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();
const FULL_KEY = "sk-live-Qw3rTy9UiOp8AsDf";

describe("list_keys", () => {
  it("GETs /key/list with the master key, a bounded page size, full rows and substring matching, and summarizes each key", async () => {
    // LiteLLM 1.108.7 matches user_id and key_alias exactly unless substring_matching=true.
    nock(TEST_HOST, asMaster)
      .get("/key/list")
      .query({ user_id: "u-42", page: "1", size: "20", return_full_object: "true", substring_matching: "true" })
      .reply(200, { keys: [keyRow()], total_count: 1, current_page: 1, total_pages: 1 });

    const result = await bridge().call("list_keys", { user_id: "u-42" });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      keys: [
        {
          token: HASHED_TOKEN,
          key_alias: "ci-bot",
          key_name: "sk-...Gh78",
          user_id: "u-42",
          team_id: null,
          models: ["mock-gpt"],
          spend: 0.0123,
          max_budget: 5,
          expires: "2026-11-26T22:00:00+00:00",
          blocked: null,
        },
      ],
      total_count: 1,
      page: 1,
      total_pages: 1,
      truncated: false,
      next_page: null,
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it("never returns a usable key, wherever LiteLLM puts one", async () => {
    nock(TEST_HOST)
      .get("/key/list")
      .query(true)
      .reply(200, {
        // UserAPIKeyAuth rows carry api_key; a custom setup could store the key as its name or token.
        keys: [keyRow({ api_key: FULL_KEY }), keyRow({ key_name: FULL_KEY }), keyRow({ token: FULL_KEY }), FULL_KEY],
        total_count: 4,
        current_page: 1,
        total_pages: 1,
      });
    const result = await bridge().call("list_keys", {});
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).not.toContain(FULL_KEY.slice(3));
    const keys = (result.structuredContent as { keys: Record<string, unknown>[] }).keys;
    expect(keys.map((k) => [k.token, k.key_name])).toEqual([
      [HASHED_TOKEN, "sk-...Gh78"],
      [HASHED_TOKEN, null],
      [null, "sk-...Gh78"],
      [null, null],
    ]);
  });

  it("marks a page that is not the last and says which page comes next", async () => {
    nock(TEST_HOST)
      .get("/key/list")
      .query({ page: "2", size: "5", return_full_object: "true", substring_matching: "true" })
      .reply(200, { keys: [HASHED_TOKEN], total_count: 12, current_page: 2, total_pages: 3 });
    const result = await bridge().call("list_keys", { page: 2, size: 5 });
    expect(result.structuredContent).toMatchObject({ total_count: 12, page: 2, total_pages: 3, truncated: true, next_page: 3 });
  });

  it("refuses pages larger than 50 before calling LiteLLM", async () => {
    const result = await bridge().call("list_keys", { size: 100 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("size");
  });
});
