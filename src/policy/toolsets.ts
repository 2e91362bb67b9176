// Which tools this server serves. Tools come in named toolsets an operator switches on
// (LITELLM_MCP_TOOLSETS), so breadth never floods a host's context: hosts read every listed tool on every
// turn, and some stop reading after the first 40. Single tools are then narrowed (LITELLM_MCP_TOOLS),
// removed (LITELLM_MCP_DISABLED_TOOLS) or limited to reads (LITELLM_MCP_READ_ONLY) on top.

import type { ToolSelection } from "./operator-policy.js";
import type { ToolOutline } from "./policed-tool.js";
import { ConfigError } from "../errors.js";

/** Each toolset and what it lets the assistant do; the README's toolset tables follow this order. */
export const TOOLSETS = {
  keys: "mint, inspect, change, block and delete virtual keys",
  users: "LiteLLM's internal users: list, create, change, delete",
  teams: "teams and their members",
  models: "the proxy's model deployments: describe, add, change, remove",
  budgets: "reusable budgets that keys, end users and team members point to",
  usage: "who spent what: spend logs and daily usage reports",
  health: "is the proxy, and each model behind it, up",
  completions: "chat completions under a caller's virtual key",
} as const;

export type Toolset = keyof typeof TOOLSETS;

/** Not toolsets but selections: the tools marked `byDefault`, and every tool. */
const DEFAULT = "default";
const ALL = "all";

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** The tools the chosen toolsets turn on; a name that is no toolset is a typo, so the server refuses to start. */
function inToolsets<T extends ToolOutline>(tools: readonly T[], selection: ToolSelection): T[] {
  // A hand-picked tool list stands on its own: naming create_team in LITELLM_MCP_TOOLS is enough to get it.
  const chosen = selection.toolsets ?? [selection.tools ? ALL : DEFAULT];
  const known = toolsetNames();
  const unknown = chosen.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(`LITELLM_MCP_TOOLSETS names ${quoted(unknown)}, which is not a toolset of this server (toolsets: ${known.join(", ")}).`);
  }
  if (chosen.includes(ALL)) return [...tools];
  return tools.filter((tool) => chosen.includes(tool.toolset) || (chosen.includes(DEFAULT) && tool.byDefault));
}

/** The tools the operator left enabled, in manifest order. A name that matches no tool is a typo: refuse to start. */
export function enabledTools<T extends ToolOutline>(tools: readonly T[], selection: ToolSelection): T[] {
  const names = new Set(tools.map((t) => t.name));
  for (const [variable, list] of [["LITELLM_MCP_TOOLS", selection.tools ?? []], ["LITELLM_MCP_DISABLED_TOOLS", selection.disabledTools]] as const) {
    const unknown = list.filter((name) => !names.has(name));
    if (unknown.length > 0) {
      throw new ConfigError(`${variable} names ${quoted(unknown)}, which is not a tool of this server (tools: ${[...names].join(", ")}).`);
    }
  }
  const offered = inToolsets(tools, selection);
  const outside = tools.filter((tool) => selection.tools?.includes(tool.name) && !offered.includes(tool));
  if (outside.length > 0) {
    const sets = [...new Set(outside.map((tool) => tool.toolset))];
    throw new ConfigError(
      `LITELLM_MCP_TOOLS names ${quoted(outside.map((t) => t.name))}, from the toolset${sets.length > 1 ? "s" : ""} ${quoted(sets)}, which LITELLM_MCP_TOOLSETS (${selection.toolsets?.join(",")}) does not turn on. Add ${sets.length > 1 ? "them" : "it"} to LITELLM_MCP_TOOLSETS, or leave the tool out.`,
    );
  }
  const enabled = offered.filter(
    (tool) =>
      (!selection.tools || selection.tools.includes(tool.name)) && !selection.disabledTools.includes(tool.name) && (!selection.readOnly || tool.annotations.readOnlyHint),
  );
  if (enabled.length === 0) {
    throw new ConfigError("LITELLM_MCP_TOOLSETS, LITELLM_MCP_TOOLS, LITELLM_MCP_DISABLED_TOOLS and LITELLM_MCP_READ_ONLY together leave no tool enabled.");
  }
  return enabled;
}

/** The toolset names an operator can put in LITELLM_MCP_TOOLSETS, selections first. */
export function toolsetNames(): string[] {
  return [DEFAULT, ALL, ...Object.keys(TOOLSETS)];
}
