// Property-based fuzzing of every tool's arguments (fast-check): wrong types, missing and extra fields,
// huge strings, unicode, nested junk, planted secrets. Every call must end in an isError result or a valid
// call — never a crash or an internal error, never an upstream request for input the schema or the policy
// refuses, never the master key in the result.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifest } from "../../src/manifest/index.ts";
import { redact } from "../../src/redact.ts";
import { CANARY_CALLER_KEY } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY, connect, textOf, type Connected } from "../support/connect.ts";
import { HEALTHY_ANSWERS, HealthyState, routeKey, routeOf } from "../support/healthy-litellm.ts";
import { HASHED_TOKEN } from "../support/litellm-admin-answers.ts";
import { chatCompletion } from "../support/litellm-answers.ts";
import { dailyActivity } from "../support/litellm-management-answers.ts";

// 400 cases for every tool of every toolset: 14,400 a run for 36 tools (at least 10,000 in all are asked for).
const RUNS_PER_TOOL = 400;
const POLICY = {
  LITELLM_MCP_ALLOWED_MODELS: "mock-gpt,mock-claude",
  LITELLM_MCP_MAX_BUDGET: "50",
  LITELLM_MCP_MAX_USER_BUDGET: "20",
  LITELLM_MCP_MAX_TEAM_BUDGET: "100",
  LITELLM_MCP_MAX_KEY_DURATION: "30d",
  // Free-form fields the fuzzer's metadata may hit (any other is refused).
  LITELLM_MCP_METADATA_FIELDS: "a,purpose,ticket",
};

let bridge: Connected;
let upstreamRequests = 0;
const errorLogs: string[] = [];
/** Every result, cut to its first 1,000 characters, for the run-wide canary scan (each is also checked in full here). */
const emitted: string[] = [];
const tally: Record<string, { cases: number; valid: number; schemaRefused: number; policyRefused: number; otherErrors: number }> = {};

/** A healthy LiteLLM, with the master key planted in what it says, to prove the bridge redacts it. */
const ANSWERS: typeof HEALTHY_ANSWERS = {
  ...HEALTHY_ANSWERS,
  "POST /chat/completions": () => chatCompletion("mock-gpt", `Hello ${CANARY_MASTER_KEY}`),
  "GET /user/daily/activity/aggregated": () =>
    dailyActivity([{ date: "2026-12-01", key: HASHED_TOKEN, alias: CANARY_MASTER_KEY, user: "u-7", team: null, model: "mock-gpt", spend: 0.1, requests: 1, tokens: 10 }]),
};
/** Requests per route ("METHOD /template"): a tool's own operation, apart from the reads it makes around it. */
const requestsTo = new Map<string, number>();
/** Requests the stand-in could not place: an unknown route, or a credential the route's tool should not send. */
const strayRequests: string[] = [];
const credentialOf: Record<string, string> = Object.fromEntries(manifest.map((t) => [routeKey(t), t.credential]));

/** What the healthy LiteLLM remembers of the writes it answered, so that reads after a write agree with it. */
const state = new HealthyState();

/** A healthy LiteLLM in a function: answers every route as the real proxy would, and counts requests. */
async function healthyLiteLLM(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  upstreamRequests++;
  const request = new Request(input, init);
  const url = new URL(request.url);
  const route = routeOf(manifest, request.method, url.pathname);
  requestsTo.set(route, (requestsTo.get(route) ?? 0) + 1);
  const body = request.method === "POST" || request.method === "PATCH" ? ((await request.json()) as Record<string, unknown>) : {};
  const answer = ANSWERS[route];
  const authorization = request.headers.get("authorization");
  const credential = credentialOf[route];
  if (!answer) strayRequests.push(`unknown route ${route}`);
  else if (credential === "none" ? authorization !== null : credential === "master" ? authorization !== `Bearer ${CANARY_MASTER_KEY}` : !authorization)
    strayRequests.push(`${route} sent the wrong credential for "${credential}"`);
  if (!answer) return new Response(JSON.stringify({ detail: "Not Found" }), { status: 404, headers: { "content-type": "application/json" } });
  return new Response(JSON.stringify(answer(body, url.searchParams, state)), { status: 200, headers: { "content-type": "application/json" } });
}

