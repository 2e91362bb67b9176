// The operator's limits on what a key, user, team or budget may be given, as rules keyed by argument name:
// any tool whose input has `models`, `duration`, `max_budget`, `max_budget_in_team`, `budget_duration`,
// `reset_to`, `grace_period` or `model_name` is held to them without being named here. Whose limit an
// argument sets (a key's, a team's, ...) is the tool's `limits` in its manifest entry; each kind of holder
// has its own budget ceiling (src/policy/ceilings.ts). What each limit means over time:
//
// - LITELLM_MCP_ALLOWED_MODELS: the only models a key, user or team the assistant creates or changes may
//   call, and names no new deployment may take (it would change what those models are).
// - LITELLM_MCP_MAX_KEY_DURATION: the longest a secret the assistant is handed stays valid, counted from
//   when it was issued. A tool that issues one (generate_key, regenerate_key) must pass a duration within
//   it; a tool that changes a key in place (update_key) may not set one at all, since each new duration
//   starts again from now and repeated updates would keep a key alive for ever; grace_period (how long a
//   replaced secret keeps working) is at most the new key's duration. Users, teams and budgets do not
//   expire in LiteLLM; their keys do, and this bounds them all.
// - LITELLM_MCP_MAX_BUDGET, _MAX_USER_BUDGET, _MAX_TEAM_BUDGET: the most a key, a user (or a member inside
//   a team), a team may spend in all. LiteLLM compares max_budget with total spend; budget_duration resets
//   that spend every period and reset_key_spend sets it back, either of which would make the maximum an
//   allowance per reset, so neither is allowed where a ceiling applies. A budget gets the lower of the key
//   and user ceilings, since keys and members hold budgets.

import type { Policy } from "./operator-policy.js";
import { ceilingFor, holders, type Ceiling, type Holder } from "./ceilings.js";
import { durationSeconds } from "../litellm/duration-seconds.js";
import { modelKey } from "../litellm/model-key.js";

