// The operator's limits on what a key may be given, as rules keyed by argument name: any tool whose input
// has `models`, `duration`, `max_budget`, `budget_duration` or `grace_period` is held to them without
// being named here. What each limit means over time:
//
// - LITELLM_MCP_ALLOWED_MODELS: the only models a key the assistant mints, regenerates or updates may call.
// - LITELLM_MCP_MAX_KEY_DURATION: the longest a secret the assistant is handed stays valid, counted from
//   when it was issued. A tool that issues one (generate_key, regenerate_key) must pass a duration within
//   it; a tool that changes a key in place (update_key) may not set one at all, since each new duration
//   starts again from now and repeated updates would keep a key alive for ever; grace_period (how long a
//   replaced secret keeps working) is at most the new key's duration.
// - LITELLM_MCP_MAX_BUDGET: the most a key may spend in all. LiteLLM compares max_budget with the key's
//   total spend; budget_duration resets that spend every period, which would make the maximum an
//   allowance per period, so it may not be set while a maximum is.

import type { Policy } from "./policy.js";
import { DURATION_PATTERN } from "./manifest/duration.js";

/** How the tool treats what it is given. */
export interface RuleContext {
  policy: Policy;
  /**
   * The tool issues something new on each call (generate_key mints a key, regenerate_key a new secret):
   * an argument it leaves out takes LiteLLM's default, which for a key is no expiry and no budget. A tool
   * that changes a key in place (idempotent) leaves an omitted field unchanged.
   */
  issues: boolean;
  /** The call's other arguments, for limits that depend on them. */
  args: Record<string, unknown>;
}

export interface ArgumentRule {
  field: string;
  /** The refusal for a value the caller gave (never null here), if it breaks the policy. */
  given(value: unknown, context: RuleContext): string | undefined;
  /** The refusal for asking for no limit: the field omitted by an issuing tool, or given as null by any tool. */
  unlimited(context: RuleContext): string | undefined;
  /** What a tool description says about this rule, so the assistant can comply up front. */
  note(context: Omit<RuleContext, "args">): string | undefined;
}

// LiteLLM counts "mo" in calendar months; a month is taken at its longest so no limit can be exceeded by one.
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, mo: 31 * 86_400 };

