// Bodies shaped like the real LiteLLM proxy's answers, shared by the nock tests and the fake upstream.

import { KEY_ROUTES } from "../../src/policy/effects.ts";

// As LiteLLM 1.108.7 lists its config: extra fields for models its price map knows, "openai" as owner
// for every model whatever its provider.
export const modelList = {
  data: [
    { id: "mock-gpt", object: "model", created: 1677610602, owned_by: "openai", mode: "chat", max_input_tokens: 16385, max_output_tokens: 4096 },
    { id: "mock-claude", object: "model", created: 1677610602, owned_by: "openai" },
  ],
  object: "list",
};

/** The hash LiteLLM stores and returns in place of a key (`token`); the key routes accept it as the key. */
export const HASHED_TOKEN = "5e1b1f0c9b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e";

/** LiteLLM 1.108.7's route groups for a key_type: any key_type but "default" replaces the allowed_routes given. */
const KEY_TYPE_ROUTES: Record<string, string> = { llm_api: "llm_api_routes", management: "management_routes", read_only: "info_routes" };

/** The key_type and allowed_routes LiteLLM stores for a /key/generate body (its handle_key_type). */
export function keyRoutes(body: Record<string, unknown>): { key_type: string; allowed_routes: unknown[] } {
  const keyType = typeof body.key_type === "string" ? body.key_type : "default";
  const group = KEY_TYPE_ROUTES[keyType];
  return { key_type: keyType, allowed_routes: group ? [group] : Array.isArray(body.allowed_routes) ? body.allowed_routes : [] };
}

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
    ...keyRoutes(body),
    token: HASHED_TOKEN,
    token_id: HASHED_TOKEN,
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
    // Minted by generate_key: limited to its exact routes.
    key_type: "default",
    allowed_routes: [...KEY_ROUTES],
    // 1.108.7 keeps a deleted key's row: "deleted", with deleted_at, is the only sign it no longer works.
    status: "active",
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

// Recorded from LiteLLM 1.108.7 started without DATABASE_URL: each key route words it differently.
export const noDatabase = {
  "/key/generate": {
    error: {
      message:
        "{'error': 'DB not connected. This endpoint needs a database; set DATABASE_URL to a PostgreSQL connection string (postgresql://...) to enable it. See https://docs.litellm.ai/docs/proxy/virtual_keys'}",
      type: "internal_server_error",
      param: null,
      code: "500",
    },
  },
  "/key/info": {
    error: {
      message: "Database not connected. Connect a database to your proxy - https://docs.litellm.ai/docs/simple_proxy#managing-auth---virtual-keys",
      type: "internal_server_error",
      param: null,
      code: "500",
    },
  },
} as const;

/**
 * What LiteLLM 1.108.7 without a database and without the `prisma` Python package answers key routes with
 * (HTTP 500, text/plain; charset=utf-8): its error handler crashed on `import prisma`.
 */
export const crashedWithoutPrisma = "Internal Server Error";

/** What a proxy without a database answers to any key that is not its master key (HTTP 400). */
export const unknownKeyWithoutDatabase = {
  error: { message: "No connected db.", type: "no_db_connection", param: null, code: "400" },
};

/**
 * An unknown key as earlier releases refused it, echoing fragments of the key (kept for the redaction tests;
 * 1.108.7 answers keyNotFound below instead, without any of the key).
 */
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

/** LiteLLM 1.108.7's answer to a virtual key calling a model outside its list (HTTP 403), as recorded. */
export function modelNotAllowed(model: string) {
  return {
    error: {
      message: `The requested model '${model}' is not available for this API key, or the model name is invalid. Check the models available to you and try again.`,
      type: "key_model_access_denied",
      param: "model",
      code: "403",
    },
  };
}

/** LiteLLM 1.108.7's answer to a model that is not in its config (HTTP 400), as recorded. */
export function unknownModel(model: string) {
  return {
    error: {
      message: `/chat/completions: Invalid model name passed in model=${model}. Call \`/v1/models\` to view available models for your key.`,
      type: "invalid_request_error",
      param: null,
      code: "400",
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

// Recorded from LiteLLM 1.108.7 with its database (the litellm-db kit), except where said otherwise.

/** A completion on a key whose max_budget its spend has passed (HTTP 422). */
export const budgetExceeded = {
  error: {
    message: "Budget has been exceeded! Key=key (sk-...q5xw) Current cost: 3.550000000000027e-05, Max budget: 1e-07",
    type: "budget_exceeded",
    param: null,
    code: "422",
  },
};

/** A completion on a blocked key (HTTP 401). */
export const keyBlocked = {
  error: { message: "Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.", type: "auth_error", param: "None", code: "401" },
};

/** A completion on a key LiteLLM does not have, e.g. one deleted (HTTP 401). */
export const keyNotFound = {
  error: { message: "Authentication Error, Invalid API key provided.", type: "token_not_found_in_db", param: "key", code: "401" },
};

/** /key/delete of keys or aliases it does not have (HTTP 404): a Python dict's repr as the message. */
export const noKeysFound = { error: { message: "{'error': 'No keys found'}", type: "internal_server_error", param: null, code: "404" } };

/** /key/info of an unknown key (HTTP 404). */
export const keyInfoNotFound = { error: { message: "Key not found in database", type: "not_found_error", param: "key", code: "404" } };

/** /team/info of an unknown team (HTTP 404). */
export const teamNotFound = (teamId: string) => ({
  error: { message: `{'message': 'Team not found, passed team id: ${teamId}.'}`, type: "auth_error", param: "None", code: "404" },
});

/** Admin key routes while PostgreSQL is down under a running LiteLLM (HTTP 503). */
export const databaseUnreachable = {
  error: {
    message: "Service Unavailable, the authentication database is temporarily unreachable. Please retry shortly.",
    type: "no_db_connection",
    param: "None",
    code: "503",
  },
};

/** /health/readiness while PostgreSQL is down under a running LiteLLM (HTTP 503): the public probe's report. */
export const readinessDisconnected = { status: "healthy", db: "disconnected" };

/** /health/readiness of 1.108.7 with its database: the public probe says no more than this. */
export const readinessConnected = { status: "healthy", db: "connected" };

/** /health?model= for a name with no deployment (HTTP 503). */
export const healthOfNothing = { healthy_endpoints: [], unhealthy_endpoints: [], healthy_count: 0, unhealthy_count: 0 };

// Recorded from LiteLLM 1.108.7 without a database (the live suite's proxy).

/** /spend/logs/v2: HTTP 401, although the master key was accepted; the handler has no ORM client. */
export const spendLogsNoDatabase = { error: { message: "Prisma Client is not initialized", type: "internal_error", param: "None", code: "401" } };

/** /key/block and /key/unblock: the handler raised "DB not connected", which LiteLLM's last-resort handler hides (HTTP 500). */
export const unhandledServerError = { error: { message: "Internal server error", type: "internal_server_error" } };

/** A completion through a deployment whose credential LiteLLM does not have (HTTP 500, after about 5 s). */
export const missingCredentials = (model: string) => ({
  error: {
    message: `litellm.InternalServerError: InternalServerError: OpenAIException - Missing credentials. Please pass an \`api_key\`, \`workload_identity\`, \`admin_api_key\`, or set the \`OPENAI_API_KEY\` or \`OPENAI_ADMIN_KEY\` environment variable.\n\nLiteLLM: model group '${model}' failed with the error above. No fallback was attempted.`,
    type: "internal_server_error",
    param: null,
    code: "500",
  },
});
