// What a healthy LiteLLM answers on every route the manifest uses, and one valid call per tool: the suites
// that walk the whole manifest (fuzzing, the fault matrix) share them, so a new tool needs one line in each
// map here and is then covered by both. A route or tool missing here fails those suites by name. What the
// writes that tools read back change (deletions, team members) is remembered in a HealthyState, so that
// a read after a write agrees with it as LiteLLM's would.

import { specInfo } from "../../generated/spec-info.ts";
import type { Tool } from "../../src/manifest/define-tool.ts";
import { keyHash } from "../../src/litellm/key-hash.ts";
import { CANARY_CALLER_KEY } from "./canary.ts";
import { HASHED_TOKEN, keyRow, modelDeployment, spendLogRow, teamInfo, userInfo } from "./litellm-admin-answers.ts";
import { chatCompletion, generatedKey, keyInfo, modelList } from "./litellm-answers.ts";
import { budgetRow, dailyActivity, membersAdded, modelRow, newUser, teamRow, userRow } from "./litellm-management-answers.ts";

type Body = Record<string, unknown>;

type Member = { user_id: string; user_email: string | null; role: string };

/** The writes a healthy LiteLLM has answered that later reads show: deleted keys and deployments, team members. */
export class HealthyState {
  /** Hashes of the keys deleted, and the aliases. */
  readonly deletedKeys = new Set<string>();
  readonly deletedAliases = new Set<string>();
  readonly deletedModels = new Set<string>();
  /** team-a's members, each with their budget in the team when they have one. */
  readonly members: (Member & { max_budget: number | null })[] = teamInfo().team_info.members_with_roles.map((m) => ({ ...m, max_budget: null }));
  private joined = 0;

  /** Deployments that still route: dep-1 added through the API, dep-2 from the config file. */
  deployments() {
    const all = [{ ...modelDeployment("mock-gpt", "dep-1"), model_info: { ...modelDeployment("mock-gpt", "dep-1").model_info, db_model: true } }, modelDeployment("mock-claude", "dep-2")];
    return all.filter((d) => !this.deletedModels.has(d.model_info.id));
  }

  addMembers(body: Body): { user_id: string; user_email: string | null }[] {
    const given = (Array.isArray(body.member) ? body.member : []) as { user_id?: string; user_email?: string }[];
    const budget = typeof body.max_budget_in_team === "number" ? body.max_budget_in_team : null;
    const added = given
      .filter((m) => !this.members.some((known) => (m.user_id ? known.user_id === m.user_id : known.user_email === m.user_email)))
      .map((m) => ({ user_id: m.user_id ?? `u-joined-${++this.joined}`, user_email: m.user_email ?? null }));
    this.members.push(...added.map((m) => ({ ...m, role: "user", max_budget: budget })));
    return added;
  }

  removeMember(body: Body): void {
    const at = this.members.findIndex((m) => (body.user_id ? m.user_id === body.user_id : m.user_email === body.user_email));
    if (at >= 0) this.members.splice(at, 1);
  }

  teamInfo(teamId?: string) {
    const info = teamInfo(1, 2, teamId);
    const members = this.members.map(({ max_budget: _budget, ...m }) => m);
    const memberships = this.members.map((m) => ({
      user_id: m.user_id,
      team_id: "team-a",
      budget_id: m.max_budget === null ? null : `budget-${m.user_id}`,
      spend: 0,
      litellm_budget_table: m.max_budget === null ? null : { max_budget: m.max_budget, budget_duration: null },
    }));
    return { ...info, team_info: { ...info.team_info, members_with_roles: members }, team_memberships: memberships };
  }

  /** GET /key/list: by exact alias (what delete_key reads), by a member's team keys (remove_team_member), or a page. */
  keyList(query: URLSearchParams) {
    const alias = query.get("key_alias");
    const [team, user] = [query.get("team_id"), query.get("user_id")];
    const rows =
      alias !== null && query.get("substring_matching") !== "true"
        ? this.deletedAliases.has(alias) ? [] : [keyRow({ key_alias: alias })]
        : team !== null && user !== null
          ? this.members.some((m) => m.user_id === user) ? [keyRow({ team_id: team, user_id: user })] : []
          : [keyRow()];
    return { keys: rows, total_count: rows.length, current_page: 1, total_pages: 1 };
  }
}