beforeAll(async () => {
  bridge = await connect({ ...POLICY, LITELLM_MCP_TOOLSETS: "all" }, { fetch: healthyLiteLLM, log: (level, message) => level === "error" && errorLogs.push(message) });
});
afterAll(async () => {
  await bridge.close();
  capture("fuzz", ...errorLogs, ...emitted);
  const cases = Object.values(tally).reduce((sum, t) => sum + t.cases, 0);
  console.log(`fuzz: ${cases} cases, upstream requests ${upstreamRequests}, internal errors logged ${errorLogs.length}\n${JSON.stringify(tally, null, 1)}`);
});

// ---- arbitraries: values near what each field accepts, mixed with junk of every JSON type ----

const junk = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 0, -1, 1e308, -0.5, true, "", [], {}, [[]], { a: { b: { c: {} } } }) },
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("\u0000", "\u202e\u202d", "🦙🔑", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "'; DROP TABLE keys; --", "../../etc/passwd", "%s%n", "__proto__", "constructor"),
  // Huge strings, cheaply: repeat a seed rather than draw a million characters.
  fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 10_000, max: 1_000_000 })).map(([seed, n]) => seed.repeat(Math.ceil(n / seed.length))),
  // The master key, pasted in anywhere (the canary caller key appears only as proxy_completion's "key":
  // elsewhere it is just text the caller typed, and echoing that back is no leak).
  fc.constantFrom(CANARY_MASTER_KEY, CANARY_MASTER_KEY.slice(0, 12), `Bearer ${CANARY_MASTER_KEY}`, "sk-pasted-virtual-key-0000"),
);
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: text });
const model = fc.oneof(fc.constantFrom("mock-gpt", "mock-claude", "gpt-4o"), text);
const duration = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constantFrom("s", "m", "h", "d", "w", "mo")).map(([n, unit]) => `${n}${unit}`),
  fc.constantFrom("30d", "31d", "1mo", "forever", "-1d", "1.5h", "99999999999999999999d"),
);
const budget = fc.oneof(fc.double({ min: -10, max: 200, noNaN: true }), fc.constantFrom(0, 50, 50.0001, Number.MAX_SAFE_INTEGER));
const message = fc.record({ role: fc.oneof(fc.constantFrom("system", "user", "assistant", "tool", "developer"), text), content: maybe(text) }, { requiredKeys: [] });
const extras = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("spend", "key_type", "__proto__", "permissions", "api_key")), junk, { maxKeys: 3 });

/**
 * Well-formed records (every required field present, values drawn from pools that straddle the policy's
 * limits), near-valid ones (any field missing, wrong or extra), and pure junk objects.
 */
function argumentsFor(fields: Record<string, fc.Arbitrary<unknown>>, wellFormed: fc.Arbitrary<Record<string, unknown>> = fc.constant({})) {
  const near = fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extras }))
    .map(([known, extra]) => ({ ...extra, ...known }));
  const noise = fc.dictionary(fc.string(), junk, { maxKeys: 6 });
  // JSON on the wire: what a client can actually send (no undefined, NaN or Infinity).
  return fc.oneof({ weight: 2, arbitrary: wellFormed }, { weight: 4, arbitrary: near }, { weight: 1, arbitrary: noise }).map((args) => JSON.parse(JSON.stringify(args)) as Record<string, unknown>);
}

