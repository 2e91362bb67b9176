// What a real LiteLLM with its database answers when a call cannot do what was asked, and what the bridge
// makes of it. Each case first shows LiteLLM's own answer (the condition under test), then the tool's.

import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createUser, DB_MODELS, liteLLMAdmin } from "../support/db-proxy.ts";
import { useDbServer } from "../support/db-server.ts";

const proxy = inject("dbProxy");

describe.skipIf(!proxy)("LiteLLM's refusals and failed checks, through the bridge", () => {
  const run = randomBytes(4).toString("hex");
  const bridge = useDbServer("db-refusals", proxy);

  it("list_keys finds keys by part of an alias, which LiteLLM alone matches only exactly", async () => {
    const alias = `Refusals-Alias-${run}`;
    await createUser(proxy!, `refusals-${run}`);
    await bridge().answer("generate_key", { models: [DB_MODELS[0].name], user_id: `refusals-${run}`, key_alias: alias, duration: "1h" });
    const part = `alias-${run}`;
    const exact = await liteLLMAdmin(proxy!, "GET", `/key/list?key_alias=${part}`);
    expect(exact.body).toMatchObject({ keys: [], total_count: 0 });
    const { keys } = await bridge().answer<{ keys: { key_alias: string }[] }>("list_keys", { key_alias: part });
    expect(keys.map((k) => k.key_alias)).toEqual([alias]);
  });

  it("check_model_health reports a model whose deployment is down, with the error's first line, although LiteLLM answers 503", async () => {
    const raw = await liteLLMAdmin(proxy!, "GET", `/health?model=${proxy!.unhealthyModel}`);
    expect(raw.status).toBe(503);
    const health = await bridge().answer<{ unhealthy: { model: string; error: string }[] }>("check_model_health", { model: proxy!.unhealthyModel });
    expect(health).toMatchObject({ healthy_count: 0, unhealthy_count: 1, healthy: [], truncated: false });
    expect(health.unhealthy).toEqual([{ model: "openai/gpt-4o-mini", error: expect.stringMatching(/Connection error\.$/) }]);
  });

  it("check_model_health on a name LiteLLM has no deployment of says so (LiteLLM: 503 with nothing checked)", async () => {
    const name = `no-such-model-${run}`;
    const raw = await liteLLMAdmin(proxy!, "GET", `/health?model=${name}`);
    expect(raw).toEqual({ status: 503, body: { healthy_endpoints: [], unhealthy_endpoints: [], healthy_count: 0, unhealthy_count: 0 } });
    expect(await bridge().failure("check_model_health", { model: name })).toBe(
      `LiteLLM has no deployment of a model named "${name}" to test: list_models shows the names it serves.`,
    );
  });

  it("delete_key of keys LiteLLM does not have says so in a sentence of its own, not LiteLLM's Python dict", async () => {
    const raw = await liteLLMAdmin(proxy!, "POST", "/key/delete", { key_aliases: [`gone-${run}`] });
    expect(raw.body).toMatchObject({ error: { message: "{'error': 'No keys found'}" } });
    expect(await bridge().failure("delete_key", { key_aliases: [`gone-${run}`] })).toBe(`LiteLLM does not have a key with the alias gone-${run}, so nothing was deleted. list_keys shows the keys there are.`);
  });

  it("get_team_info of an unknown team passes LiteLLM's reason on as text", async () => {
    expect(await bridge().failure("get_team_info", { team_id: `no-team-${run}` })).toBe(
      `LiteLLM found nothing there (HTTP 404). LiteLLM said: Team not found, passed team id: no-team-${run}.`,
    );
  });

  it("get_user_info and get_key_info of unknown ids say LiteLLM found nothing", async () => {
    expect(await bridge().failure("get_user_info", { user_id: `nobody-${run}` })).toBe(`LiteLLM found nothing there (HTTP 404). LiteLLM said: User nobody-${run} not found`);
    expect(await bridge().failure("get_key_info", { key: `sk-unknown-${run}` })).toBe("LiteLLM found nothing there (HTTP 404). LiteLLM said: Key not found in database");
  });
});