/** How the tool treats what it is given. */
export interface RuleContext {
  policy: Policy;
  /**
   * The tool issues something new on each call (generate_key mints a key, regenerate_key a new secret):
   * an argument it leaves out takes LiteLLM's default, which for a key is no expiry and no budget. A tool
   * that changes a key in place (idempotent) leaves an omitted field unchanged.
   */
  issues: boolean;
  /** Whose limits the arguments set (the tool's `limits`; a key's when it names none). */
  holder: Holder;
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

const list = (items: readonly string[]) => items.map((m) => `"${m}"`).join(", ");

// LiteLLM reads a missing or empty models list as "every model".
const everyModel = (allowedModels: readonly string[], holder: Holder) =>
  `Refused by policy: a ${holder} without a models list may call every model, and LITELLM_MCP_ALLOWED_MODELS allows only ${list(allowedModels)}. Pass models chosen from those.`;

const models: ArgumentRule = {
  field: "models",
  given: (value, { policy: { allowedModels }, holder }) => {
    if (!allowedModels || !Array.isArray(value)) return undefined;
    if (value.length === 0) return everyModel(allowedModels, holder);
    const outside = value.filter((m) => typeof m !== "string" || !allowedModels.includes(m));
    if (outside.length === 0) return undefined;
    return `Refused by policy: ${holders(holder)} may only be granted the models in LITELLM_MCP_ALLOWED_MODELS (${list(allowedModels)}), and ${list(outside.map(String))} ${outside.length === 1 ? "is" : "are"} not among them. Ask for allowed models only, or have the operator add ${outside.length === 1 ? "it" : "them"} to LITELLM_MCP_ALLOWED_MODELS.`;
  },
  unlimited: ({ policy: { allowedModels }, holder }) => (allowedModels ? everyModel(allowedModels, holder) : undefined),
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

/** Who a budget amount belongs to, as a refusal names it ("a key", "keys"), and what having none means. */
interface Named {
  one: string;
  many: string;
  without: string;
}

/** A rule for a budget amount: `field` is what the tool calls it, `who` whose it is, `ceilingOf` whose ceiling bounds it. */
function budgetAmount(field: string, who: (holder: Holder) => Named, ceilingOf: (holder: Holder) => Holder): ArgumentRule {
  const ceiling = (policy: Policy, holder: Holder): Ceiling | undefined => ceilingFor(ceilingOf(holder), policy);
  return {
    field,
    given: (value, { policy, holder }) => {
      const limit = ceiling(policy, holder);
      if (!limit || typeof value !== "number" || value <= limit.amount) return undefined;
      return `Refused by policy: ${who(holder).one}'s ${field} may be at most ${limit.amount} USD (${limit.variable}), and ${value} is more. Pass a smaller ${field}, or have the operator raise ${limit.variable}.`;
    },
    unlimited: ({ policy, holder }) => {
      const { one, many } = who(holder);
      const limit = ceiling(policy, holder);
      if (limit) return `Refused by policy: ${one} without ${field} ${who(holder).without}, and ${many} may have at most ${limit.amount} USD (${limit.variable}). Pass ${field}.`;
      if (!policy.requireBudget) return undefined;
      return `Refused by policy: every ${one.replace(/^an? /, "")} needs a ${field} here (LITELLM_MCP_REQUIRE_BUDGET). Pass ${field} in USD, or have the operator unset LITELLM_MCP_REQUIRE_BUDGET.`;
    },
    note: ({ policy, holder, issues }) => {
      const limit = ceiling(policy, holder);
      const required = issues && (limit !== undefined || policy.requireBudget) ? `${field} is required` : undefined;
      if (limit !== undefined) return `${required ?? field}${required ? "," : " may be"} at most ${limit.amount} USD`;
      return required;
    },
  };
}

const maxBudget = budgetAmount("max_budget", (holder) => ({ one: `a ${holder}`, many: holders(holder), without: "has unlimited spend" }), (holder) => holder);
// A member's budget inside a team is a person's allowance, whatever tool sets it.
const memberBudget = budgetAmount("max_budget_in_team", () => ({ one: "a member", many: "members", without: "may spend all of the team's budget" }), () => "user");

const budgetDuration: ArgumentRule = {
  field: "budget_duration",
  given: (value, { policy, holder }) => {
    const limit = ceilingFor(holder, policy);
    if (!limit || typeof value !== "string") return undefined;
    return `Refused by policy: ${limit.variable} (${limit.amount} USD) is the most a ${holder} may spend in all, and a budget_duration would reset its spend every "${value}", allowing that much again each time. Leave budget_duration out, or have the operator unset ${limit.variable}.`;
  },
  // null removes a reset: the budget becomes a total, which every limit allows.
  unlimited: () => undefined,
  note: ({ policy, holder }) => (ceilingFor(holder, policy) ? "budget_duration may not be set (max_budget is a total, not an allowance per period)" : undefined),
};

const resetTo: ArgumentRule = {
  field: "reset_to",
  given: (_value, { policy, holder }) => {
    const limit = ceilingFor(holder, policy);
    if (!limit) return undefined;
    return `Refused by policy: ${limit.variable} (${limit.amount} USD) is the most a ${holder} may spend in all, and setting its spend back would allow that much again. Mint a new key within the limit, or have the operator reset it.`;
  },
  unlimited: () => undefined,
  note: ({ policy, holder }) => (ceilingFor(holder, policy) ? `spend may not be reset (max_budget is a total)` : undefined),
};

const modelName: ArgumentRule = {
  field: "model_name",
  given: (value, { policy: { allowedModels } }) => {
    if (!allowedModels || typeof value !== "string") return undefined;
    // Compared without spaces at the ends, case or compatibility forms: "Mock-Alpha" or "mock-alpha\u00a0" is
    // as much the allowed model as "mock-alpha" to some part of LiteLLM or to the person reading the list.
    const same = allowedModels.find((allowed) => modelKey(allowed) === modelKey(value));
    if (same === undefined) return undefined;
    return `Refused by policy: ${JSON.stringify(value)} is, or reads as, "${same}" from LITELLM_MCP_ALLOWED_MODELS, the models keys, users and teams may be granted, and a deployment added under that name would change what they reach. Add it under a name of its own, or have the operator add it.`;
  },
  unlimited: () => undefined,
  note: ({ policy: { allowedModels } }) => (allowedModels ? `model_name may not be one of ${list(allowedModels)}` : undefined),
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

export const ARGUMENT_RULES: readonly ArgumentRule[] = [models, duration, maxBudget, memberBudget, budgetDuration, resetTo, gracePeriod, modelName];

/**
 * For a tool that makes LiteLLM call the model it names with no key of the caller's (callsModel in its
 * manifest entry): a health check is a paid provider call per deployment, booked under LiteLLM's own
 * health-check pseudo-key, which no budget counts. Elsewhere `model` names what a caller's own key calls
 * (LiteLLM holds it to that key's models) or a provider model (add_model), so this rule is not keyed by name
 * alone.
 */
export const calledModel: ArgumentRule = {
  field: "model",
  given: (value, { policy: { allowedModels } }) => {
    if (!allowedModels || typeof value !== "string" || allowedModels.includes(value)) return undefined;
    return `Refused by policy: this makes LiteLLM call ${JSON.stringify(value)} on the operator's provider account, booked to no key, user or team, and LITELLM_MCP_ALLOWED_MODELS allows only ${list(allowedModels)}. Pass one of those, or have the operator add it.`;
  },
  unlimited: ({ policy: { allowedModels } }) =>
    allowedModels ? `Refused by policy: without a model this would call every deployment LiteLLM has, and LITELLM_MCP_ALLOWED_MODELS allows only ${list(allowedModels)}. Pass one of those.` : undefined,
  note: ({ policy: { allowedModels } }) => (allowedModels ? `model must be one of ${list(allowedModels)}` : undefined),
};

/**
 * The refusal for a tool that removes a holder's limits (delete_budget: LiteLLM unlinks the budget from
 * the keys, end users and memberships using it, which keep only limits of their own) where the operator
 * caps or requires them. Undefined when it may.
 */
export function removalRefusal(holder: Holder, policy: Policy): string | undefined {
  const limit = ceilingFor(holder, policy);
  if (!limit && !policy.requireBudget) return undefined;
  const why = limit ? `${limit.variable} caps what a ${holder} may allow` : "every key needs a budget here (LITELLM_MCP_REQUIRE_BUDGET)";
  return `Refused by policy: deleting a ${holder} leaves the keys, end users and team memberships using it with only limits of their own (LiteLLM unlinks it), and ${why}. Lower its limits with update_${holder} instead, or have the operator delete it.`;
}
