// What metadata the assistant may write on a key, user or team. LiteLLM reads dozens of metadata fields when
// it authenticates and routes a request, and acts on them: `temp_budget_increase` adds to a key's max_budget,
// `model_rpm_limit` sets rate limits, `guardrails` and `logging` change what happens to every call,
// `password_reset_required` locks a session, and each release adds more. A list of those (a denylist) is out
// of date the day LiteLLM ships another, and a spelling it lacks gets through. So the operator names the
// free-form fields the assistant may set (LITELLM_MCP_METADATA_FIELDS, an allowlist); every other field is
// refused, whatever its spelling or nesting. Naming a field LiteLLM is known to act on is allowed but said at
// start-up; the fields that raise a budget cannot be allowed while a budget ceiling is set.

import { ConfigError } from "../errors.js";
import type { Policy } from "./operator-policy.js";
import type { ArgumentRule } from "./limits.js";
import { TEXT_LIMITS } from "../litellm/text-limits.js";

/**
 * Metadata fields LiteLLM 1.108.7 acts on for keys, users and teams (LiteLLM_ManagementEndpoint_MetadataFields,
 * its premium list, and what its auth and logging paths read). Not the rule, which is the allowlist: only
 * what the start-up notice names and what config refuses under a budget ceiling.
 */
export const INTERPRETED_METADATA = [
  "model_rpm_limit", "model_tpm_limit", "model_itpm_limit", "model_otpm_limit", "default_estimated_output_tokens",
  "default_estimated_output_tokens_per_model", "mcp_rpm_limit", "tag_rpm_limit", "rpm_limit_type", "tpm_limit_type",
  "enforced_params", "temp_budget_increase", "temp_budget_expiry", "allowed_vector_store_indexes",
  "enforced_batch_output_expires_after", "enforced_file_expires_after", "throttle_on_budget_exceeded",
  "enable_prompt_caching", "end_user_budget_id", "require_trace_id", "disable_global_guardrails", "guardrails",
  "policies", "tags", "team_member_key_duration", "prompts", "logging", "secret_manager_settings",
  "allowed_passthrough_routes", "denied_passthrough_routes", "service_account_id", "password_reset_required",
  "spend_logs_metadata", "soft_budget_alerting_emails", "litellm_disabled_callbacks", "callback_settings",
  "opted_out_global_guardrails", "global_max_parallel_requests", "priority", "team_member_budget_id",
] as const;

/** Fields that raise what a key, user or team may spend: never allowed while a budget ceiling is set. */
const RAISES_BUDGET = ["temp_budget_increase", "temp_budget_expiry"];

/** LITELLM_MCP_METADATA_FIELDS, checked against the budget ceilings it could get around. */
export function metadataFieldsFrom(raw: readonly string[] | undefined, ceilings: { set: boolean; variables: string }): readonly string[] {
  const fields = raw ?? [];
  const raising = fields.filter((field) => RAISES_BUDGET.includes(field));
  if (raising.length > 0 && ceilings.set) {
    throw new ConfigError(
      `LITELLM_MCP_METADATA_FIELDS names ${raising.join(", ")}, which LiteLLM adds to a key's max_budget, while ${ceilings.variables} caps budgets: the cap would not hold. Take ${raising.length === 1 ? "it" : "them"} out of LITELLM_MCP_METADATA_FIELDS.`,
    );
  }
  return fields;
}

/** The start-up notice for allowed fields LiteLLM acts on, or undefined. */
export function metadataNotice(policy: Pick<Policy, "metadataFields">): string | undefined {
  const interpreted = policy.metadataFields.filter((field) => (INTERPRETED_METADATA as readonly string[]).includes(field));
  if (interpreted.length === 0) return undefined;
  return `LITELLM_MCP_METADATA_FIELDS lets the assistant write ${interpreted.join(", ")}, which LiteLLM acts on (limits, guardrails, logging or routing of every call with the key, user or team), not only stores.`;
}

/** Bytes of `value` as JSON, counted without recursion and given up once past `limit` (deep values cannot overflow). */
function jsonBytesOver(value: unknown, limit: number): boolean {
  let bytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === "string") bytes += Buffer.byteLength(item) + 2;
    else if (Array.isArray(item)) {
      bytes += 2 + item.length;
      pending.push(...item);
    } else if (typeof item === "object" && item !== null) {
      const entries = Object.entries(item);
      bytes += 2 + entries.length;
      for (const [key, child] of entries) {
        bytes += Buffer.byteLength(key) + 3;
        pending.push(child);
      }
    } else bytes += String(item).length;
    if (bytes > limit) return true;
  }
  return false;
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

export const metadataRule: ArgumentRule = {
  field: "metadata",
  given: (value, { policy: { metadataFields } }) => {
    if (typeof value !== "object" || value === null) return undefined;
    if (jsonBytesOver(value, TEXT_LIMITS.metadataBytes)) {
      return `metadata may take at most ${TEXT_LIMITS.metadataBytes} bytes as JSON: LiteLLM stores it whole and shows it in every answer about the key, user or team. Keep it short.`;
    }
    const refused = Object.keys(value).filter((field) => !metadataFields.includes(field));
    if (refused.length === 0) return undefined;
    const allowed = metadataFields.length > 0 ? `the fields the operator allows (${quoted(metadataFields)})` : "no field at all, since the operator allows none";
    return `Refused by policy: metadata may carry ${allowed}, and ${quoted(refused)} ${refused.length === 1 ? "is" : "are"} not among them. LiteLLM acts on many metadata fields (temp_budget_increase raises a budget, model_rpm_limit sets limits, guardrails and logging change every call), so only fields listed in LITELLM_MCP_METADATA_FIELDS are written. Leave ${refused.length === 1 ? "it" : "them"} out, or have the operator add ${refused.length === 1 ? "it" : "them"} to LITELLM_MCP_METADATA_FIELDS.`;
  },
  // null clears metadata: nothing LiteLLM could act on is left.
  unlimited: () => undefined,
  note: ({ policy: { metadataFields } }) =>
    metadataFields.length > 0 ? `metadata may carry only ${quoted(metadataFields)}` : "metadata is not accepted",
};
