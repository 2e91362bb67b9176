// The README's tool reference, written from the manifest and from what the server lists: the toolsets with
// their sizes, and per toolset a table of its tools (operation, hints, credential) followed by each tool's
// description, arguments and answer fields, with the descriptions the tools themselves carry.

import type { Tool as ListedTool } from "@modelcontextprotocol/sdk/types.js";
import type { Tool } from "../../src/manifest/define-tool.ts";
import { manifest } from "../../src/manifest/index.ts";
import { TOOLSETS, type Toolset } from "../../src/policy/toolsets.ts";
import { listedTools } from "./listed-tools.ts";

type Schema = { type?: string | string[]; items?: Schema; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[]; description?: string };

const count = (n: number) => n.toLocaleString("en-US");
const tokens = (bytes: number) => count(Math.round(bytes / 400) * 100);

const CREDENTIAL: Record<Tool["credential"], string> = { master: "master key", none: "none", caller: "the caller's virtual `key`" };

/** "string", "string[]", "number | null", `"user" | "team"`: a JSON Schema's type as the reference writes it. */
function typeOf(schema: Schema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ["any"];
  return types.map((t) => (t === "array" ? `${schema.items ? typeOf(schema.items) : "any"}[]` : t)).join(" \\| ");
}

/** The fields of an object, or of each item of an array of objects; none for anything else. */
function fieldsOf(schema: Schema): Schema | undefined {
  if (schema.properties) return schema;
  return schema.items?.properties ? schema.items : undefined;
}

/**
 * Each field as `name` (type, optional): description, the fields of nested objects after their parent as
 * `parent.name` (`parent[].name` for a list's items), so a nested answer's fields are named too.
 */
function fields(schema: Schema | undefined, optionalMark: boolean, prefix = ""): string[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).flatMap(([name, field]) => {
    const note = optionalMark && !required.has(name) ? ", optional" : "";
    const said = field.description ? `: ${field.description.replace(/\.$/, "").replace(/\|/g, "\\|")}` : "";
    const nested = fieldsOf(field);
    const path = `${prefix}${name}`;
    return [`\`${path}\` (${typeOf(field)}${note})${said}`, ...(nested ? fields(nested, optionalMark, `${path}${field.items ? "[]" : ""}.`) : [])];
  });
}

const listed = (items: string[]) => (items.length > 0 ? `${items.join("; ")}.` : "none.");

/** The section after a toolset's table: each tool's description, arguments and answer. */
function reference(tool: Tool, served: ListedTool): string {
  return [
    `- **\`${tool.name}\`**${tool.byDefault ? " ★" : ""}: ${served.description}`,
    `  Arguments: ${listed(fields(served.inputSchema as Schema, true))}`,
    `  Answer: ${listed(fields(served.outputSchema as Schema | undefined, false))}`,
  ].join("\n");
}

function toolsetTable(toolset: Toolset, listed: Map<string, ListedTool>): string {
  const tools = manifest.filter((tool) => tool.toolset === toolset);
  const rows = tools.map((tool) => {
    const { readOnlyHint, destructiveHint, idempotentHint } = tool.annotations;
    const op = `\`${tool.operation.method.toUpperCase()} ${tool.operation.path}\``;
    // In bold where the hint is the one to notice: a destructive write, a GET that is not read-only.
    const readOnly = readOnlyHint ? "yes" : tool.operation.method === "get" ? "**no**" : "no";
    return `| ${tool.byDefault ? "★ " : ""}\`${tool.name}\` | ${op} | ${readOnly} | ${destructiveHint ? "**yes**" : "no"} | ${idempotentHint ? "yes" : "no"} | ${CREDENTIAL[tool.credential]} |`;
  });
  return [
    `**${toolset}**`,
    "",
    "| tool | LiteLLM operation | read-only | destructive | idempotent | credential |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    `<details><summary>${toolset}: each tool's description, arguments and answer</summary>`,
    "",
    ...tools.map((tool) => reference(tool, listed.get(tool.name)!)),
    "",
    "</details>",
  ].join("\n");
}

/** The toolsets, each with what it gives, its number of tools and the size of its tools/list. */
export async function renderToolsets(): Promise<string> {
  const row = async (name: string, what: string) => {
    const { tools, bytes } = await listedTools(name);
    const size = name === "default" || name === "all" ? `${count(bytes)} (≈ ${tokens(bytes)} tokens)` : count(bytes);
    return `| ${name === "default" ? "*(unset)* or `default`" : `\`${name}\``} | ${what} | ${tools.length} | ${size} |`;
  };
  const rows = [await row("default", "the ★ tools below")];
  for (const [toolset, what] of Object.entries(TOOLSETS)) rows.push(await row(toolset, what));
  rows.push(await row("all", "every toolset"));
  return ["| `LITELLM_MCP_TOOLSETS` | what the assistant gets | tools | `tools/list` bytes |", "|---|---|---|---|", ...rows].join("\n");
}

/** Every toolset's table and its tools' reference, as `LITELLM_MCP_TOOLSETS=all` lists them. */
export async function renderTools(): Promise<string> {
  const { tools } = await listedTools("all");
  const listed = new Map(tools.map((tool) => [tool.name, tool]));
  return (Object.keys(TOOLSETS) as Toolset[]).map((toolset) => toolsetTable(toolset, listed)).join("\n\n");
}
