// Bodies shaped like LiteLLM 1.108.7's answers on its user, team, model, budget and daily-activity routes
// (captured from the real proxy, trimmed of columns no tool reads), for the per-toolset nock suites.

import { HASHED_TOKEN } from "./litellm-answers.ts";

/** A provider key as it sits in a deployment's parameters; no tool output may ever carry it. */
export const PROVIDER_KEY = "sk-provider-SECRET-7f00ba11";

/** A row of LiteLLM_UserTable as /user/info, /user/list and /user/update return it. */
export function userRow(overrides: Record<string, unknown> = {}) {
  return {
    user_id: "u-7",
    user_alias: null,
    team_id: null,
    sso_user_id: null,
    organization_id: null,
    teams: ["team-a"],
    user_role: "internal_user",
    max_budget: 20,
    spend: 0.5,
    user_email: "ana@example.com",
    models: ["mock-gpt"],
    metadata: {},
    max_parallel_requests: null,
    tpm_limit: null,
    rpm_limit: null,
    budget_duration: "30d",
    budget_reset_at: "2026-12-31T00:00:00Z",
    allowed_cache_controls: [],
    policies: [],
    model_spend: {},
    model_max_budget: {},
    created_at: "2026-12-01T15:03:27.832000Z",
    updated_at: "2026-12-01T15:03:27.832000Z",
    ...overrides,
  };
}

/** POST /user/new: the user's fields next to the key fields of the key it did not mint (auto_create_key false). */
export function newUser(body: Record<string, unknown>) {
  return {
    key_alias: null,
    duration: null,
    models: body.models ?? [],
    spend: 0,
    max_budget: body.max_budget ?? null,
    user_id: body.user_id ?? "3f6d1c2e-generated",
    team_id: null,
    metadata: body.metadata ?? {},
    budget_duration: body.budget_duration ?? null,
    key: "",
    key_name: null,
    expires: null,
    token: null,
    created_at: null,
    user_email: body.user_email ?? null,
    user_role: body.user_role ?? null,
    teams: null,
    user_alias: body.user_alias ?? null,
  };
}

const member = (user_id: string, role = "user") => ({ user_id, user_email: null, role });

/** A row of LiteLLM_TeamTable as /team/new answers it: LiteLLM makes the caller the first admin. */
export function teamRow(overrides: Record<string, unknown> = {}) {
  return {
    team_alias: "Platform",
    team_id: "team-a",
    organization_id: null,
    admins: [],
    members: [],
    members_with_roles: [member("default_user_id", "admin")],
    team_member_permissions: [],
    metadata: {},
    tpm_limit: null,
    rpm_limit: null,
    max_budget: 100,
    soft_budget: null,
    budget_duration: "30d",
    models: ["mock-gpt"],
    blocked: false,
    spend: 0,
    budget_reset_at: "2027-01-01T00:00:00Z",
    model_spend: {},
    model_max_budget: {},
    created_at: "2026-12-01T15:03:30.858000Z",
    updated_at: "2026-12-01T15:03:30.858000Z",
    ...overrides,
  };
}

/** POST /team/member_add: the team row after the change, the user rows touched and their memberships. */
export function membersAdded(users: { user_id: string; user_email?: string | null }[], budgetId: string | null = null) {
  return {
    ...teamRow({ members_with_roles: [member("default_user_id", "admin"), ...users.map((u) => ({ ...member(u.user_id), user_email: u.user_email ?? null }))] }),
    updated_users: users.map((u) => userRow({ user_id: u.user_id, user_email: u.user_email ?? null, teams: [], models: [], max_budget: null })),
    updated_team_memberships: users.map((u) => ({ user_id: u.user_id, team_id: "team-a", budget_id: budgetId, spend: 0, total_spend: 0 })),
  };
}

