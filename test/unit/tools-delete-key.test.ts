// delete_key: keys or aliases go to /key/delete as LiteLLM expects; what the answer says was deleted is what
// LiteLLM held before the call and no longer holds after it, read with /key/info and /key/list; full keys
// never come back.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { HASHED_TOKEN, keyRow } from "../support/litellm-admin-answers.ts";
import { keyInfo, keyInfoNotFound } from "../support/litellm-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();
const FULL_KEY = "sk-minted-Ab12Cd34Ef56Gh78";
const UNKNOWN_KEY = "sk-unknown-0000nown";

/** /key/info of a key, as LiteLLM answers before and after deleting it (it keeps the row, marked "deleted"). */
function keyInfoOf(key: string, status: "active" | "deleted") {
  nock(TEST_HOST, asMaster)
    .get("/key/info")
    .query({ key: keyHash(key) })
    .reply(200, { ...keyInfo, key: keyHash(key), info: { ...keyInfo.info, status } });
}

function unknownKey(key: string) {
  nock(TEST_HOST, asMaster).get("/key/info").query({ key: keyHash(key) }).reply(404, keyInfoNotFound);
}

/** /key/list for one exact alias, with the rows LiteLLM holds under it. */
function aliasRows(alias: string, rows: unknown[]) {
  nock(TEST_HOST, asMaster)
    .get("/key/list")
    .query({ key_alias: alias, return_full_object: "true", page: "1", size: "10" })
    .reply(200, { keys: rows, total_count: rows.length, current_page: 1, total_pages: rows.length > 0 ? 1 : 0 });
}

describe("delete_key", () => {
  it("asks LiteLLM which keys it holds (the hash in the URL, never the key), deletes, and reports what it no longer holds", async () => {
    keyInfoOf(FULL_KEY, "active");
    keyInfoOf(HASHED_TOKEN, "active");
    nock(TEST_HOST, asMaster)
      .post("/key/delete", { keys: [FULL_KEY, HASHED_TOKEN] })
      .reply(200, { deleted_keys: [FULL_KEY, HASHED_TOKEN] });
    keyInfoOf(FULL_KEY, "deleted");
    keyInfoOf(HASHED_TOKEN, "deleted");

    const result = await bridge().call("delete_key", { keys: [FULL_KEY, HASHED_TOKEN] });

    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ deleted: ["sk-...Gh78", HASHED_TOKEN], not_found: [] });
    expect(textOf(result)).not.toContain(FULL_KEY);
  });

  it("names a key LiteLLM did not have apart, although LiteLLM's answer lists it as deleted", async () => {
    keyInfoOf(FULL_KEY, "active");
    unknownKey(UNKNOWN_KEY);
    nock(TEST_HOST, asMaster).post("/key/delete").reply(200, { deleted_keys: [FULL_KEY, UNKNOWN_KEY] });
    keyInfoOf(FULL_KEY, "deleted");

    const result = await bridge().call("delete_key", { keys: [FULL_KEY, UNKNOWN_KEY] });

    expect(result.structuredContent).toEqual({ deleted: ["sk-...Gh78"], not_found: ["sk-...nown"] });
  });

  it("deletes by alias, and says which alias no key had", async () => {
    aliasRows("ci-bot", [keyRow({ key_alias: "ci-bot" })]);
    aliasRows("nobody", []);
    nock(TEST_HOST, asMaster).post("/key/delete", { key_aliases: ["ci-bot", "nobody"] }).reply(200, { deleted_keys: ["ci-bot", "nobody"] });
    aliasRows("ci-bot", []);

    const result = await bridge().call("delete_key", { key_aliases: ["ci-bot", "nobody"] });

    expect(result.structuredContent).toEqual({ deleted: ["ci-bot"], not_found: ["nobody"] });
  });

  it("an alias that only contains the one asked for is not it: LiteLLM's match is exact, and so is this check", async () => {
    aliasRows("ci", [keyRow({ key_alias: "ci-bot" })]);
    const result = await bridge().call("delete_key", { key_aliases: ["ci"] });
    expect(textOf(result)).toBe("LiteLLM does not have a key with the alias ci, so nothing was deleted. list_keys shows the keys there are.");
  });

  it("sends no delete when LiteLLM has none of the keys", async () => {
    unknownKey(UNKNOWN_KEY);
    unknownKey(FULL_KEY);
    const result = await bridge().call("delete_key", { keys: [UNKNOWN_KEY, FULL_KEY] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("LiteLLM does not have the keys sk-...nown, sk-...Gh78, so nothing was deleted. list_keys shows the keys there are.");
  });

  it("says so when LiteLLM answers that it deleted a key it still holds", async () => {
    keyInfoOf(FULL_KEY, "active");
    nock(TEST_HOST, asMaster).post("/key/delete").reply(200, { deleted_keys: [FULL_KEY] });
    keyInfoOf(FULL_KEY, "active");
    const result = await bridge().call("delete_key", { keys: [FULL_KEY] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^LiteLLM answered that it deleted them, but still has the key sk-\.\.\.Gh78\. Try delete_key again/);
  });

  it.each([
    [{}, "Give keys or key_aliases (the keys to delete); neither was given."],
    [{ keys: [FULL_KEY], key_aliases: ["ci-bot"] }, "Give keys or key_aliases (the keys to delete), not both."],
    [{ keys: [] }, "keys"],
  ])("refuses %j before calling LiteLLM, saying what is missing", async (args, said) => {
    const result = await bridge().call("delete_key", args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(said);
  });

  it("passes on LiteLLM's refusal when not every key could be deleted", async () => {
    keyInfoOf(HASHED_TOKEN, "active");
    unknownKey("0".repeat(64));
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
