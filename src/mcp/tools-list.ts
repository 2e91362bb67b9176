// tools/list is paid for by the assistant on every turn. The SDK writes each zod schema out as a JSON Schema
// 2020-12 document; this answers tools/list with the same schemas written compactly, accepting exactly the
// same values: no "$schema" (MCP reads a schema without one as 2020-12; a draft-07 schema using a keyword
// that means something else there keeps its "$schema"), and {"type": [T, "null"]} for zod's
// {"anyOf": [{"type": T}, {"type": "null"}]}. Tool calls are still validated by the SDK, with zod.

import type { McpServer, ServerContext } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { Tool } from "../manifest/define-tool.js";
import type { ListedTool, ToolListing } from "./tool-listing.js";

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keywords whose meaning differs between draft-07 and 2020-12 (or that point elsewhere in the document). */
const DIALECT_SENSITIVE = new Set(["$ref", "definitions", "$defs", "additionalItems", "dependencies", "$recursiveRef", "prefixItems"]);

function dialectSensitive(schema: Json): boolean {
  if (Array.isArray(schema)) return schema.some(dialectSensitive);
  if (!isObject(schema)) return false;
  return Object.entries(schema).some(([k, v]) => DIALECT_SENSITIVE.has(k) || (k === "items" && Array.isArray(v)) || dialectSensitive(v));
}

/** anyOf [X, {type: "null"}] → X with "null" added to its type, when that accepts exactly the same values. */
function nullableAsType(node: JsonObject): JsonObject {
  const members = node.anyOf;
  if (!Array.isArray(members) || members.length !== 2) return node;
  const nullAt = members.findIndex((m) => isObject(m) && m.type === "null" && Object.keys(m).length === 1);
  const other = members[1 - nullAt];
  // enum, const and combinators would reject the null that the widened type lets through.
  if (nullAt < 0 || !isObject(other) || typeof other.type !== "string" || ["enum", "const", "anyOf", "oneOf", "allOf", "not"].some((k) => k in other)) {
    return node;
  }
  const { anyOf: _anyOf, ...outer } = node;
  return { ...other, ...outer, type: [other.type, "null"] };
}

function compactNode(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(compactNode);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "properties" && isObject(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, compactNode(s)])) : compactNode(v);
  return nullableAsType(out);
}

/** The compact form of one JSON Schema document, as described above. */
export function compactSchema(schema: JsonObject): JsonObject {
  const compacted = compactNode(schema) as JsonObject;
  if (dialectSensitive(schema)) return compacted;
  const { $schema: _dialect, ...rest } = compacted;
  return rest;
}

/** The document the SDK itself would list for a zod schema. */
export function sdkSchema(schema: unknown, io: "input" | "output"): JsonObject {
  return z.toJSONSchema(schema as z.ZodType, { target: "draft-2020-12", io }) as JsonObject;
}

const callerModeInputs = new WeakMap<Tool, z.ZodObject>();

/** A tool's input in caller mode: without `key`, since every call runs under the key the request brought. */
export function callerModeInput(tool: Tool): z.ZodObject {
  let input = callerModeInputs.get(tool);
  if (!input) callerModeInputs.set(tool, (input = tool.input.omit({ key: true })));
  return input;
}

const fieldNames = (schema: z.ZodObject): Record<string, true> => Object.fromEntries(Object.keys(schema.shape).map((field) => [field, true]));

/** A tool's listing (src/mcp/tool-listing.ts): its facts, its schemas as tools/list writes them, its field names. */
export function toolListing(tool: Tool): ToolListing {
  const { name, toolset, byDefault, title, description, annotations, credential, limits, removesLimits, callsModel } = tool;
  return {
    name,
    toolset,
    byDefault,
    title,
    description,
    annotations,
    credential,
    ...(limits ? { limits } : {}),
    ...(removesLimits ? { removesLimits } : {}),
    ...(callsModel ? { callsModel } : {}),
    inputSchema: compactSchema(sdkSchema(tool.input, "input")),
    outputSchema: compactSchema(sdkSchema(tool.output, "output")),
    ...(tool.credential === "caller" ? { callerInputSchema: compactSchema(sdkSchema(callerModeInput(tool), "input")) } : {}),
    input: { shape: fieldNames(tool.input) },
    output: { shape: fieldNames(tool.output) },
  };
}

/** _meta a tool gains for the client asking (a view link, src/mcp/apps/views.ts); undefined for none. */
export type MetaFor = (name: string, ctx: ServerContext) => Record<string, unknown> | undefined;

/**
 * Answers tools/list with the served tools' listings (replacing the SDK's handler, which would convert each zod
 * schema per list). A list that gained _meta for this client's declaration is this client's alone: at
 * 2026-07-28 (`cacheHints`), where results say who may cache them, it says no shared cache may keep it; 2025
 * results have no such field.
 */
export function serveCompactToolList(server: McpServer, listed: readonly ListedTool[], metaFor: MetaFor = () => undefined, cacheHints = false): void {
  server.server.setRequestHandler("tools/list", (_request, ctx) => {
    let personal = false;
    const tools = listed.map((tool) => {
      const meta = metaFor(tool.name, ctx);
      if (meta === undefined) return tool;
      personal = true;
      return { ...tool, _meta: { ...tool._meta, ...meta } };
    });
    return personal && cacheHints ? { tools, cacheScope: "private" as const } : { tools };
  });
}
