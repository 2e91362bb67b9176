// Caller mode on a real LiteLLM with its database: one built HTTP server holding no master key serves five
// callers, each with a key of their own LiteLLM user — proxy_admin, proxy_admin_viewer, internal_user (two
// users) and internal_user_viewer. What LiteLLM lets each role do is the table below (README quotes it);
// what it refuses comes back as one sentence naming the role; and two callers interleaved never see each
// other's data. The users and keys are set up with the master key directly: that part is not under test.

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { capture } from "../support/capture.ts";
import { checkedClient, type CheckedServer } from "../support/checked-server.ts";
import { runCli } from "../support/run-cli.ts";
import { connectHttp, startHttpInstance, type HttpInstance } from "../support/spawn-http.ts";

const proxy = inject("dbProxy");
const run = randomBytes(4).toString("hex");

const ROLES = { admin: "proxy_admin", viewer: "proxy_admin_viewer", alice: "internal_user", bob: "internal_user", reader: "internal_user_viewer" } as const;
type Caller = keyof typeof ROLES;
const CALLERS = Object.keys(ROLES) as Caller[];
const userOf = (who: Caller) => `caller-${run}-${who}`;

/** As the proxy's admin, straight to LiteLLM: the setup each test builds on. */
async function asMaster<T>(path: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${proxy!.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${proxy!.masterKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const mint = async (who: Caller, alias: string) => (await asMaster<{ key: string }>("/key/generate", { user_id: userOf(who), key_alias: `${run}-${alias}` })).key;

describe.skipIf(!proxy)("caller mode against a real LiteLLM with users of every role", () => {
  const keys = {} as Record<Caller, string>;
  const callers = {} as Record<Caller, CheckedServer>;
  /** Completions each caller ran, to find in LiteLLM's spend logs. */
  const completionsBy = Object.fromEntries(CALLERS.map((who) => [who, 0])) as Record<Caller, number>;
  let teamId: string;
  let server: HttpInstance;

  beforeAll(async () => {
    teamId = (await asMaster<{ team_id: string }>("/team/new", { team_alias: `caller-${run}-team` })).team_id;
    for (const who of CALLERS) {
      await asMaster("/user/new", { user_id: userOf(who), user_role: ROLES[who], auto_create_key: false });
      keys[who] = await mint(who, `${who}-own`);
    }
    server = await startHttpInstance([], { LITELLM_HOST: proxy!.url, LITELLM_MCP_AUTH: "caller" });
    for (const who of CALLERS) {
      const client = await connectHttp(server.url, { requestInit: { headers: { authorization: `Bearer ${keys[who]}` } } });
      callers[who] = await checkedClient(client, server.stderr, () => client.close());
    }
  });

  afterAll(async () => {
    for (const who of CALLERS) await callers[who]?.close();
    await server?.stop();
    if (server) {
      capture("db-caller-roles", ...CALLERS.map((who) => callers[who]?.emitted() ?? ""));
      for (const who of CALLERS) expect(server.stderr()).not.toContain(keys[who]!.slice(-8));
    }
  });

  /**
   * What LiteLLM 1.108.7 lets each role do through the tools: "ok", or the HTTP status of its refusal. Each
   * row builds its arguments for the caller, minting fresh target keys where the call changes one.
   */
  const TABLE: [string, string, (who: Caller) => Promise<Record<string, unknown>>, Record<Caller, "ok" | "policy" | 401 | 403>][] = [
    ["list_models", "list the models", async () => ({}), { admin: "ok", viewer: "ok", alice: "ok", bob: "ok", reader: "ok" }],
    ["proxy_completion", "run a completion under its own key", async () => ({ model: proxy!.models[0], messages: [{ role: "user", content: "hi" }] }), { admin: "ok", viewer: "ok", alice: "ok", bob: "ok", reader: "ok" }],
    // A key carries its user's role: the bridge mints none for an admin user, whoever asks ("policy"). Every key
    // it mints is limited to exact routes (allowed_routes), which LiteLLM lets only a proxy_admin's key set: an
    // internal user's own key is refused (403). Minting for another user, the bridge reads that user first,
    // which LiteLLM refuses an internal user of either kind (403).
    ["generate_key", "mint a key for itself", async (who) => ({ models: [proxy!.models[0]], user_id: userOf(who), duration: "1h", key_alias: `${run}-${who}-minted` }), { admin: "policy", viewer: "policy", alice: 403, bob: 403, reader: 401 }],
    ["generate_key", "mint a key for another user", async (who) => ({ models: [proxy!.models[0]], user_id: userOf(who === "bob" ? "alice" : "bob"), duration: "1h" }), { admin: "ok", viewer: 403, alice: 403, bob: 403, reader: 403 }],
    ["get_key_info", "read its own key", async (who) => ({ key: keys[who] }), { admin: "ok", viewer: "ok", alice: "ok", bob: "ok", reader: "ok" }],
    ["get_key_info", "read another user's key", async (who) => ({ key: keys[who === "bob" ? "alice" : "bob"] }), { admin: "ok", viewer: "ok", alice: 403, bob: 403, reader: 403 }],
    ["list_keys", "list keys (its own, unless admin)", async () => ({}), { admin: "ok", viewer: "ok", alice: "ok", bob: "ok", reader: "ok" }],
    ["list_keys", "list another user's keys", async (who) => ({ user_id: userOf(who === "bob" ? "alice" : "bob") }), { admin: "ok", viewer: "ok", alice: 403, bob: 403, reader: 403 }],
    ["get_user_info", "read its own user", async (who) => ({ user_id: userOf(who) }), { admin: "ok", viewer: "ok", alice: "ok", bob: "ok", reader: "ok" }],
    ["get_user_info", "read another user", async (who) => ({ user_id: userOf(who === "bob" ? "alice" : "bob") }), { admin: "ok", viewer: "ok", alice: 403, bob: 403, reader: 403 }],
    ["get_team_info", "read a team it is not in", async () => ({ team_id: teamId }), { admin: "ok", viewer: "ok", alice: 403, bob: 403, reader: 403 }],
    ["get_spend_logs", "read spend logs (its own, unless admin)", async () => ({ start_date: "2020-01-01", end_date: "2099-12-31" }), { admin: "ok", viewer: "ok", alice: "ok", bob: "ok", reader: "ok" }],
    ["get_model_info", "read the deployments", async () => ({}), { admin: "ok", viewer: "ok", alice: "ok", bob: "ok", reader: "ok" }],
    ["update_key", "update its own key", async (who) => ({ key: await mint(who, `${who}-to-update`), max_budget: 1 }), { admin: "ok", viewer: 403, alice: 403, bob: 403, reader: 401 }],
    ["block_key", "block its own key", async (who) => ({ key: await mint(who, `${who}-to-block`) }), { admin: "ok", viewer: 403, alice: 403, bob: 403, reader: 401 }],
    ["delete_key", "delete its own key", async (who) => ({ keys: [await mint(who, `${who}-to-delete`)] }), { admin: "ok", viewer: 403, alice: "ok", bob: "ok", reader: 401 }],
    // delete_key first reads which keys LiteLLM has: a role that may not read another user's key is refused there.
    ["delete_key", "delete another user's key", async (who) => ({ keys: [await mint(who === "bob" ? "alice" : "bob", `${who}-victim`)] }), { admin: "ok", viewer: 403, alice: 403, bob: 403, reader: 403 }],
  ];

  for (const who of CALLERS) {
    it(`${who}'s key (${ROLES[who]}) may do what LiteLLM allows it, and is told its role where refused`, async () => {
      for (const [tool, what, args, expected] of TABLE) {
        const outcome = expected[who];
        const result = await callers[who].call(tool, await args(who));
        if (tool === "proxy_completion" && !result.isError) completionsBy[who]++;
        if (outcome === "ok") {
          expect.soft(result.isError, `${who} should ${what}: ${JSON.stringify(result.content)}`).toBeFalsy();
        } else if (outcome === "policy") {
          expect.soft(result.isError, `${who} should not ${what}`).toBe(true);
          expect.soft((result.content[0] as { text: string }).text, `${who}: ${what}`).toMatch(new RegExp(`^Refused by policy: .*has LiteLLM's role ${ROLES[who]}`));
        } else {
          expect.soft(result.isError, `${who} should not ${what}`).toBe(true);
          const text = (result.content[0] as { text: string }).text;
          expect.soft(text, `${who}: ${what}`).toMatch(new RegExp(`^LiteLLM refused this for your key \\(role ${ROLES[who]}, HTTP ${outcome}\\)`));
          expect(text).not.toMatch(/\n/);
        }
      }
    });
  }

  it("doctor in caller mode holds no key and finds the database callers' keys need", async () => {
    const run = await runCli(["doctor"], { LITELLM_HOST: proxy!.url, LITELLM_MCP_AUTH: "caller" });
    expect(run.stdout).toMatch(/^ok +Caller mode \(LITELLM_MCP_AUTH=caller\): no master key is held/m);
    expect(run.stdout).toMatch(/^ok +LiteLLM has its database, so it can accept callers' virtual keys/m);
    expect(run.code, run.stdout).toBe(0);
  });

  it("two callers interleaved see only their own keys, user, answers and spend", { timeout: 120_000 }, async () => {
    const pair = ["alice", "bob"] as const;
    const rounds = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const who = pair[i % 2]!;
        const other = pair[(i + 1) % 2]!;
        const [listed, user, reply] = await Promise.all([
          callers[who].answer<{ keys: { user_id: string | null; key_alias: string | null }[] }>("list_keys", {}),
          callers[who].answer<{ user_id: string; keys: { key_alias: string | null }[] }>("get_user_info", { user_id: userOf(who) }),
          callers[who].answer<{ text: string }>("proxy_completion", { model: proxy!.models[0], messages: [{ role: "user", content: `${who} #${i}` }] }),
        ]);
        completionsBy[who]++;
        return { who, other, listed, user, reply };
      }),
    );
    for (const { who, other, listed, user, reply } of rounds) {
      expect(listed.keys.length).toBeGreaterThan(0);
      for (const key of listed.keys) expect(key.user_id).toBe(userOf(who));
      expect(listed.keys.map((k) => k.key_alias)).toContain(`${run}-${who}-own`);
      expect(JSON.stringify(listed)).not.toContain(userOf(other));
      expect(user.user_id).toBe(userOf(who));
      expect(JSON.stringify(user)).not.toContain(userOf(other));
      expect(reply.text).toBe("alpha says hello");
    }

    // LiteLLM itself logged every completion under the key of the caller who made it (its spend logs are
    // written every few seconds), and shows an internal user only their own, whatever user they ask for.
    const range = { start_date: "2020-01-01", end_date: "2099-12-31" };
    type Logs = { logs: { key_alias: string | null; request_tags: string[] | null }[] };
    const completions = (answer: Logs) => answer.logs.filter((e) => e.request_tags?.includes("tool:proxy_completion"));
    for (const who of pair) {
      await vi.waitFor(async () => expect(completions(await callers[who].answer<Logs>("get_spend_logs", range)).length).toBe(completionsBy[who]), { timeout: 30_000, interval: 1_000 });
      const logs = await callers[who].answer<Logs>("get_spend_logs", range);
      for (const entry of logs.logs) expect(entry.key_alias).toBe(`${run}-${who}-own`);
    }
    const asked = await callers.bob.answer<Logs>("get_spend_logs", { ...range, user_id: userOf("alice") });
    expect(asked.logs.filter((e) => e.key_alias?.includes("-alice-"))).toEqual([]);
  });
});
