// Builds what the `litellm-mcp` bin runs:
//   dist/server.cjs          src/index.ts and everything it imports (the MCP SDK, zod, openapi-fetch, the
//                            generated code) bundled by esbuild;
//   dist/index.cjs           the bin, src/bin.ts: runs server.cjs through V8's code cache;
//   dist/server.cjs.v8cache  that cache, recorded by running the built server once (initialize, tools/list).
//
// Why a bundle: MCP hosts spawn the server on every launch, and Node resolving and reading a few hundred
// module files costs more than the server's own start-up (see README, "Start-up"). Why CommonJS: Node
// starts a CommonJS file measurably faster than the same bundle as an ES module, and nothing bundled
// needs ESM-only features. Not minified: it made start-up slower, not faster, and keeps stack traces
// readable. Type checking is `npm run typecheck`; esbuild only strips types.

import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { codeCachePath } from "../src/code-cache.ts";
import { recordCodeCache } from "./build/code-cache.ts";

const OUTFILE = "dist/index.cjs";
const SERVER = "dist/server.cjs";

const common: BuildOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  logLevel: "warning",
  // The SDK's runtime shim, with its JSON Schema validator loaded on first use (see the file). Named from this
  // script, not the working directory: the drift and regen tests build copies that hold no scripts/.
  alias: { "@modelcontextprotocol/server/_shims": fileURLToPath(new URL("./build/sdk-shims.ts", import.meta.url)) },
};

rmSync("dist", { recursive: true, force: true });
const results = await Promise.all([
  // Bundled packages keep their licence comments, gathered at the end of the file.
  build({ ...common, entryPoints: ["src/index.ts"], outfile: SERVER, legalComments: "eof" }),
  build({ ...common, entryPoints: ["src/bin.ts"], outfile: OUTFILE }),
]);
if (results.some((result) => result.errors.length > 0 || result.warnings.length > 0)) process.exit(1);
chmodSync(OUTFILE, 0o755);
asciiOnly(SERVER);

// Recording the cache also proves the bundle starts and answers; a bundle that cannot is a failed build.
await recordCodeCache(OUTFILE);
if (!existsSync(codeCachePath(SERVER))) {
  process.stderr.write(`build: the server ran but wrote no code cache at ${codeCachePath(SERVER)}\n`);
  process.exit(1);
}

/**
 * esbuild escapes non-ASCII characters in code but keeps them in the comments it carries over from
 * node_modules. Escaping those too makes the bundle pure ASCII, which the bin reads as Latin-1, several
 * times faster than decoding UTF-8 (src/code-cache.ts). A \uXXXX escape means the same character in
 * strings, identifiers and regular expressions, should one ever be left there.
 */
function asciiOnly(file: string): void {
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