/** Answers keyed "METHOD /path" with the manifest's path templates (e.g. "POST /key/{key}/reset_spend"). */
export const HEALTHY_ANSWERS: Record<string, (body: Body, query: URLSearchParams, state: HealthyState) => unknown> = {
  "POST /key/generate": (body) => generatedKey(body),
  "GET /key/info": (_body, query, state) => {
    const key = query.get("key") ?? keyInfo.key;
    return { ...keyInfo, key, info: { ...keyInfo.info, ...(state.deletedKeys.has(keyHash(key)) ? { status: "deleted", deleted_at: "2026-12-01T10:00:00+00:00" } : {}) } };
  },
  "GET /models": () => modelList,
  "POST /chat/completions": (body) => chatCompletion(String(body.model), "Hello from a healthy LiteLLM"),
  "POST /key/block": () => keyRow({ blocked: true }),
  "POST /key/unblock": () => keyRow({ blocked: false }),
  "POST /key/update": () => ({ key: HASHED_TOKEN, token: HASHED_TOKEN, max_budget: 10, models: ["mock-gpt"], expires: "2026-12-02T22:00:00+00:00" }),
  "POST /key/delete": (body, _query, state) => {
    const [keys, aliases] = [(body.keys ?? []) as string[], (body.key_aliases ?? []) as string[]];
    for (const key of keys) state.deletedKeys.add(keyHash(key));
    for (const alias of aliases) state.deletedAliases.add(alias);
    return { deleted_keys: [...keys, ...aliases] };
  },
  // The regenerated row keeps the key's settings, its route limit among them.
  "POST /key/regenerate": (body) => ({ ...generatedKey({ allowed_routes: keyInfo.info.allowed_routes, models: keyInfo.info.models, ...body }), key: "sk-regenerated-Zz99Yy88", key_name: "sk-...Yy88" }),
  "GET /key/list": (_body, query, state) => state.keyList(query),
  "GET /user/info": (_body, query) => userInfo(1, 1, query.get("user_id") ?? undefined),
  "GET /team/info": (_body, query, state) => state.teamInfo(query.get("team_id") ?? undefined),
  "GET /spend/logs/v2": () => ({ data: [spendLogRow()], total: 1, page: 1, page_size: 20, total_pages: 1 }),
  // One deployment when asked by id (as add_model reads back the one it added), else all that still route.
  "GET /model/info": (_body, query, state) =>
    query.get("litellm_model_id") ? { data: [modelDeployment("gpt-4o", query.get("litellm_model_id")!)] } : { data: state.deployments() },
  "GET /health/readiness": () => ({ status: "healthy", db: "connected", cache: null, litellm_version: specInfo.litellmVersion }),
  "GET /health": () => ({ healthy_endpoints: [{ model: "openai/gpt-4o-mini", api_base: "https://api.openai.com" }], unhealthy_endpoints: [], healthy_count: 1, unhealthy_count: 0 }),
  "POST /key/{key}/reset_spend": () => ({ key_hash: HASHED_TOKEN, spend: 0, previous_spend: 1.5, max_budget: 10, budget_reset_at: null }),
  "POST /user/new": (body) => newUser(body),
  "POST /user/update": () => ({ user_id: "u-7", data: userRow() }),
  "POST /user/delete": (body) => (Array.isArray(body.user_ids) ? body.user_ids.length : 0),
  "GET /user/list": () => ({ users: [userRow()], total: 1, page: 1, page_size: 20, total_pages: 1 }),
  "POST /team/new": () => teamRow(),
  "POST /team/update": () => ({ team_id: "team-a", data: teamRow() }),
  "POST /team/delete": (body) => ({ deleted_teams: body.team_ids }),
  "GET /v2/team/list": () => ({ teams: [{ ...teamRow(), members_count: 1, keys_count: 0 }], total: 1, page: 1, page_size: 20, total_pages: 1 }),
  "POST /team/member_add": (body, _query, state) => membersAdded(state.addMembers(body)),
  "POST /team/member_delete": (body, _query, state) => {
    state.removeMember(body);
    return teamRow();
  },
  "POST /model/new": (body) => modelRow(String(body.model_name), String((body.model_info as { id?: unknown } | undefined)?.id)),
  "PATCH /model/{model_id}/update": () => modelRow("gpt-4o", "dep-1"),
  "POST /model/delete": (body, _query, state) => {
    state.deletedModels.add(String(body.id));
    return { message: `Model: ${String(body.id)} deleted successfully` };
  },
  // No tool's own route: add_model reads which credentials LiteLLM stores (names, masked values).
  "GET /credentials": () => ({ success: true, credentials: [{ credential_name: "openai-prod", credential_values: { api_key: "*****" }, credential_info: { custom_llm_provider: "openai" }, source: "db" }] }),
  "POST /budget/new": () => budgetRow(),
  "POST /budget/info": () => [budgetRow()],
  "GET /budget/list": () => [budgetRow()],
  "POST /budget/update": () => budgetRow(),
  "POST /budget/delete": () => budgetRow(),
  "GET /user/daily/activity/aggregated": () =>
    dailyActivity([{ date: "2026-12-01", key: HASHED_TOKEN, alias: "ci-bot", user: "u-7", team: "team-a", model: "mock-gpt", spend: 0.1, requests: 1, tokens: 10 }]),
};

