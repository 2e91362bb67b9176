// Every environment variable the server reads, written once: what it governs, its default, a line for
// `--help` and the README's fuller meaning. src/config/config.ts takes its defaults from here, src/cli/help.ts
// prints it, scripts/docs/configuration.ts writes the README's configuration tables from it, and
// test/unit/config-variables.test.ts holds it to what src/ reads and to what an unset variable does.

import { TOOLSETS, toolsetNames } from "../policy/toolsets.js";

/** What a variable governs; --help prints the groups in this order, under these headings. */
export const GROUPS = {
  proxy: "The proxy",
  limits: "Timeouts, size and retries",
  policy: "Policy (checked before anything is sent to LiteLLM)",
  tools: "Which tools are offered",
  http: "--http only",
} as const;

export type Group = keyof typeof GROUPS;

export interface Variable {
  group: Group;
  /** The value an unset variable takes, as the operator would write it. */
  default?: string | number | boolean;
  /** Where there is no default value: what leaving it unset means ("any", "none", "all"). */
  unset?: string;
  /** For --help: short; a "\n" starts a continuation line (the default goes at the end of the first). */
  help: string;
  /** For the README's configuration tables, in Markdown. */
  meaning: string;
}

export const VARIABLES = {
  LITELLM_HOST: {
    group: "proxy",
    default: "http://localhost:4000",
    help: "proxy base URL",
    meaning: "Base URL of the LiteLLM proxy (a path prefix is kept).",
  },
  LITELLM_MASTER_KEY: {
    group: "proxy",
    help: "the proxy's master key, for the admin tools; never returned or logged",
    meaning: "The proxy's master key. Needed by every tool except `proxy_completion` (which uses the caller's key) and `check_health` (which uses none); without it the server still starts, lists its tools and runs those two, and the others answer with an error that says to set it. A value with spaces, control or non-ASCII characters stops the server at start.",
  },
  LITELLM_MCP_ADMIN_TIMEOUT_MS: {
    group: "limits",
    default: 15_000,
    help: "admin call timeout",
    meaning: "Timeout for admin calls.",
  },
  LITELLM_MCP_COMPLETION_TIMEOUT_MS: {
    group: "limits",
    default: 60_000,
    help: "completion timeout",
    meaning: "Timeout for completions.",
  },
  LITELLM_MCP_MAX_RESPONSE_BYTES: {
    group: "limits",
    default: 10 * 1024 * 1024,
    help: "largest answer read from LiteLLM",
    meaning: "Largest answer read from LiteLLM; reading stops there.",
  },
  LITELLM_MCP_RETRIES: {
    group: "limits",
    default: 2,
    help: "retries of read-only idempotent tools on HTTP 429/502/503; 0: none",
    meaning: "Retries of read-only idempotent tools (`get_key_info`, `list_models`) on HTTP 429/502/503; `0` turns them off. Tools that mint or spend never retry.",
  },
  LITELLM_MCP_RETRY_MAX_WAIT_MS: {
    group: "limits",
    default: 10_000,
    help: "longest single wait before a retry",
    meaning: "Longest single wait before a retry. Backoff starts at 250 ms and doubles; a `Retry-After` from LiteLLM is honoured, and one longer than this is not waited out (the call fails at once with LiteLLM's \"try again in N s\").",
  },
  LITELLM_MCP_ALLOWED_MODELS: {
    group: "policy",
    unset: "any",
    help: "comma list: the only models a key, user or team may be granted, or check_model_health test",
    meaning: "Comma list. A key minted, regenerated or updated, and a user or team created or updated, may be granted only models from it; an empty or missing `models` list (LiteLLM: every model) is refused. `add_model` may not add a deployment under one of these names, which would change what they reach. `check_model_health` may test only these (its calls are booked to no budget).",
  },
  LITELLM_MCP_MAX_KEY_DURATION: {
    group: "policy",
    unset: "none",
    help: "longest key lifetime, e.g. 30d; duration becomes required",
    meaning: "Longest a key stays valid from when it is issued, in LiteLLM's units (`30m`, `24h`, `30d`, `4w`, `1mo`; a month counts as 31 days). `generate_key` and `regenerate_key` must pass a `duration` within it, and `regenerate_key`'s `grace_period` (the old secret's extra life) may not be longer than that `duration`. `update_key` may not set `duration` at all: a new duration counts from now, so repeated updates would keep a key alive for ever (block or delete a key to end it sooner; mint a new one for more time).",
  },
  LITELLM_MCP_ALLOW_NO_EXPIRY: {
    group: "policy",
    default: false,
    help: "true lets generate_key omit duration",
    meaning: "Whether `generate_key` may omit `duration` (a key that never expires). By default it may not: the call is refused with a sentence saying to pass `duration`. Cannot be combined with a maximum duration.",
  },
  LITELLM_MCP_MAX_BUDGET: {
    group: "policy",
    unset: "none",
    help: "a key's largest max_budget in USD, and a budget's; a budget becomes required",
    meaning: "The most (USD) a key may spend in all: the largest `max_budget` a key may carry. Implies that a budget is required (no budget is unlimited spend), and refuses `budget_duration`, which resets a key's spend every period and would turn the maximum into an allowance per period, and `reset_key_spend` for the same reason. It also bounds a LiteLLM budget (keys hold budgets).",
  },
  LITELLM_MCP_MAX_USER_BUDGET: {
    group: "policy",
    unset: "none",
    help: "a user's largest max_budget in USD, and a team member's",
    meaning: "The same for a person: a user's `max_budget`, and a team member's own budget inside a team (`max_budget_in_team`). It also bounds a LiteLLM budget (LiteLLM makes one for each member's budget).",
  },
  LITELLM_MCP_MAX_TEAM_BUDGET: {
    group: "policy",
    unset: "none",
    help: "a team's largest max_budget in USD",
    meaning: "The same for a team: its `max_budget`, shared by all its keys. A team budget is not a key budget: `LITELLM_MCP_MAX_BUDGET` does not bound it.",
  },
  LITELLM_MCP_REQUIRE_BUDGET: {
    group: "policy",
    default: false,
    help: "true: every key, user, team, member and budget created carries one",
    meaning: "Every key, user, team, team member and budget the assistant creates must carry a budget, of any size.",
  },
  LITELLM_MCP_METADATA_FIELDS: {
    group: "policy",
    unset: "none",
    help: "comma list: the only metadata fields the assistant may write",
    meaning: "Comma list: the only `metadata` fields a key, user or team may be given (an allowlist; see [metadata](#metadata-an-allowlist)). Unset, `metadata` is refused. Naming a field LiteLLM acts on is said at start-up; `temp_budget_increase`/`temp_budget_expiry` cannot be named while a budget ceiling or `LITELLM_MCP_REQUIRE_BUDGET` is set.",
  },
  LITELLM_MCP_REQUIRE_CONFIRMATION: {
    group: "policy",
    default: false,
    help: "true: refuse deletions and blocking a team\nwhere the MCP client cannot ask the person first; false: they go unasked there",
    meaning: "The tools that [ask first](#asked-first) (deleting keys, users, teams, members, models and budgets, resetting a key's spend, blocking a team) are refused with a sentence where the MCP client cannot ask the person, instead of going ahead unasked. They stay listed: the list is the same for every client (it may be cached), and the refusal says what to do.",
  },
  LITELLM_MCP_TOOLSETS: {
    group: "tools",
    default: "default",
    help: `comma list of toolsets to offer\nof: ${toolsetNames().join(", ")}`,
    meaning: `Comma list of [toolsets](#tools) to offer: \`default\` (the default tools), \`all\`, or any of ${Object.keys(TOOLSETS).map((name) => `\`${name}\``).join(", ")}. An unknown name stops the server at start.`,
  },
  LITELLM_MCP_READ_ONLY: {
    group: "tools",
    default: false,
    help: "true: only tools annotated read-only",
    meaning: "Register only tools annotated `readOnlyHint: true`, of the toolsets offered: they read keys, users, teams, spend and models, and show no usable key.",
  },
  LITELLM_MCP_TOOLS: {
    group: "tools",
    unset: "all",
    help: "comma list: offer only these tools, from any toolset unless TOOLSETS is set",
    meaning: "Comma list: register only these tools (from any toolset when `LITELLM_MCP_TOOLSETS` is unset; otherwise only from the sets it names).",
  },
  LITELLM_MCP_DISABLED_TOOLS: {
    group: "tools",
    unset: "none",
    help: "comma list: never offer these tools",
    meaning: "Comma list: never register these tools (applied after `LITELLM_MCP_TOOLS`). What a disabled tool is for, no other tool may do: see below.",
  },
  LITELLM_MCP_AUTH: {
    group: "http",
    default: "master",
    help: "master, or caller\ncaller: hold no master key; every tool sends the LiteLLM key each\nrequest carries (Authorization: Bearer sk-...)",
    meaning: "`--http` only. `caller`: hold no master key; every tool sends the LiteLLM key each request carries as `Authorization: Bearer` ([caller mode](#caller-mode-one-endpoint-for-a-team-each-person-acting-as-themselves)). Cannot be combined with `LITELLM_MASTER_KEY` or `LITELLM_MCP_HTTP_TOKEN`.",
  },
  LITELLM_MCP_HTTP_TOKEN: {
    group: "http",
    help: "bearer token clients must send; required beyond loopback (not in caller mode)",
    meaning: "`--http` only: the bearer token every request must carry. Required (≥ 16 characters) for any bind address other than loopback, except in caller mode, where it cannot be set.",
  },
  LITELLM_MCP_HTTP_ALLOWED_HOSTS: {
    group: "http",
    help: "extra host names clients may use (comma-separated)",
    meaning: "`--http` only: extra host names (comma-separated) clients may reach this server by, e.g. the load balancer's name.",
  },
} as const satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;

/** The variables whose default is a T (a number, a boolean, a string). */
export type WithDefault<T> = { [K in VariableName]: (typeof VARIABLES)[K] extends { default: T } ? K : never }[VariableName];