const ARGUMENTS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  generate_key: argumentsFor({
    models: maybe(fc.array(model, { maxLength: 4 })),
    user_id: maybe(text),
    team_id: maybe(fc.oneof(text, fc.constant(null))),
    duration: maybe(duration),
    key_alias: maybe(text),
    max_budget: maybe(budget),
    metadata: maybe(fc.dictionary(fc.string(), junk, { maxKeys: 4 })),
  }, fc.record(
    { models: fc.array(fc.constantFrom("mock-gpt", "mock-claude", "gpt-4o"), { minLength: 1, maxLength: 3 }), user_id: text, duration, max_budget: budget, key_alias: text },
    { requiredKeys: ["models", "user_id", "duration", "max_budget"] },
  )),
  get_key_info: argumentsFor({ key: maybe(text) }, fc.record({ key: text })),
  list_models: argumentsFor({}),
  proxy_completion: argumentsFor({
    model: maybe(model),
    messages: maybe(fc.array(message, { maxLength: 4 })),
    key: maybe(fc.oneof(fc.constant(CANARY_CALLER_KEY), text)),
    max_tokens: maybe(fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double())),
    temperature: maybe(fc.double({ min: -1, max: 3, noNaN: true })),
  }, fc.record(
    {
      model,
      messages: fc.array(fc.record({ role: fc.constantFrom("system", "user", "assistant"), content: text }), { minLength: 1, maxLength: 3 }),
      key: fc.oneof(fc.constant(CANARY_CALLER_KEY), text),
      max_tokens: fc.integer({ min: 1, max: 4096 }),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    },
    { requiredKeys: ["model", "messages", "key"] },
  )),
  block_key: argumentsFor({ key: maybe(text) }, fc.record({ key: text })),
  unblock_key: argumentsFor({ key: maybe(text) }, fc.record({ key: text })),
  update_key: argumentsFor({
    key: maybe(text),
    models: maybe(fc.array(model, { maxLength: 4 })),
    max_budget: maybe(budget),
    budget_duration: maybe(duration),
    duration: maybe(duration),
    key_alias: maybe(text),
    metadata: maybe(fc.dictionary(fc.string(), junk, { maxKeys: 4 })),
    blocked: maybe(fc.boolean()),
  }, fc.record(
    { key: text, models: fc.array(fc.constantFrom("mock-gpt", "mock-claude", "gpt-4o"), { minLength: 1, maxLength: 3 }), max_budget: budget, duration, budget_duration: duration, blocked: fc.boolean() },
    { requiredKeys: ["key"] },
  )),
  delete_key: argumentsFor(
    { keys: maybe(fc.array(text, { maxLength: 60 })), key_aliases: maybe(fc.array(text, { maxLength: 60 })) },
    fc.oneof(fc.record({ keys: fc.array(text, { minLength: 1, maxLength: 5 }) }), fc.record({ key_aliases: fc.array(text, { minLength: 1, maxLength: 5 }) })),
  ),
  regenerate_key: argumentsFor({ key: maybe(text), grace_period: maybe(duration) }, fc.record({ key: text, grace_period: duration }, { requiredKeys: ["key"] })),
  list_keys: argumentsFor({
    user_id: maybe(text),
    team_id: maybe(text),
    key_alias: maybe(text),
    page: maybe(fc.oneof(fc.integer({ min: -2, max: 1_000 }), fc.double())),
    size: maybe(fc.oneof(fc.integer({ min: -2, max: 100 }), fc.double())),
  }, fc.record({ user_id: text, team_id: text, key_alias: text, page: fc.integer({ min: 1, max: 100 }), size: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: [] })),
  get_user_info: argumentsFor({ user_id: maybe(text) }, fc.record({ user_id: text })),
  get_team_info: argumentsFor({ team_id: maybe(text) }, fc.record({ team_id: text })),
  get_spend_logs: (() => {
    const date = fc.oneof(
      fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
      fc.constantFrom("2026-13-45", "2026-11-01 25:61:61", "yesterday", "2026/11/01"),
      text,
    );
    return argumentsFor({
      start_date: maybe(date),
      end_date: maybe(date),
      key: maybe(text),
      user_id: maybe(text),
      team_id: maybe(text),
      model: maybe(model),
      page: maybe(fc.integer({ min: -2, max: 1_000 })),
      page_size: maybe(fc.integer({ min: -2, max: 100 })),
    }, fc.record(
      { start_date: date, end_date: date, key: text, user_id: text, model, page: fc.integer({ min: 1, max: 100 }), page_size: fc.integer({ min: 1, max: 50 }) },
      { requiredKeys: ["start_date", "end_date"] },
    ));
  })(),
  get_model_info: argumentsFor({ model: maybe(model) }, fc.record({ model }, { requiredKeys: [] })),
  check_health: argumentsFor({}),
  check_model_health: argumentsFor({ model: maybe(model) }, fc.record({ model })),
  reset_key_spend: argumentsFor(
    { key: maybe(fc.oneof(fc.constant(CANARY_CALLER_KEY), text)), reset_to: maybe(budget) },
    fc.record({ key: fc.oneof(fc.constant(HASHED_TOKEN), text), reset_to: budget }),
  ),
  ...(() => {
    const role = fc.oneof(fc.constantFrom("internal_user", "internal_user_viewer", "proxy_admin", "proxy_admin_viewer"), text);
    const models = fc.array(fc.constantFrom("mock-gpt", "mock-claude", "gpt-4o"), { minLength: 1, maxLength: 3 });
    const person = {
      user_id: maybe(text),
      user_email: maybe(text),
      user_alias: maybe(text),
      user_role: maybe(role),
      models: maybe(fc.array(model, { maxLength: 4 })),
      max_budget: maybe(budget),
      budget_duration: maybe(duration),
      metadata: maybe(fc.dictionary(fc.string(), junk, { maxKeys: 4 })),
    };
    const wellFormedPerson = fc.record({ user_id: text, user_role: role, models, max_budget: budget, budget_duration: duration }, { requiredKeys: ["user_id"] });
    return {
      create_user: argumentsFor(person, wellFormedPerson),
      update_user: argumentsFor(person, wellFormedPerson),
      delete_user: argumentsFor({ user_ids: maybe(fc.array(text, { maxLength: 25 })) }, fc.record({ user_ids: fc.array(text, { minLength: 1, maxLength: 5 }) })),
      list_users: argumentsFor(
        { team_id: maybe(text), role: maybe(role), search: maybe(text), page: maybe(fc.integer({ min: -2, max: 1_000 })), page_size: maybe(fc.integer({ min: -2, max: 120 })) },
        fc.record({ team_id: text, search: text, page: fc.integer({ min: 1, max: 100 }), page_size: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: [] }),
      ),
    };
  })(),
  ...(() => {
    const models = fc.array(fc.constantFrom("mock-gpt", "mock-claude", "gpt-4o"), { minLength: 1, maxLength: 3 });
    const team = {
      team_id: maybe(text),
      team_alias: maybe(text),
      models: maybe(fc.array(model, { maxLength: 4 })),
      max_budget: maybe(budget),
      budget_duration: maybe(duration),
      metadata: maybe(fc.dictionary(fc.string(), junk, { maxKeys: 4 })),
      blocked: maybe(fc.boolean()),
    };
    const wellFormedTeam = fc.record({ team_id: text, team_alias: text, models, max_budget: budget, budget_duration: duration }, { requiredKeys: ["team_id", "team_alias"] });
    const member = fc.oneof(fc.record({ user_id: text }), fc.record({ user_email: text }), fc.record({ user_id: text, role: fc.constantFrom("admin", "user") }), junk);
    return {
      create_team: argumentsFor(team, wellFormedTeam),
      update_team: argumentsFor(team, wellFormedTeam),
      delete_team: argumentsFor({ team_ids: maybe(fc.array(text, { maxLength: 25 })) }, fc.record({ team_ids: fc.array(text, { minLength: 1, maxLength: 5 }) })),
      list_teams: argumentsFor(
        { user_id: maybe(text), team_alias: maybe(text), page: maybe(fc.integer({ min: -2, max: 1_000 })), page_size: maybe(fc.integer({ min: -2, max: 120 })) },
        fc.record({ user_id: text, team_alias: text, page: fc.integer({ min: 1, max: 100 }), page_size: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: [] }),
      ),
      add_team_member: argumentsFor(
        { team_id: maybe(text), members: maybe(fc.array(member, { maxLength: 25 })), max_budget_in_team: maybe(budget), budget_duration: maybe(duration) },
        fc.record(
          { team_id: text, members: fc.array(fc.oneof(fc.record({ user_id: text }), fc.record({ user_email: text })), { minLength: 1, maxLength: 5 }), max_budget_in_team: budget, budget_duration: duration },
          { requiredKeys: ["team_id", "members"] },
        ),
      ),
      remove_team_member: argumentsFor(
        { team_id: maybe(text), user_id: maybe(text), user_email: maybe(text) },
        fc.oneof(fc.record({ team_id: text, user_id: text }), fc.record({ team_id: text, user_email: text })),
      ),
    };
  })(),
  ...(() => {
    const secrets = { api_key: maybe(fc.constantFrom("sk-provider-SECRET-123456", CANARY_MASTER_KEY)), api_base: maybe(text), litellm_params: maybe(junk) };
    const rate = maybe(fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double()));
    return {
      add_model: argumentsFor(
        { model_name: maybe(model), model: maybe(text), litellm_credential_name: maybe(text), rpm: rate, tpm: rate, ...secrets },
        fc.record({ model_name: model, model: fc.constantFrom("openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest"), litellm_credential_name: text, rpm: fc.integer({ min: 1, max: 1_000 }) }, { requiredKeys: ["model_name", "model", "litellm_credential_name"] }),
      ),
      update_model: argumentsFor(
        { model_id: maybe(text), litellm_credential_name: maybe(text), rpm: rate, tpm: rate, ...secrets },
        fc.record({ model_id: text, litellm_credential_name: text, tpm: fc.integer({ min: 1, max: 100_000 }) }, { requiredKeys: ["model_id"] }),
      ),
      delete_model: argumentsFor({ model_id: maybe(text) }, fc.record({ model_id: text })),
    };
  })(),
  ...(() => {
    const limits = { max_budget: maybe(budget), budget_duration: maybe(duration), tpm_limit: maybe(fc.integer({ min: -5, max: 100_000 })), rpm_limit: maybe(fc.integer({ min: -5, max: 10_000 })) };
    const wellFormed = fc.record({ budget_id: text, max_budget: budget, budget_duration: duration, rpm_limit: fc.integer({ min: 1, max: 1_000 }) }, { requiredKeys: ["budget_id"] });
    return {
      list_budgets: argumentsFor({}),
      get_budget: argumentsFor({ budget_ids: maybe(fc.array(text, { maxLength: 25 })) }, fc.record({ budget_ids: fc.array(text, { minLength: 1, maxLength: 5 }) })),
      create_budget: argumentsFor({ budget_id: maybe(text), ...limits }, wellFormed),
      update_budget: argumentsFor({ budget_id: maybe(text), ...limits }, wellFormed),
      delete_budget: argumentsFor({ budget_id: maybe(text) }, fc.record({ budget_id: text })),
    };
  })(),
  get_usage_report: (() => {
    const day = fc.oneof(
      fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.constantFrom("2026-02-30", "2026-13-01", "yesterday", "2026/12/01"),
      text,
    );
    return argumentsFor(
      { start_date: maybe(day), end_date: maybe(day), group_by: maybe(fc.oneof(fc.constantFrom("user", "team", "key", "model", "org"), text)), user_id: maybe(text), key: maybe(fc.oneof(fc.constant(CANARY_CALLER_KEY), text)) },
      fc.record({ start_date: day, end_date: day, group_by: fc.constantFrom("user", "team", "key", "model"), user_id: text, key: text }, { requiredKeys: ["start_date", "end_date", "group_by"] }),
    );
  })(),
};

