// Operator-set limits on what the assistant may do, checked before anything is sent to LiteLLM: which tools
// exist at all (applied by src/toolsets.ts), and what a call may ask for. Argument rules are keyed by
// argument name, not by tool, so any manifest tool that takes `models`, `duration` or `max_budget` is held
// to them without being named here.

import type { Tool } from "./define-tool.js";
import { PolicyError } from "./errors.js";
import { DURATION_PATTERN } from "./manifest/duration.js";

export interface Policy {
  /** LITELLM_MCP_ALLOWED_MODELS: the only models a key may be granted; undefined means any. */
  allowedModels?: readonly string[];
  /** LITELLM_MCP_MAX_KEY_DURATION, as the operator wrote it and in seconds. */
  maxKeyDuration?: { text: string; seconds: number };
  /** LITELLM_MCP_ALLOW_NO_EXPIRY: whether a key may be minted without `duration` (never, if a maximum is set). */
  allowNoExpiry: boolean;
  /** LITELLM_MCP_MAX_BUDGET, in USD. Setting it also makes a budget required: no budget means unlimited spend. */
  maxBudget?: number;
  /** LITELLM_MCP_REQUIRE_BUDGET: a key must carry a `max_budget`, of any size. */
  requireBudget: boolean;
  /** LITELLM_MCP_READ_ONLY: only tools annotated readOnlyHint are registered. */
  readOnly: boolean;
  /** LITELLM_MCP_TOOLSETS: the toolsets served (src/toolsets.ts); undefined means the default set. */
  toolsets?: readonly string[];
  /** LITELLM_MCP_TOOLS: when set, only these tools are registered. */
  tools?: readonly string[];
  /** LITELLM_MCP_DISABLED_TOOLS: never registered, whatever else is set. */
  disabledTools: readonly string[];
}

export const DEFAULT_POLICY: Policy = { allowNoExpiry: false, requireBudget: false, readOnly: false, disabledTools: [] };

// LiteLLM counts "mo" in calendar months; a month is taken at its longest so no limit can be exceeded by one.
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, mo: 31 * 86_400 };

/** Seconds in a LiteLLM duration such as "30m", "24h", "7d", "1mo"; undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const unit = DURATION_PATTERN.exec(text)?.[1];
  return unit ? Number(text.slice(0, -unit.length)) * UNIT_SECONDS[unit]! : undefined;
}

/**
 * Each call of a tool that is neither read-only nor idempotent creates something (generate_key mints a key),
 * so an argument it leaves out takes LiteLLM's default — for a key, no expiry and no budget. For an
 * idempotent tool (an update), an omitted argument means "unchanged" and is not a request for no limit.
 */
function createsOnEachCall(tool: Tool): boolean {
  return !tool.annotations.readOnlyHint && !tool.annotations.idempotentHint;
}

interface ArgumentRule {
  field: string;
  /** The refusal for a value the caller gave (never null here), if it breaks the policy. */
  given(value: unknown, policy: Policy): string | undefined;
  /** The refusal for asking for no limit: the field omitted by a creating tool, or given as null by any tool. */
  unlimited(policy: Policy): string | undefined;
  /** What a tool description says about this rule (`creates`: see createsOnEachCall), so the assistant can comply up front. */
  note(policy: Policy, creates: boolean): string | undefined;
}

const list = (items: readonly string[]) => items.map((m) => `"${m}"`).join(", ");

// LiteLLM reads a missing or empty models list as "every model".
const everyModel = (allowedModels: readonly string[]) =>
  `Refused by policy: a key without a models list may call every model, and LITELLM_MCP_ALLOWED_MODELS allows only ${list(allowedModels)}. Pass models chosen from those.`;

