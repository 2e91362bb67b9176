// Bodies shaped like the real LiteLLM proxy's answers, shared by the nock tests and the fake upstream.

export const modelList = {
  object: "list",
  data: [
    { id: "mock-gpt", object: "model", created: 1677610602, owned_by: "openai" },
    { id: "mock-claude", object: "model", created: 1677610602, owned_by: "openai" },
  ],
};

export function generatedKey(body: Record<string, unknown>) {
  return {
    key: "sk-minted-Ab12Cd34Ef56Gh78",
    key_name: "sk-...Gh78",
    key_alias: body.key_alias ?? null,
    expires: body.duration ? "2026-11-26T22:00:00.000000Z" : null,
    models: body.models ?? [],
    user_id: body.user_id ?? null,
    team_id: body.team_id ?? null,
    max_budget: body.max_budget ?? null,
    spend: 0,
    metadata: body.metadata ?? {},
    token: "5e1b1f0c9b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e",
    token_id: "5e1b1f0c9b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e",
    created_at: "2026-11-25T22:00:00.000000Z",
  };
}

export const keyInfo = {
  key: "sk-minted-Ab12Cd34Ef56Gh78",
  info: {
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
    max_parallel_requests: null,
    metadata: { purpose: "ci" },
    tpm_limit: null,
    rpm_limit: null,
    budget_duration: null,
    budget_reset_at: null,
    allowed_cache_controls: [],
    permissions: {},
    model_spend: {},
    model_max_budget: {},
    blocked: null,
    created_at: "2026-11-25T22:00:00+00:00",
  },
};

export function chatCompletion(model: string, text: string) {
  return {
    id: "chatcmpl-0b7c1d2e",
    created: 1764108000,
    model,
    object: "chat.completion",
    system_fingerprint: null,
    choices: [{ finish_reason: "stop", index: 0, message: { content: text, role: "assistant", tool_calls: null, function_call: null } }],
    usage: { completion_tokens: 5, prompt_tokens: 8, total_tokens: 13 },
  };
}

export const noDatabase = {
  error: { message: "No connected db.", type: "internal_server_error", param: "None", code: "500" },
};

export function invalidKey(received: string) {
  return {
    error: {
      message: `Authentication Error, Invalid proxy server token passed. Received API Key = ${received.slice(0, 3)}...${received.slice(-4)}, Key Hash (Token) =${"0".repeat(64)}. Unable to find token in cache or \`LiteLLM_VerificationTokenTable\``,
      type: "auth_error",
      param: "None",
      code: "401",
    },
  };
}

/** What a non-admin key gets from an admin-only route such as /user/list (LiteLLM's route check). */
export function onlyProxyAdmin(route: string) {
  return {
    error: {
      message: `Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=${route}. Your role=internal_user. Your user_id=us****er`,
      type: "auth_error",
      param: "None",
      code: "401",
    },
  };
}

/** /user/list from a proxy without a database: the master key passed the admin check, the handler failed. */
export const userListNoDatabase = { detail: { error: "No db connected. prisma client=None" } };

export const userList = { users: [], total: 0, page: 1, page_size: 1, total_pages: 0 };