describe.each(manifest.map((tool) => [tool.name, tool] as const))("%s", (name, tool) => {
  it(`${RUNS_PER_TOOL} generated argument sets: isError or a valid call, never a crash, a stray request or a leak`, async () => {
    const arbitrary = ARGUMENTS[name];
    expect(arbitrary, `no fuzz arguments for ${name}: add them here`).toBeDefined();
    const counts = (tally[name] = { cases: 0, valid: 0, schemaRefused: 0, policyRefused: 0, otherErrors: 0 });
    await fc.assert(
      fc.asyncProperty(arbitrary!, async (args) => {
        counts.cases++;
        const own = routeKey(tool);
        const [before, ownBefore] = [upstreamRequests, requestsTo.get(own) ?? 0];
        const result = await bridge.call(name, args);
        const [sent, ownSent] = [upstreamRequests - before, (requestsTo.get(own) ?? 0) - ownBefore];
        const output = JSON.stringify(result);
        emitted.push(output.slice(0, 1_000));
        const said = result.isError ? textOf(result) : "";

        expect(said).not.toMatch(/internal error/);
        // An error sends nothing of its own operation; a success sent it exactly once (the stand-in never fails).
        // A tool that reads LiteLLM's state around its write (its around.calls) may read first, and after; others send nothing else.
        expect(ownSent).toBe(result.isError ? 0 : 1);
        if (tool.aroundCalls.length === 0) expect(sent).toBe(ownSent);
        // The SDK drops a "__proto__" argument while parsing (a prototype-pollution guard), so the schema
        // judges what remains; the key itself is never sent (requests map fields one by one).
        const { ["__proto__"]: _dropped, ...judged } = Object.fromEntries(Object.entries(args));
        if (!tool.input.safeParse(judged).success) expect(result.isError).toBe(true);
        // The master key never comes back, whatever the arguments held; nor does the caller's own key (checked
        // for the realistic one: a generated "key" of a few letters would match field names in the JSON).
        const ownKey = tool.credential === "caller" && args.key === CANARY_CALLER_KEY ? CANARY_CALLER_KEY : undefined;
        expect(redact(output, [CANARY_MASTER_KEY, ownKey])).toBe(output);

        if (!result.isError) counts.valid++;
        else if (said.startsWith("Refused by policy")) counts.policyRefused++;
        else if (said.includes("-32602")) counts.schemaRefused++;
        else counts.otherErrors++;
      }),
      { numRuns: RUNS_PER_TOOL },
    );
    expect(errorLogs).toEqual([]);
    expect(strayRequests).toEqual([]);
  }, 120_000);
});
