// Which tools have a view MCP Apps hosts draw, and the extension's name, apart from the views themselves
// (views.ts) because the stdio start reads them before the MCP SDK or any view is loaded: a server serving
// such a tool declares resources and the extension, and a client that declared the extension is answered
// per its declaration.

/** The MCP Apps extension's id, as clients declare it (test/unit/stdio-opening.test.ts holds it to the extension's package). */
export const UI_EXTENSION_ID = "io.modelcontextprotocol/ui";

export const USAGE_VIEW_URI = "ui://litellm-mcp/usage-report.html";

/** Tool name → the view that draws its results. */
export const VIEW_OF: ReadonlyMap<string, string> = new Map([["get_usage_report", USAGE_VIEW_URI]]);

/** Whether any of these tools has a view. */
export function servesViews(toolNames: readonly string[]): boolean {
  return toolNames.some((name) => VIEW_OF.has(name));
}
