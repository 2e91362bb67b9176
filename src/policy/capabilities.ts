// What a call does, whichever tool it goes through. Some tools can do what another tool is for:
// update_key {"blocked": false} unblocks a key as unblock_key does, and regenerate_key with new models or
// a budget changes a key's settings as update_key does. Disabling a tool (LITELLM_MCP_DISABLED_TOOLS,
// leaving it out of LITELLM_MCP_TOOLS, or LITELLM_MCP_READ_ONLY) closes what it is for in every tool.
// A capability is recognised by the arguments of a call to any tool that acts on an existing key, so a
// new key tool with a `blocked` or `models` argument is covered without being named here. Tools that act
// on a team or a user (update_team {"blocked": true}, update_user's models) are not side doors: changing a
// team or user is what they are for, and they are switched off by their own name or toolset. Handing out a
// usable key is what generate_key is for: a tool that returns a new secret (regenerate_key, which also takes
// over someone else's key by its hash) is closed with it, whatever its arguments.

import type { PolicedTool as Tool, ToolOutline } from "./policed-tool.js";

export interface Capability {
  /** The tool this is what it is for; when that tool is not served, no other tool may do it. */
  tool: string;
  /** What it is, as a refusal says it. */
  action: string;
  /** The arguments that do it; none when every call of a tool that can do it does it. */
  fields: readonly string[];
  /** Whether a call with these arguments does it. */
  exercisedBy(args: Record<string, unknown>): boolean;
  /** For the description of a tool that could: what it may not be given. */
  note: string;
}

const KEY_SETTINGS = ["models", "max_budget", "budget_duration", "duration", "key_alias", "metadata"] as const;

export const CAPABILITIES: readonly Capability[] = [
  {
    tool: "generate_key",
    action: "handing out a new usable key",
    fields: [],
    exercisedBy: () => true,
    note: "it is refused here (it hands out a new usable key, which is what generate_key is for, and generate_key is disabled)",
  },
  { tool: "block_key", action: "blocking a key", fields: ["blocked"], exercisedBy: (args) => args.blocked === true, note: "blocked may not be true (blocking keys is disabled)" },
  { tool: "unblock_key", action: "unblocking a key", fields: ["blocked"], exercisedBy: (args) => args.blocked === false, note: "blocked may not be false (unblocking keys is disabled)" },
  {
    tool: "update_key",
    action: "changing a key's settings (models, budget, expiry, alias, metadata)",
    fields: KEY_SETTINGS,
    exercisedBy: (args) => KEY_SETTINGS.some((field) => args[field] !== undefined),
    note: `${KEY_SETTINGS.join(", ")} may not be set (changing key settings is disabled)`,
  },
];

/** Tools that change a key that already exists: they are told which key with the master key's authority. */
function actsOnExistingKey(tool: ToolOutline): boolean {
  return tool.credential === "master" && !tool.annotations.readOnlyHint && "key" in tool.input.shape;
}

/** A tool whose answer carries a usable key: every call hands one out. */
function handsOutKey(tool: ToolOutline): boolean {
  return "key" in tool.output.shape;
}

/** The capabilities that could reach `tool` through its arguments (or, with none, through every call), whether open or not. */
function reachable(tool: ToolOutline): Capability[] {
  if (!actsOnExistingKey(tool)) return [];
  return CAPABILITIES.filter(
    (capability) =>
      capability.tool !== tool.name && (capability.fields.length === 0 ? handsOutKey(tool) : capability.fields.some((field) => field in tool.input.shape)),
  );
}

/** The capabilities closed here: their tool is one of `all` but not one of `served`. */
export function closedCapabilities(all: readonly Pick<Tool, "name">[], served: readonly Pick<Tool, "name">[]): Capability[] {
  const known = new Set(all.map((tool) => tool.name));
  const open = new Set(served.map((tool) => tool.name));
  return CAPABILITIES.filter((capability) => known.has(capability.tool) && !open.has(capability.tool));
}

/** The refusal for a call that would do what a closed capability is for, or undefined. */
export function capabilityRefusal(tool: Tool, args: Record<string, unknown>, closed: readonly Capability[]): string | undefined {
  const capability = reachable(tool).find((c) => closed.includes(c) && c.exercisedBy(args));
  if (!capability) return undefined;
  const instead = capability.fields.length > 0 ? `Leave out ${capability.fields.filter((f) => args[f] !== undefined).join(", ")}, or have` : "Have";
  return `Refused by policy: ${capability.action} is what ${capability.tool} is for, and ${capability.tool} is disabled here (LITELLM_MCP_DISABLED_TOOLS, LITELLM_MCP_TOOLS or LITELLM_MCP_READ_ONLY), so ${tool.name} may not do it either. ${instead} the operator enable ${capability.tool}.`;
}

/** What a tool description says about the closed capabilities it could otherwise reach. */
export function capabilityNotes(tool: ToolOutline, closed: readonly Capability[]): string[] {
  return reachable(tool)
    .filter((capability) => closed.includes(capability))
    .map((capability) => capability.note);
}
