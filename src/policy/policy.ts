// Operator-set limits on what the assistant may do, checked before anything is sent to LiteLLM: which tools
// exist at all (applied by src/policy/toolsets.ts), what a call may ask for (src/policy/limits.ts, keyed by
// argument name), and what a tool may do that another, disabled tool is for (src/policy/capabilities.ts).
// No rule names the tool it applies to, so a new manifest tool is held to every rule its arguments,
// annotations and manifest flags (limits, removesLimits, callsModel) call for.

import { PolicyError } from "../errors.js";
import { capabilityNotes, capabilityRefusal, type Capability } from "./capabilities.js";
import { ARGUMENT_RULES, calledModel, removalRefusal, type ArgumentRule, type RuleContext } from "./limits.js";
import { metadataNotice, metadataRule } from "./metadata.js";
import type { Policy } from "./operator-policy.js";
import type { PolicedTool as Tool, ToolOutline } from "./policed-tool.js";

export { closedCapabilities, type Capability } from "./capabilities.js";

/**
 * Each call of a tool that is neither read-only nor idempotent issues something new (generate_key mints a
 * key, regenerate_key a new secret for one), so it is held to the limits of minting; see RuleContext.
 */
function issuesOnEachCall(tool: ToolOutline): boolean {
  return !tool.annotations.readOnlyHint && !tool.annotations.idempotentHint;
}

/**
 * How the limits read a tool's arguments: whether it issues something on each call, and whose limits they
 * set (a key's, unless its entry names another holder).
 */
function contextFor(tool: ToolOutline, policy: Policy): Omit<RuleContext, "args"> {
  return { policy, issues: issuesOnEachCall(tool), holder: tool.limits ?? "key" };
}

/** Every argument rule: the limits on amounts, models and lifetimes, and what metadata may carry. */
const RULES: readonly ArgumentRule[] = [...ARGUMENT_RULES, metadataRule];

function rulesFor(tool: ToolOutline): ArgumentRule[] {
  const rules = tool.callsModel ? [...RULES, calledModel] : RULES;
  return rules.filter((rule) => rule.field in tool.input.shape);
}

/**
 * Throws a PolicyError naming the limit when the (schema-valid) arguments ask for more than the operator
 * allows, or for what a disabled tool is for (`closed`, from closedCapabilities).
 */
export function checkPolicy(tool: Tool, args: Record<string, unknown>, policy: Policy, closed: readonly Capability[] = []): void {
  const context = { ...contextFor(tool, policy), args };
  const sideDoor = capabilityRefusal(tool, args, closed);
  if (sideDoor) throw new PolicyError(sideDoor);
  const removal = tool.removesLimits && removalRefusal(context.holder, policy);
  if (removal) throw new PolicyError(removal);
  for (const rule of rulesFor(tool)) {
    const value = args[rule.field];
    const refusal =
      value === null || (value === undefined && context.issues)
        ? rule.unlimited(context)
        : value === undefined
          ? undefined
          : rule.given(value, context);
    if (refusal) throw new PolicyError(refusal);
  }
}

/** A sentence for the tool's description listing the limits that apply to it, or "" when none do. */
export function policyNote(tool: ToolOutline, policy: Policy, closed: readonly Capability[] = []): string {
  const context = contextFor(tool, policy);
  const removal = tool.removesLimits && removalRefusal(context.holder, policy) ? `it is refused here, since what uses a ${context.holder} would keep no limit` : undefined;
  const notes = [...rulesFor(tool).map((rule) => rule.note(context)), ...capabilityNotes(tool, closed), removal].filter((note): note is string => !!note);
  return notes.length > 0 ? ` Operator policy: ${notes.join("; ")}.` : "";
}

/** What the operator should hear at start-up about the policy they set: choices that leave LiteLLM room to act. */
export function policyNotices(policy: Policy): string[] {
  return [metadataNotice(policy)].filter((notice): notice is string => notice !== undefined);
}