/** A row of LiteLLM_BudgetTable as the budget routes return it. */
export function budgetRow(overrides: Record<string, unknown> = {}) {
  return {
    budget_id: "b-standard",
    max_budget: 25,
    soft_budget: null,
    max_parallel_requests: null,
    tpm_limit: null,
    rpm_limit: 60,
    tpd_limit: null,
    model_max_budget: null,
    budget_duration: "30d",
    budget_reset_at: "2027-01-01T00:00:00Z",
    allowed_models: [],
    created_at: "2026-12-01T15:04:11.402000Z",
    created_by: "default_user_id",
    updated_at: "2026-12-01T15:04:11.402000Z",
    updated_by: "default_user_id",
    keys: null,
    end_users: null,
    team_membership: null,
    ...overrides,
  };
}

/**
 * POST /model/new and PATCH /model/{id}/update: the stored row. LiteLLM encrypts litellm_params with the
 * master key before answering; the provider key is planted in the clear here too, to prove no tool reads it.
 */
export function modelRow(name: string, id: string) {
  return {
    model_id: id,
    model_name: name,
    litellm_params: {
      model: "AvfQBv1JWFwBcNyd_rQKKRCwVSs-H6q7stZ9NSKVuyR3G3N5l1hpugOwtgLXKJabx6f8zPAf96RKAg==",
      api_key: PROVIDER_KEY,
      litellm_credential_name: "jOZh7DChe0qf_tb2V6feUjFDcYMnBAogQrKWMVXwFa0ZaVrAbHzh85TLa6cwBfE=",
      rpm: 60,
    },
    model_info: { id, db_model: false },
    blocked: false,
    created_at: "2026-12-01T15:05:44.264000Z",
    created_by: "default_user_id",
    updated_at: "2026-12-01T15:05:44.264000Z",
    updated_by: "default_user_id",
  };
}

const metrics = (spend: number, requests: number, tokens: number) => ({
  spend,
  prompt_tokens: tokens / 2,
  completion_tokens: tokens / 2,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
  total_tokens: tokens,
  successful_requests: requests,
  failed_requests: 0,
  api_requests: requests,
});

/** Spend of one key on one day: who owns it, which team, which model. */
export interface Spent {
  date: string;
  key: string;
  alias: string;
  user: string;
  email?: string;
  team: string | null;
  model: string;
  spend: number;
  requests: number;
  tokens: number;
}

/** GET /user/daily/activity/aggregated over some spend, broken down as LiteLLM does (by user, key and model group). */
export function dailyActivity(spent: Spent[], totalApiKeys?: number) {
  const dates = [...new Set(spent.map((s) => s.date))];
  const sum = (rows: Spent[]) => metrics(rows.reduce((a, r) => a + r.spend, 0), rows.reduce((a, r) => a + r.requests, 0), rows.reduce((a, r) => a + r.tokens, 0));
  const by = <K extends string>(rows: Spent[], key: (r: Spent) => K, meta: (r: Spent) => Record<string, unknown>) =>
    Object.fromEntries([...new Set(rows.map(key))].map((k) => [k, { metrics: sum(rows.filter((r) => key(r) === k)), metadata: meta(rows.find((r) => key(r) === k)!) }]));
  return {
    // LiteLLM lists the newest day first.
    results: dates.reverse().map((date) => {
      const day = spent.filter((s) => s.date === date);
      return {
        date,
        metrics: sum(day),
        breakdown: {
          mcp_servers: {},
          models: by(day, (r) => `openai/${r.model}`, () => ({})),
          model_groups: by(day, (r) => r.model, () => ({})),
          providers: by(day, () => "openai", () => ({})),
          endpoints: by(day, () => "/chat/completions", () => ({})),
          api_keys: by(day, (r) => r.key, (r) => ({ key_alias: r.alias, team_id: r.team, user_id: r.user, user_email: r.email ?? null, key_exists: true })),
          entities: by(day, (r) => r.user, (r) => ({ user_email: r.email ?? null, user_alias: null })),
        },
      };
    }),
    metadata: {
      total_spend: spent.reduce((a, r) => a + r.spend, 0),
      page: 1,
      total_pages: 1,
      has_more: false,
      api_key_limit: 1000,
      total_api_keys: totalApiKeys ?? new Set(spent.map((s) => s.key)).size,
    },
  };
}

export { HASHED_TOKEN };
