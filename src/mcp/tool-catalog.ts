// Every manifest tool two ways: its listing (what tools/list shows, and what choosing the served tools and
// writing their policy notes read; src/mcp/tool-listing.ts) and the tool itself. Run from source, both come from
// the manifest. `npm run build` puts in place of this file, in each bundle, the listings it made from the
// manifest and one loader per tool (scripts/build/catalog.ts): a server then builds only the tools it
// serves, and the stdio start none at all.

import type { Tool } from "../manifest/define-tool.js";
import { manifest } from "../manifest/index.js";
import type { ToolListing } from "./tool-listing.js";
import { toolListing } from "./tools-list.js";

let listings: readonly ToolListing[] | undefined;

/** Every manifest tool's listing, in manifest order. */
export function toolListings(): readonly ToolListing[] {
  return (listings ??= manifest.map(toolListing));
}

/** The manifest tool of that name (a name from its listing). */
export function loadTool(name: string): Tool {
  const tool = manifest.find((entry) => entry.name === name);
  if (!tool) throw new Error(`No manifest tool is named "${name}".`);
  return tool;
}
