// Bodies shaped like the real LiteLLM proxy's answers on its key, user, team, spend, model and health
// routes, for the per-tool nock suites. Values are invented; field names and nesting are LiteLLM's.

export const HASHED_TOKEN = "5e1b1f0c9b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e";

/** A row of LiteLLM_VerificationToken as the key routes return it (the hash, never the key itself). */
export function keyRow(overrides: Record<string, unknown> = {}) {
  return {
    token: HASHED_TOKEN,
    key_name: "sk-...Gh78",
    key_alias: "ci-bot",
    spend: 0.0123,
    max_budget: 5,
    expires: "2026-11-26T22:00:00+00:00",
    models: ["mock-gpt"],
    aliases: {},
    config: {},
    user_id: "u-42",
    team_id: null,
    permissions: {},
    max_parallel_requests: null,
    metadata: { purpose: "ci" },
    blocked: null,
    tpm_limit: null,
    rpm_limit: null,
    budget_duration: null,
    budget_reset_at: null,
    allowed_cache_controls: [],
    model_spend: {},
    model_max_budget: {},
    budget_id: null,
    org_id: null,
    created_at: "2026-11-25T22:00:00+00:00",
    created_by: "default_user_id",
    updated_at: "2026-11-25T22:00:00+00:00",
    updated_by: "default_user_id",
    ...overrides,
  };
}
