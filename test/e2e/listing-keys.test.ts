// Listings never hand out a usable key, through the built server: whatever row LiteLLM (or a proxy in
// front of it) sends, an sk- value in any field of a key summary is dropped, and a key name is shown
// only in LiteLLM's abbreviated form. The key is a stranger's, not one the bridge knows to redact.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY, textOf } from "../support/connect.ts";
import { FaultyUpstream } from "../support/faulty-upstream.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

/** Someone's live key, as a careless import or a custom auth hook might leave it in a key row. */
const STRANGER_KEY = "sk-stranger-Zx81Kq0Lw2Pn";

let upstream: FaultyUpstream;
let server: Spawned;

beforeAll(async () => {
  upstream = await new FaultyUpstream().start();
  upstream.keyListRows = [
    { token: "a1b2c3", key_alias: STRANGER_KEY, key_name: `sk-...${STRANGER_KEY.slice(-4)}`, user_id: "u-1", team_id: null, models: ["mock-gpt"] },
    { token: "d4e5f6", key_alias: "plain-alias", key_name: STRANGER_KEY, user_id: STRANGER_KEY, team_id: STRANGER_KEY, models: [STRANGER_KEY] },
    { token: "g7h8i9", key_alias: "dots", key_name: `${STRANGER_KEY}...`, user_id: "u-3", team_id: "t-3", models: [] },
  ];
  server = await spawnServer({ LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: CANARY_MASTER_KEY });
});
afterAll(async () => {
  await server?.close();
  await upstream?.stop();
});

describe("list_keys", () => {
  it("drops sk- values from key_alias, user_id, team_id, models and key_name, keeping sk-...abcd names", async () => {
    const result = await server.call("list_keys", {});
    capture("listing-keys", result);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).not.toContain(STRANGER_KEY.slice(3, 12));
    expect(JSON.stringify(result.structuredContent)).not.toContain(STRANGER_KEY.slice(3, 12));
    const keys = (result.structuredContent as { keys: Record<string, unknown>[] }).keys;
    expect(keys.map((k) => [k.token, k.key_alias, k.key_name, k.user_id, k.team_id, k.models])).toEqual([
      ["a1b2c3", null, `sk-...${STRANGER_KEY.slice(-4)}`, "u-1", null, ["mock-gpt"]],
      ["d4e5f6", "plain-alias", null, null, null, []],
      ["g7h8i9", "dots", null, "u-3", "t-3", []],
    ]);
  });
});
