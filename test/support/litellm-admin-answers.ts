// Bodies shaped like the real LiteLLM proxy's answers on its key, user, team, spend, model and health
// routes, for the per-tool nock suites. Values are invented; field names and nesting are LiteLLM's.

import { HASHED_TOKEN, keyInfo } from "./litellm-answers.ts";

export { HASHED_TOKEN };

/**
 * A row of LiteLLM_VerificationToken as the key routes return it (the hash, never the key itself): the
 * same key /key/info describes, with the row's bookkeeping columns.
 */
export function keyRow(overrides: Record<string, unknown> = {}) {
  // Only /key/info says whether a key is deleted; the listing routes return live rows without the field.
  const { status: _status, ...info } = keyInfo.info;
  return {
    token: HASHED_TOKEN,
    ...info,
    budget_id: null,
    org_id: null,
    created_by: "default_user_id",
    updated_at: "2026-11-25T22:00:00+00:00",
    updated_by: "default_user_id",
    ...overrides,
  };
}

/** GET /user/info: the user's row, their keys (rows with hashed tokens) and their teams. */
export function userInfo(keyCount = 1, teamCount = 1, userId = "u-42") {
  return {
    user_id: userId,
    user_info: {
      user_id: userId,
      max_budget: 50,
      spend: 1.25,
      model_max_budget: {},
      model_spend: {},
      user_email: "dev@example.com",
      user_alias: null,
      models: [],
      tpm_limit: null,
      rpm_limit: null,
      user_role: "internal_user",
      organization_memberships: [],
      teams: ["team-a"],
      sso_user_id: null,
      budget_duration: "30d",
      budget_reset_at: "2026-12-25T00:00:00+00:00",
      metadata: {},
      created_at: "2026-10-01T09:00:00+00:00",
      updated_at: "2026-11-20T09:00:00+00:00",
    },
    keys: Array.from({ length: keyCount }, (_, i) => keyRow({ key_alias: `ci-bot-${i}` })),
    teams: Array.from({ length: teamCount }, (_, i) => ({
      team_id: `team-${i}`,
      team_alias: `Team ${i}`,
      members_with_roles: [{ user_id: "u-42", user_email: "dev@example.com", role: "user" }],
      models: [],
      spend: 0,
      max_budget: null,
      blocked: false,
    })),
  };
}

/** GET /team/info: the team's row (with members), its keys and the members' budgets. */
export function teamInfo(keyCount = 1, memberCount = 2, teamId = "team-a") {
  return {
    team_id: teamId,
    team_info: {
      team_alias: "Platform",
      team_id: teamId,
      organization_id: null,
      admins: [],
      members: [],
      members_with_roles: Array.from({ length: memberCount }, (_, i) => ({ user_id: `u-${i}`, user_email: `u${i}@example.com`, role: i === 0 ? "admin" : "user" })),
      metadata: {},
      tpm_limit: null,
      rpm_limit: 100,
      max_budget: 200,
      budget_duration: "30d",
      models: ["mock-gpt"],
      blocked: false,
      spend: 12.5,
      max_parallel_requests: null,
      budget_reset_at: "2026-12-25T00:00:00+00:00",
      model_id: null,
      litellm_model_table: null,
      created_at: "2026-09-01T09:00:00+00:00",
      updated_at: "2026-11-20T09:00:00+00:00",
    },
    keys: Array.from({ length: keyCount }, (_, i) => keyRow({ team_id: "team-a", key_alias: `team-key-${i}` })),
    team_memberships: [],
  };
}

/**
 * One LiteLLM_SpendLogs row as /spend/logs/v2 returns it (prompt and reply stored only when opted in). As in
 * LiteLLM 1.108.7, `model` is the deployment's provider model and `model_group` the name the caller used, and
 * the outcome is in the row's `status` while metadata.status stays null.
 */
export function spendLogRow(i = 0) {
  return {
    request_id: `chatcmpl-${i}`,
    call_type: "acompletion",
    api_key: HASHED_TOKEN,
    spend: 0.00042,
    total_tokens: 13,
    prompt_tokens: 8,
    completion_tokens: 5,
    startTime: "2026-11-25T22:00:00.000Z",
    endTime: "2026-11-25T22:00:01.000Z",
    completionStartTime: null,
    model: "openai/gpt-4o-mini",
    model_id: "0f3c",
    model_group: "mock-gpt",
    custom_llm_provider: "openai",
    api_base: "https://api.openai.com",
    user: "u-42",
    metadata: { user_api_key_alias: "ci-bot", user_api_key_team_id: null, status: null, spend_logs_metadata: null },
    cache_hit: "False",
    cache_key: "Cache OFF",
    request_tags: ["litellm-mcp", "tool:proxy_completion"],
    team_id: null,
    end_user: "",
    requester_ip_address: "",
    messages: [{ role: "user", content: "a prompt that must not come back" }],
    response: { choices: [{ message: { content: "a reply that must not come back" } }] },
    status: "success",
  };
}

/** One deployment as GET /model/info lists it; litellm_params can carry provider credentials. */
export function modelDeployment(name: string, id: string) {
  return {
    model_name: name,
    litellm_params: { model: "openai/gpt-4o-mini", api_key: "sk-provider-SECRET-123456", mock_response: "Hello from the mock model" },
    model_info: {
      id,
      db_model: false,
      key: "gpt-4o-mini",
      max_tokens: 16384,
      max_input_tokens: 128000,
      max_output_tokens: 16384,
      input_cost_per_token: 1.5e-7,
      output_cost_per_token: 6e-7,
      litellm_provider: "openai",
      mode: "chat",
      supports_function_calling: true,
      supports_vision: true,
    },
  };
}