/** A call each tool accepts, within the default policy (keys expire), that reaches LiteLLM. */
export const SAMPLE_CALLS: Record<string, Record<string, unknown>> = {
  generate_key: { models: ["mock-gpt"], user_id: "u-faults", duration: "1h" },
  get_key_info: { key: "sk-minted-Ab12Cd34Ef56Gh78" },
  list_models: {},
  proxy_completion: { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], key: CANARY_CALLER_KEY },
  block_key: { key: HASHED_TOKEN },
  unblock_key: { key: HASHED_TOKEN },
  update_key: { key: HASHED_TOKEN, max_budget: 5 },
  delete_key: { keys: [HASHED_TOKEN] },
  regenerate_key: { key: HASHED_TOKEN, duration: "1h" },
  list_keys: { user_id: "u-7" },
  get_user_info: { user_id: "u-7" },
  get_team_info: { team_id: "team-a" },
  get_spend_logs: { start_date: "2026-11-01", end_date: "2026-11-30" },
  get_model_info: {},
  check_health: {},
  check_model_health: { model: "mock-gpt" },
  reset_key_spend: { key: HASHED_TOKEN, reset_to: 0 },
  list_users: {},
  create_user: { user_id: "u-faults", models: ["mock-gpt"], max_budget: 5 },
  update_user: { user_id: "u-7", max_budget: 5 },
  delete_user: { user_ids: ["u-7"] },
  list_teams: {},
  create_team: { team_alias: "Faults", models: ["mock-gpt"], max_budget: 5 },
  update_team: { team_id: "team-a", max_budget: 5 },
  delete_team: { team_ids: ["team-a"] },
  add_team_member: { team_id: "team-a", members: [{ user_id: "u-7" }] },
  remove_team_member: { team_id: "team-a", user_id: "u-1" },
  add_model: { model_name: "gpt-4o", model: "openai/gpt-4o-mini", litellm_credential_name: "openai-prod" },
  update_model: { model_id: "dep-1", rpm: 10 },
  delete_model: { model_id: "dep-1" },
  list_budgets: {},
  get_budget: { budget_ids: ["b-standard"] },
  create_budget: { budget_id: "b-faults", max_budget: 5 },
  update_budget: { budget_id: "b-standard", max_budget: 5 },
  delete_budget: { budget_id: "b-standard" },
  get_usage_report: { start_date: "2026-11-25", end_date: "2026-12-01", group_by: "user" },
};

/** "METHOD /template" of a tool's operation, as HEALTHY_ANSWERS keys it. */
export function routeKey(tool: Tool): string {
  return `${tool.operation.method.toUpperCase()} ${tool.operation.path}`;
}

/** The manifest route a request went to: a template such as /key/{key}/reset_spend matches any segment there. */
export function routeOf(tools: readonly Tool[], method: string, pathname: string): string {
  const tool = tools.find(
    (t) => t.operation.method.toUpperCase() === method && new RegExp(`^${t.operation.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname),
  );
  return tool ? routeKey(tool) : `${method} ${pathname}`;
}
