// The operator's policy as the rules read it: what src/config/config.ts takes from the environment, and every
// rule below it (limits, ceilings, metadata, effects) is decided against. Only data, so each rule file can
// read it without importing another.

/** What the operator chose, as src/config/config.ts reads it from the environment. */
export interface ToolSelection {
  /** LITELLM_MCP_TOOLSETS; undefined means "default", or every tool when LITELLM_MCP_TOOLS names them one by one. */
  toolsets?: readonly string[];
  /** LITELLM_MCP_TOOLS: when set, only these tools are served. */
  tools?: readonly string[];
  /** LITELLM_MCP_DISABLED_TOOLS: never served, whatever else is set. */
  disabledTools: readonly string[];
  /** LITELLM_MCP_READ_ONLY: only tools annotated readOnlyHint are served. */
  readOnly: boolean;
}

/** The operator's limits, and (ToolSelection) which tools are served at all. */
export interface Policy extends ToolSelection {
  /** LITELLM_MCP_ALLOWED_MODELS: the only models a key may be granted; undefined means any. */
  allowedModels?: readonly string[];
  /** LITELLM_MCP_MAX_KEY_DURATION, as the operator wrote it and in seconds. */
  maxKeyDuration?: { text: string; seconds: number };
  /** LITELLM_MCP_ALLOW_NO_EXPIRY: whether a key may be minted without `duration` (never, if a maximum is set). */
  allowNoExpiry: boolean;
  /** LITELLM_MCP_MAX_BUDGET, in USD. Setting it also makes a budget required: no budget means unlimited spend. */
  maxBudget?: number;
  /** LITELLM_MCP_MAX_USER_BUDGET, in USD: a user's max_budget, and a member's budget inside a team. */
  maxUserBudget?: number;
  /** LITELLM_MCP_MAX_TEAM_BUDGET, in USD: a team's max_budget, shared by all its keys. */
  maxTeamBudget?: number;
  /** LITELLM_MCP_REQUIRE_BUDGET: a key must carry a `max_budget`, of any size. */
  requireBudget: boolean;
  /** LITELLM_MCP_METADATA_FIELDS: the only metadata fields a key, user or team may be given (src/policy/metadata.ts). */
  metadataFields: readonly string[];
}
