// Builds the one file the `litellm-mcp` bin runs: src/index.ts and everything it imports (the MCP SDK,
// zod, openapi-fetch, the generated code) bundled by esbuild into dist/index.cjs.
//
// Why a bundle: MCP hosts spawn the server on every launch, and Node resolving and reading a few hundred
// module files costs more than the server's own start-up (see README, "Start-up"). Why CommonJS: Node
// starts a CommonJS file measurably faster than the same bundle as an ES module, and nothing bundled
// needs ESM-only features. Not minified: it made start-up slower, not faster, and keeps stack traces
// readable. Type checking is `npm run typecheck`; esbuild only strips types.

import { chmodSync, rmSync } from "node:fs";
import { build } from "esbuild";

export const OUTFILE = "dist/index.cjs";

rmSync("dist", { recursive: true, force: true });
const result = await build({
  entryPoints: ["src/index.ts"],
  outfile: OUTFILE,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  logLevel: "warning",
  // Bundled packages keep their licence comments, gathered at the end of the file.
  legalComments: "eof",
});
if (result.errors.length > 0 || result.warnings.length > 0) process.exit(1);
chmodSync(OUTFILE, 0o755);
