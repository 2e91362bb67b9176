// What tools/list answers, put together from each manifest tool's listing: its facts, its compact JSON Schemas
// and the names of its fields, all fixed when the manifest is (src/mcp/tools-list.ts makes a listing from a tool;
// the build makes them all once, src/mcp/tool-catalog.ts). Choosing the served tools and writing their policy
// notes need nothing else, so the stdio start answers tools/list without loading zod or building a tool, and
// the list is the same whichever path answers it.

import type { Tool as ListedTool } from "@modelcontextprotocol/server";
import type { Config } from "../config/config.js";
import type { ToolOutline } from "../policy/policed-tool.js";
import { closedCapabilities, policyNote } from "../policy/policy.js";
import { enabledTools } from "../policy/toolsets.js";

export type JsonSchema = Record<string, unknown>;

/** One manifest tool as tools/list shows it, and as choosing tools and writing policy notes read it. */
export interface ToolListing extends ToolOutline {
  title: string;
  description: string;
  /** The input's compact JSON Schema, as a server holding the master key takes it. */
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  /** For a tool run under the caller's key: its input in caller mode, which takes no `key` (see callerModeInput). */
  callerInputSchema?: JsonSchema;
  /** The names of its input and output fields. */
  input: { shape: Record<string, true> };
  output: { shape: Record<string, true> };
}

export type { ListedTool };

/** What the description of a tool run under the caller's key adds in caller mode. */
export const CALLER_MODE_NOTE = " It runs under your own LiteLLM key, the one your MCP client sends to this server.";

/** Whether a tool takes a different input in caller mode (src/mcp/tools-list.ts, callerModeInput). */
export function changesInCallerMode(tool: Pick<ToolOutline, "credential">, callerMode: boolean): boolean {
  return callerMode && tool.credential === "caller";
}

/** The tools this configuration serves, in manifest order: a name that matches no tool stops the start (src/policy/toolsets.ts). */
export function servedListings(all: readonly ToolListing[], config: Pick<Config, "policy">): ToolListing[] {
  return enabledTools(all, config.policy);
}

/** tools/list's `tools` for this configuration: the served tools, each description with its notes. */
export function listedTools(all: readonly ToolListing[], config: Pick<Config, "policy" | "auth">): ListedTool[] {
  const served = servedListings(all, config);
  // What a disabled tool is for, no other tool may do; the descriptions of those that could say so.
  const closed = closedCapabilities(all, served);
  return served.map((tool) => {
    const callerMode = changesInCallerMode(tool, config.auth === "caller");
    return {
      name: tool.name,
      title: tool.title,
      description: tool.description + (callerMode ? CALLER_MODE_NOTE : "") + policyNote(tool, config.policy, closed),
      inputSchema: (callerMode ? tool.callerInputSchema! : tool.inputSchema) as ListedTool["inputSchema"],
      outputSchema: tool.outputSchema as ListedTool["outputSchema"],
      annotations: { title: tool.title, ...tool.annotations },
    };
  });
}
