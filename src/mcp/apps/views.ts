// The views this server offers hosts that draw MCP Apps (src/mcp/apps/ui-extension.ts): which tool has one, the
// ui:// resource that holds it, the link tools/list adds to that tool, and what the tool's result carries
// for the view alone (in _meta, which hosts keep from the model). Everything here is offered per request,
// to a client that declared the extension; the rest see the server as it was.

import type { McpServer, ServerContext } from "@modelcontextprotocol/server";
import { LIST_TTL_MS } from "../cache-hints.js";
import { clientCapabilities, type ClientDeclaration } from "../client-capabilities.js";
import type { Tool } from "../../manifest/define-tool.js";
import type { CallOptions, LiteLLMClient } from "../../litellm/client.js";
import { drawsViews, UI_EXTENSION, UI_MIME_TYPE, viewLink } from "./ui-extension.js";
import { SPENDERS_META_KEY, spenderInfo } from "./usage-budgets.js";
import { usageViewHtml } from "./usage-view-html.js";
import { USAGE_VIEW_URI, VIEW_OF } from "./view-tools.js";

export { USAGE_VIEW_URI };

const USAGE_VIEW = {
  uri: USAGE_VIEW_URI,
  name: "usage-report-view",
  title: "LiteLLM usage",
  description: "Spend per day and top spenders, drawn from get_usage_report's results.",
  mimeType: UI_MIME_TYPE,
  // No origin at all: the view draws what the host hands it and asks the host for the rest.
  _meta: { ui: { csp: {}, prefersBorder: true } },
};

export interface Views {
  /** The tools/list _meta a tool gains for this request's client, if any. */
  toolMeta(toolName: string, ctx: ServerContext): Record<string, unknown> | undefined;
  /** What a successful call's result carries for the view (its _meta), for a client that draws it. */
  resultMeta(tool: Tool, structured: Record<string, unknown>, args: Record<string, unknown>, ctx: ServerContext, reads: { client: LiteLLMClient; options: CallOptions }): Promise<Record<string, unknown> | undefined>;
}

/** Registers the views' resources on `server` and answers resources/list per client, as tools/list is. */
export function serveViews(server: McpServer, declared: ClientDeclaration, tools: readonly string[]): Views {
  const draws = (ctx: ServerContext) => drawsViews(clientCapabilities(ctx, declared));
  // A server whose tools have no view declares neither resources nor the extension: nothing changes.
  if (tools.some((name) => VIEW_OF.get(name) === USAGE_VIEW_URI)) {
    // The list of views is fixed for the life of the process, like the tool list.
    server.server.registerCapabilities({ resources: { listChanged: false }, extensions: { [UI_EXTENSION]: {} } });
    const { uri, name, ...metadata } = USAGE_VIEW;
    server.registerResource(name, uri, { ...metadata, cacheHint: { ttlMs: LIST_TTL_MS, cacheScope: "public" } }, () => ({
      contents: [{ uri, mimeType: UI_MIME_TYPE, text: usageViewHtml(), _meta: USAGE_VIEW._meta }],
    }));
    // A ui:// resource is a view's template, not a document for the model: listed only to hosts that draw it.
    server.server.setRequestHandler("resources/list", (_request, ctx) => ({ resources: draws(ctx) ? [USAGE_VIEW] : [] }));
  }

  return {
    toolMeta(toolName, ctx) {
      const uri = VIEW_OF.get(toolName);
      return uri !== undefined && draws(ctx) ? viewLink(uri) : undefined;
    },
    async resultMeta(tool, structured, args, ctx, reads) {
      if (VIEW_OF.get(tool.name) !== USAGE_VIEW_URI || !draws(ctx)) return undefined;
      const top = Array.isArray(structured.top) ? structured.top : [];
      const ids = top.map((s) => (s as { id?: unknown }).id).filter((id): id is string => typeof id === "string");
      try {
        return { [SPENDERS_META_KEY]: await spenderInfo(args.group_by, ids, reads.client, reads.options) };
      } catch {
        return undefined;
      }
    },
  };
}
