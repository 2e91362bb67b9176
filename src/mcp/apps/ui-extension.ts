// The MCP Apps extension (io.modelcontextprotocol/ui): a host that declares it draws a tool's own HTML view
// inline, fed the tool's results. A host that does not is served exactly as before: its tools/list carries
// no view link, its resources/list no view, and its tool results nothing extra.

import { EXTENSION_ID, getUiCapability, RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from "@modelcontextprotocol/ext-apps/server";
import type { ClientCapabilities } from "@modelcontextprotocol/server";

export { EXTENSION_ID as UI_EXTENSION, RESOURCE_MIME_TYPE as UI_MIME_TYPE };

/** The client declared the extension with the HTML profile, the only kind of view this server has. */
export function drawsViews(capabilities: ClientCapabilities | undefined): boolean {
  const mimeTypes = getUiCapability(capabilities)?.mimeTypes;
  return Array.isArray(mimeTypes) && mimeTypes.includes(RESOURCE_MIME_TYPE);
}

/** A tool's link to its view, in the extension's spelling and in the flat key hosts before it read. */
export function viewLink(resourceUri: string): Record<string, unknown> {
  return { ui: { resourceUri }, [RESOURCE_URI_META_KEY]: resourceUri };
}
