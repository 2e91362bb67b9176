// The stand-in the demo, `npm run stand-in` and the e2e tests use must agree with the real thing: the same
// walk through every tool (test/support/tool-tour.ts) against the real LiteLLM on PostgreSQL and against
// the stand-in must give answers of the same shape (the same fields, null where the real proxy gives null,
// the same types elsewhere) and the same refusals, word for word. The calls whose answers must say what the
// proxy did (test/support/answer-checks.ts) must give the same answers, values included, once the ids and
// keys each proxy makes up are taken out.

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { capture } from "../support/capture.ts";
import { startCheckedServer, type CheckedServer } from "../support/checked-server.ts";
import { textOf } from "../support/connect.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { modelList } from "../support/litellm-answers.ts";
import { ANSWER_CHECKS, neutral, type CheckContext } from "../support/answer-checks.ts";
import { TOUR, tourContext, type TourContext } from "../support/tool-tour.ts";

const proxy = inject("dbProxy");

/** The structure of a value without its content: field names, "null", or the JSON type; arrays by their first item. */
function shape(value: unknown): unknown {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]));
  return typeof value;
}

interface Walk {
  /** Per tool: the shape of its answer, or its refusal sentence with the run's ids taken out. */
  outcomes: Record<string, unknown>;
  spendLogs: unknown;
}

/** `waitForSpendMs`: how long to keep asking for the spend log row of the walk's completion. */
async function walk(server: CheckedServer, ctx: TourContext, waitForSpendMs: number): Promise<Walk> {
  const outcomes: Record<string, unknown> = {};
  const neutral = (text: string) => text.replaceAll(ctx.alias, "<alias>").replaceAll(ctx.user, "<user>").replaceAll(ctx.team, "<team>").replaceAll(ctx.model, "<model>");
  for (const step of TOUR) {
    const result = await server.call(step.tool, step.args(ctx));
    // Mid-walk the real proxy has not yet written its spend batch, so only the page around the rows is
    // compared here; the rows are compared once it has (below).
    const answer = step.tool === "get_spend_logs" ? { ...result.structuredContent, logs: [] } : result.structuredContent;
    outcomes[step.tool] = result.isError ? `refused: ${neutral(textOf(result))}` : shape(answer);
    if (!result.isError) step.then?.(result.structuredContent!, ctx);
  }
  // Refusals a user meets: a user and a team nobody created.
  outcomes["get_user_info (unknown)"] = neutral(textOf(await server.call("get_user_info", { user_id: `${ctx.user}-nobody` })));
  outcomes["get_team_info (unknown)"] = neutral(textOf(await server.call("get_team_info", { team_id: `${ctx.team}-nobody` })));
  // LiteLLM books spend and its logs in batches, the stand-in at once: ask until the completion's row is
  // there, within a bound (a loaded machine can take several batch periods), and compare what came last.
  const query = { start_date: ctx.today, end_date: ctx.today, user_id: ctx.user };
  let logs = await server.answer<{ logs: unknown[] }>("get_spend_logs", query);
  for (const started = Date.now(); logs.logs.length === 0 && Date.now() - started < waitForSpendMs; ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    logs = await server.answer<{ logs: unknown[] }>("get_spend_logs", query);
  }
  return { outcomes, spendLogs: shape(logs) };
}

/** Each check's outcome: its refusal, or its whole answer, with what each proxy makes up taken out. */
async function walkChecks(server: CheckedServer, ctx: CheckContext): Promise<Record<string, unknown>> {
  const outcomes: Record<string, unknown> = {};
  for (const check of ANSWER_CHECKS) {
    if (check.waitMs) await new Promise((resolve) => setTimeout(resolve, check.waitMs));
    const result = await server.call(check.tool, check.args(ctx));
    if (!result.isError) check.then?.(result.structuredContent!, ctx);
    const answer = check.compare && !result.isError ? check.compare(result.structuredContent!) : result.structuredContent;
    outcomes[check.name] = neutral(result.isError ? `refused: ${textOf(result)}` : answer, ctx);
  }
  return outcomes;
}

/**
 * What the checks need that no tool makes: a stored credential, a deployment on one that is missing, and a
 * key that expires within the second (the tools take no duration under a minute).
 */