const rules: readonly ArgumentRule[] = [
  {
    field: "models",
    given: (value, { allowedModels }) => {
      if (!allowedModels || !Array.isArray(value)) return undefined;
      if (value.length === 0) return everyModel(allowedModels);
      const outside = value.filter((m) => typeof m !== "string" || !allowedModels.includes(m));
      if (outside.length === 0) return undefined;
      return `Refused by policy: keys may only be granted the models in LITELLM_MCP_ALLOWED_MODELS (${list(allowedModels)}), and ${list(outside.map(String))} ${outside.length === 1 ? "is" : "are"} not among them. Ask for allowed models only, or have the operator add ${outside.length === 1 ? "it" : "them"} to LITELLM_MCP_ALLOWED_MODELS.`;
    },
    unlimited: ({ allowedModels }) => (allowedModels ? everyModel(allowedModels) : undefined),
    note: ({ allowedModels }) => (allowedModels ? `models must be chosen from ${list(allowedModels)}` : undefined),
  },
  {
    field: "duration",
    given: (value, { maxKeyDuration }) => {
      if (!maxKeyDuration || typeof value !== "string") return undefined;
      const seconds = durationSeconds(value);
      if (seconds !== undefined && seconds <= maxKeyDuration.seconds) return undefined;
      return `Refused by policy: keys may last at most ${maxKeyDuration.text} (LITELLM_MCP_MAX_KEY_DURATION), and "${value}" is ${seconds === undefined ? "not a duration this server can compare" : "longer"}. Pass a shorter duration, or have the operator raise LITELLM_MCP_MAX_KEY_DURATION.`;
    },
    unlimited: ({ maxKeyDuration, allowNoExpiry }) => {
      if (maxKeyDuration) {
        return `Refused by policy: a key without a duration never expires, and keys may last at most ${maxKeyDuration.text} (LITELLM_MCP_MAX_KEY_DURATION). Pass duration, e.g. "${maxKeyDuration.text}".`;
      }
      if (allowNoExpiry) return undefined;
      return 'Refused by policy: keys that never expire are not allowed here. Pass duration (e.g. "7d"), or have the operator set LITELLM_MCP_ALLOW_NO_EXPIRY=true.';
    },
    note: ({ maxKeyDuration, allowNoExpiry }, creates) => {
      const required = creates && (maxKeyDuration || !allowNoExpiry) ? "duration is required" : undefined;
      if (maxKeyDuration) return `${required ?? "duration"}${required ? "," : " may be"} at most ${maxKeyDuration.text}`;
      return required && `${required} (keys that never expire are not allowed)`;
    },
  },
  {
    field: "max_budget",
    given: (value, { maxBudget }) => {
      if (maxBudget === undefined || typeof value !== "number" || value <= maxBudget) return undefined;
      return `Refused by policy: a key's max_budget may be at most ${maxBudget} USD (LITELLM_MCP_MAX_BUDGET), and ${value} is more. Pass a smaller max_budget, or have the operator raise LITELLM_MCP_MAX_BUDGET.`;
    },
    unlimited: ({ maxBudget, requireBudget }) => {
      if (maxBudget !== undefined) {
        return `Refused by policy: a key without max_budget has unlimited spend, and keys may have at most ${maxBudget} USD (LITELLM_MCP_MAX_BUDGET). Pass max_budget.`;
      }
      if (!requireBudget) return undefined;
      return "Refused by policy: every key needs a max_budget here (LITELLM_MCP_REQUIRE_BUDGET). Pass max_budget in USD, or have the operator unset LITELLM_MCP_REQUIRE_BUDGET.";
    },
    note: ({ maxBudget, requireBudget }, creates) => {
      const required = creates && (maxBudget !== undefined || requireBudget) ? "max_budget is required" : undefined;
      if (maxBudget !== undefined) return `${required ?? "max_budget"}${required ? "," : " may be"} at most ${maxBudget} USD`;
      return required;
    },
  },
];

function rulesFor(tool: Tool): ArgumentRule[] {
  return rules.filter((rule) => rule.field in tool.input.shape);
}

/** Throws a PolicyError naming the limit when the (schema-valid) arguments ask for more than the operator allows. */
export function checkPolicy(tool: Tool, args: Record<string, unknown>, policy: Policy): void {
  for (const rule of rulesFor(tool)) {
    const value = args[rule.field];
    const refusal =
      value === null || (value === undefined && createsOnEachCall(tool))
        ? rule.unlimited(policy)
        : value === undefined
          ? undefined
          : rule.given(value, policy);
    if (refusal) throw new PolicyError(refusal);
  }
}

/** A sentence for the tool's description listing the limits that apply to it, or "" when none do. */
export function policyNote(tool: Tool, policy: Policy): string {
  const notes = rulesFor(tool)
    .map((rule) => rule.note(policy, createsOnEachCall(tool)))
    .filter((note): note is string => !!note);
  return notes.length > 0 ? ` Operator policy: ${notes.join("; ")}.` : "";
}