/** Seconds in a LiteLLM duration such as "30m", "24h", "7d", "1mo"; undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const unit = DURATION_PATTERN.exec(text)?.[1];
  return unit ? Number(text.slice(0, -unit.length)) * UNIT_SECONDS[unit]! : undefined;
}

const list = (items: readonly string[]) => items.map((m) => `"${m}"`).join(", ");

// LiteLLM reads a missing or empty models list as "every model".
const everyModel = (allowedModels: readonly string[]) =>
  `Refused by policy: a key without a models list may call every model, and LITELLM_MCP_ALLOWED_MODELS allows only ${list(allowedModels)}. Pass models chosen from those.`;

const models: ArgumentRule = {
  field: "models",
  given: (value, { policy: { allowedModels } }) => {
    if (!allowedModels || !Array.isArray(value)) return undefined;
    if (value.length === 0) return everyModel(allowedModels);
    const outside = value.filter((m) => typeof m !== "string" || !allowedModels.includes(m));
    if (outside.length === 0) return undefined;
    return `Refused by policy: keys may only be granted the models in LITELLM_MCP_ALLOWED_MODELS (${list(allowedModels)}), and ${list(outside.map(String))} ${outside.length === 1 ? "is" : "are"} not among them. Ask for allowed models only, or have the operator add ${outside.length === 1 ? "it" : "them"} to LITELLM_MCP_ALLOWED_MODELS.`;
  },
  unlimited: ({ policy: { allowedModels } }) => (allowedModels ? everyModel(allowedModels) : undefined),
  note: ({ policy: { allowedModels } }) => (allowedModels ? `models must be chosen from ${list(allowedModels)}` : undefined),
};

const duration: ArgumentRule = {
  field: "duration",
  given: (value, { policy: { maxKeyDuration }, issues }) => {
    if (!maxKeyDuration || typeof value !== "string") return undefined;
    if (!issues) {
      return `Refused by policy: keys may stay valid at most ${maxKeyDuration.text} from when they were issued (LITELLM_MCP_MAX_KEY_DURATION), and a new duration would start that time again from now. To end a key sooner, use block_key or delete_key; for a key that lasts longer, mint a new one.`;
    }
    const seconds = durationSeconds(value);
    if (seconds !== undefined && seconds <= maxKeyDuration.seconds) return undefined;
    return `Refused by policy: keys may last at most ${maxKeyDuration.text} (LITELLM_MCP_MAX_KEY_DURATION), and "${value}" is ${seconds === undefined ? "not a duration this server can compare" : "longer"}. Pass a shorter duration, or have the operator raise LITELLM_MCP_MAX_KEY_DURATION.`;
  },
  unlimited: ({ policy: { maxKeyDuration, allowNoExpiry } }) => {
    if (maxKeyDuration) {
      return `Refused by policy: a key without a duration never expires, and keys may last at most ${maxKeyDuration.text} (LITELLM_MCP_MAX_KEY_DURATION). Pass duration, e.g. "${maxKeyDuration.text}".`;
    }
    if (allowNoExpiry) return undefined;
    return 'Refused by policy: keys that never expire are not allowed here. Pass duration (e.g. "7d"), or have the operator set LITELLM_MCP_ALLOW_NO_EXPIRY=true.';
  },
  note: ({ policy: { maxKeyDuration, allowNoExpiry }, issues }) => {
    if (!issues) return maxKeyDuration ? `duration may not be set (a key stays valid at most ${maxKeyDuration.text} from when it was issued)` : undefined;
    const required = maxKeyDuration || !allowNoExpiry ? "duration is required" : undefined;
    if (maxKeyDuration) return `${required}, at most ${maxKeyDuration.text}`;
    return required && `${required} (keys that never expire are not allowed)`;
  },
};

const maxBudget: ArgumentRule = {
  field: "max_budget",
  given: (value, { policy: { maxBudget: limit } }) => {
    if (limit === undefined || typeof value !== "number" || value <= limit) return undefined;
    return `Refused by policy: a key's max_budget may be at most ${limit} USD (LITELLM_MCP_MAX_BUDGET), and ${value} is more. Pass a smaller max_budget, or have the operator raise LITELLM_MCP_MAX_BUDGET.`;
  },
  unlimited: ({ policy: { maxBudget: limit, requireBudget } }) => {
    if (limit !== undefined) {
      return `Refused by policy: a key without max_budget has unlimited spend, and keys may have at most ${limit} USD (LITELLM_MCP_MAX_BUDGET). Pass max_budget.`;
    }
    if (!requireBudget) return undefined;
    return "Refused by policy: every key needs a max_budget here (LITELLM_MCP_REQUIRE_BUDGET). Pass max_budget in USD, or have the operator unset LITELLM_MCP_REQUIRE_BUDGET.";
  },
  note: ({ policy: { maxBudget: limit, requireBudget }, issues }) => {
    const required = issues && (limit !== undefined || requireBudget) ? "max_budget is required" : undefined;
    if (limit !== undefined) return `${required ?? "max_budget"}${required ? "," : " may be"} at most ${limit} USD`;
    return required;
  },
};

const budgetDuration: ArgumentRule = {
  field: "budget_duration",
  given: (value, { policy: { maxBudget: limit } }) => {
    if (limit === undefined || typeof value !== "string") return undefined;
    return `Refused by policy: LITELLM_MCP_MAX_BUDGET (${limit} USD) is the most a key may spend in all, and a budget_duration would reset its spend every "${value}", allowing that much again each time. Leave budget_duration out, or have the operator unset LITELLM_MCP_MAX_BUDGET.`;
  },
  // null removes a reset: the budget becomes a total, which every limit allows.
  unlimited: () => undefined,
  note: ({ policy: { maxBudget: limit } }) => (limit !== undefined ? "budget_duration may not be set (max_budget is a total, not an allowance per period)" : undefined),
};

const gracePeriod: ArgumentRule = {
  field: "grace_period",
  given: (value, { policy: { maxKeyDuration }, args }) => {
    if (typeof value !== "string") return undefined;
    const bounds = [
      typeof args.duration === "string" ? { text: args.duration, seconds: durationSeconds(args.duration), what: "the new key's duration" } : undefined,
      maxKeyDuration && { ...maxKeyDuration, what: "LITELLM_MCP_MAX_KEY_DURATION" },
    ].filter((b): b is { text: string; seconds: number; what: string } => b?.seconds !== undefined);
    const bound = bounds.sort((a, b) => a.seconds - b.seconds)[0];
    const seconds = durationSeconds(value);
    if (!bound || (seconds !== undefined && seconds <= bound.seconds)) return undefined;
    return `Refused by policy: grace_period, how long the replaced secret keeps working, may be at most ${bound.text} (${bound.what}), and "${value}" is ${seconds === undefined ? "not a duration this server can compare" : "longer"}. Pass a shorter grace_period, or none.`;
  },
  unlimited: () => undefined,
  note: ({ policy: { maxKeyDuration } }) => (maxKeyDuration ? "grace_period may be at most the new key's duration" : undefined),
};

export const ARGUMENT_RULES: readonly ArgumentRule[] = [models, duration, maxBudget, budgetDuration, gracePeriod];
