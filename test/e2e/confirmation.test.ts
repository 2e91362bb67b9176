// Confirmation before destroying, through the built server against the stand-in, at this run's revision:
// over stdio a client that can be asked is asked before delete_key, and only a yes deletes; over --http a
// 2026-07-28 client is asked too, each round of the question meeting a fresh server (and another replica
// would do as well: the state is sealed with a key every replica derives alike), while a 2025-11-25 client
// over HTTP cannot be asked and is served as before, or refused when the operator requires confirmation.

import type { ElicitRequestFormParams, ElicitResult } from "@modelcontextprotocol/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/connect.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { REVISION, type ClientSettings } from "../support/revisions.ts";
import { connectHttp, startHttpInstance, type HttpInstance } from "../support/spawn-http.ts";
import { spawnServer, type Spawned } from "../support/spawn-server.ts";

const MASTER = "sk-confirm-canary-master-14142135";
let upstream: FakeLiteLLM;
const stops: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});
afterAll(() => upstream.stop());

const env = { LITELLM_MASTER_KEY: MASTER };

/** A key on the stand-in, under an alias of its own. */
function mintKey(alias: string): string {
  const key = `sk-confirm-${alias}-${Math.random().toString(36).slice(2, 10)}`;
  upstream.state.mint(key, { key_alias: alias, user_id: "confirm-user", models: ["mock-gpt"] });
  return key;
}

function answering(answer: ElicitResult, questions: ElicitRequestFormParams[]): ClientSettings {
  return { answer: (question) => (questions.push(question), answer) };
}

async function overStdio(settings: ClientSettings, extra: Record<string, string> = {}): Promise<Spawned> {
  const server = await spawnServer({ LITELLM_HOST: upstream.url, ...env, ...extra }, undefined, settings);
  stops.push(() => server.close());
  return server;
}

async function overHttp(extra: Record<string, string> = {}): Promise<HttpInstance> {
  const instance = await startHttpInstance([], { LITELLM_HOST: upstream.url, ...env, ...extra });
  stops.push(() => instance.stop());
  return instance;
}

const deletes = () => upstream.requests.filter((r) => r.path === "/key/delete").length;

describe(`over stdio at ${REVISION}`, () => {
  it("asks before delete_key, naming the key; yes deletes it", async () => {
    const key = mintKey("confirm-yes");
    const questions: ElicitRequestFormParams[] = [];
    const server = await overStdio(answering({ action: "accept", content: { confirm: true } }, questions));
    const result = await server.call("delete_key", { keys: [key] });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(questions.map((q) => q.message)).toEqual([expect.stringMatching(/^Delete 1 virtual key for good\?\n- "confirm-yes" \(sk-\.\.\.\w{4}\), user confirm-user, spent \$0\.00/)]);
    expect(upstream.state.find(key)).toBeUndefined();
  });

  it("no keeps the key: nothing reaches /key/delete", async () => {
    const key = mintKey("confirm-no");
    const before = deletes();
    const questions: ElicitRequestFormParams[] = [];
    const server = await overStdio(answering({ action: "decline" }, questions));
    const result = await server.call("delete_key", { keys: [key] });
    expect(textOf(result)).toMatch(/^The person did not confirm, so delete_key sent nothing to LiteLLM/);
    expect(questions).toHaveLength(1);
    expect(deletes()).toBe(before);
    expect(upstream.state.find(key)).toBeDefined();
  });

  it("a client that cannot be asked is refused when the operator requires confirmation, and served as before otherwise", async () => {
    const kept = mintKey("confirm-required");
    const required = await overStdio({}, { LITELLM_MCP_REQUIRE_CONFIRMATION: "true" });
    expect(textOf(await required.call("delete_key", { keys: [kept] }))).toMatch(/^delete_key is refused: .*cannot be asked \(it offers no form elicitation\)/);
    expect(upstream.state.find(kept)).toBeDefined();

    const plain = await overStdio({});
    expect((await plain.call("delete_key", { keys: [kept] })).isError).toBeFalsy();
    expect(upstream.state.find(kept)).toBeUndefined();
  });
});

describe(`over --http at ${REVISION}`, () => {
  if (REVISION === "2026-07-28") {
    it("asks in input_required rounds, each answered by a fresh server; only yes deletes", async () => {
      const server = await overHttp();
      const [yes, no] = [mintKey("http-yes"), mintKey("http-no")];
      const questions: ElicitRequestFormParams[] = [];
      const accepting = await connectHttp(server.url, {}, answering({ action: "accept", content: { confirm: true } }, questions));
      const declining = await connectHttp(server.url, {}, answering({ action: "decline" }, questions));
      expect((await accepting.callTool({ name: "delete_key", arguments: { keys: [yes] } })).isError).toBeFalsy();
      const refused = await declining.callTool({ name: "delete_key", arguments: { keys: [no] } });
      await Promise.all([accepting.close(), declining.close()]);
      expect(refused.isError).toBe(true);
      expect(questions.map((q) => q.message)).toEqual([expect.stringContaining('"http-yes"'), expect.stringContaining('"http-no"')]);
      expect(upstream.state.find(yes)).toBeUndefined();
      expect(upstream.state.find(no)).toBeDefined();
    });
  } else {
    it("cannot ask a 2025-11-25 client (each request meets a fresh server): served as before, or refused when required", async () => {
      const questions: ElicitRequestFormParams[] = [];
      const required = await overHttp({ LITELLM_MCP_REQUIRE_CONFIRMATION: "true" });
      const kept = mintKey("http-required");
      const asked = await connectHttp(required.url, {}, answering({ action: "accept", content: { confirm: true } }, questions));
      const refusal = await asked.callTool({ name: "delete_key", arguments: { keys: [kept] } });
      await asked.close();
      expect(textOf(refusal)).toMatch(/^delete_key is refused: .*cannot be asked over this connection \(MCP 2025-11-25 over HTTP; 2026-07-28 clients and stdio can be\)/);
      expect(upstream.state.find(kept)).toBeDefined();

      const plain = await overHttp();
      const client = await connectHttp(plain.url, {}, answering({ action: "decline" }, questions));
      expect((await client.callTool({ name: "delete_key", arguments: { keys: [kept] } })).isError).toBeFalsy();
      await client.close();
      expect(questions).toEqual([]);
      expect(upstream.state.find(kept)).toBeUndefined();
    });
  }
});
