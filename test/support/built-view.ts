// Suites that run the server from source read the usage view from dist/, which `npm run build` (and so
// `npm test`) writes first. A suite run where no build happened (the upgrade test runs the unit suite in a
// fresh copy of the project) builds the view alone, the way the build does.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildUsageView } from "../../scripts/build/view.ts";
import { builtUsageViewUrl } from "../../src/mcp/apps/usage-view-html.ts";

export async function ensureUsageViewBuilt(): Promise<void> {
  const file = fileURLToPath(builtUsageViewUrl());
  if (!existsSync(file)) await buildUsageView(file);
}