async function prepareChecks(url: string, masterKey: string, ctx: CheckContext): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, { method: "POST", headers: { authorization: `Bearer ${masterKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  await post("/credentials", { credential_name: ctx.credential, credential_values: { api_key: `sk-provider-${ctx.run}-unused` }, credential_info: { custom_llm_provider: "openai" } });
  await post("/model/new", { model_name: ctx.brokenModel, litellm_params: { model: "openai/gpt-4o-mini", litellm_credential_name: `${ctx.credential}-gone` }, model_info: { id: `agree-broken-${ctx.run}` } });
  const expiring = await post("/key/generate", { models: [ctx.model], user_id: `agree-user-${ctx.run}`, duration: "1s", key_alias: `agree-expiring-${ctx.run}` });
  ctx.keys.expiring = String(expiring.key);
}

describe.skipIf(!proxy)("the stand-in agrees with a real LiteLLM with its database", () => {
  const run = randomBytes(4).toString("hex");
  const people = { users: [{ user_id: `agree-user-${run}`, user_email: `agree-${run}@example.com` }], teams: [{ team_id: `agree-team-${run}`, team_alias: `Agree ${run}`, members: [`agree-user-${run}`] }] };
  const servers: CheckedServer[] = [];
  let standIn: FakeLiteLLM;
  let real: Walk;
  let fake: Walk;
  let realChecks: Record<string, unknown>;
  let fakeChecks: Record<string, unknown>;

  /** An admin call straight to the real proxy, for what no tool does: creating a user and a team. */
  async function admin(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${proxy!.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${proxy!.masterKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    await response.body?.cancel();
  }

  beforeAll(async () => {
    const [user] = people.users;
    const [team] = people.teams;
    await admin("/team/new", { team_id: team!.team_id, team_alias: team!.team_alias });
    await admin("/user/new", { user_id: user!.user_id, user_email: user!.user_email, teams: [team!.team_id], auto_create_key: false });
    standIn = await new FakeLiteLLM({ masterKey: proxy!.masterKey, people }).start();

    const realServer = await startCheckedServer({ LITELLM_HOST: proxy!.url, LITELLM_MASTER_KEY: proxy!.masterKey, LITELLM_MCP_TOOLSETS: "all" });
    const fakeServer = await startCheckedServer({ LITELLM_HOST: standIn.url, LITELLM_MASTER_KEY: proxy!.masterKey, LITELLM_MCP_TOOLSETS: "all" });
    servers.push(realServer, fakeServer);
    const context = (): TourContext => ({ ...tourContext(true), user: user!.user_id, team: team!.team_id, alias: `agree-key-${run}` });
    real = await walk(realServer, context(), 10 * proxy!.batchWriteSeconds * 1000);
    fake = await walk(fakeServer, context(), 0);

    const checks = (model: string): CheckContext => ({ run, model, configModelId: "", credential: `agree-cred-${run}`, brokenModel: `agree-broken-${run}`, keys: {}, addedModelId: "" });
    const [realCtx, fakeCtx] = [checks(proxy!.models[0]!), checks(modelList.data[0]!.id)];
    await prepareChecks(proxy!.url, proxy!.masterKey, realCtx);
    await prepareChecks(standIn.url, proxy!.masterKey, fakeCtx);
    realChecks = await walkChecks(realServer, realCtx);
    fakeChecks = await walkChecks(fakeServer, fakeCtx);
  }, 240_000);

  afterAll(async () => {
    // The proxy is shared with the other files, which list its models: the deployment put there goes.
    await fetch(`${proxy!.url}/model/delete`, { method: "POST", headers: { authorization: `Bearer ${proxy!.masterKey}`, "content-type": "application/json" }, body: JSON.stringify({ id: `agree-broken-${run}` }) });
    for (const server of servers) {
      capture("db-stand-in-agrees", server.emitted());
      await server.close();
    }
    await standIn?.stop();
  });

  it.each(TOUR.map((step) => step.tool))("%s: same shape of answer, or the same refusal", (tool) => {
    expect(fake.outcomes[tool]).toEqual(real.outcomes[tool]);
  });

  it.each(["get_user_info (unknown)", "get_team_info (unknown)"])("%s: the same sentence", (name) => {
    expect(fake.outcomes[name]).toEqual(real.outcomes[name]);
  });

  it("the checks do what they are named for on the real proxy (so that agreeing means something)", () => {
    expect(realChecks["delete_key: a live key and an unknown one"]).toEqual({ deleted: ["<key deleted>"], not_found: ["sk-...none"] });
    expect(realChecks["create_team: the alias of another, in other case"]).toMatch(/^refused: Team checks-team1-\w+ already has the alias "Checks \w+" \("Checks \w+" differs only in case or spacing\)/);
    expect(realChecks["add_team_member: one on the team, one not"]).toMatchObject({ already_members: [`agree-ana-${run}`] });
    expect(realChecks["delete_model: a config-file model"]).toMatch(/^refused: Deployment "<config model id>" \("<model>"\) comes from the proxy's config file/);
    expect(realChecks["proxy_completion: a deployment without its credential"]).toMatch(/^refused: The deployment behind model "agree-broken-\w+" has no provider key/);
    expect(realChecks["get_key_info: a key past its expiry"]).toBe("expired");
  });

  it.each(ANSWER_CHECKS.map((check) => check.name))("%s: the same answer, or the same refusal", (name) => {
    expect(fakeChecks[name]).toEqual(realChecks[name]);
  });

  it("get_spend_logs, once LiteLLM has written its batch: the same shape of log rows", () => {
    expect(fake.spendLogs).toEqual(real.spendLogs);
    expect((real.spendLogs as { logs: unknown[] }).logs, "the real proxy logged the completion").toHaveLength(1);
  });
});
