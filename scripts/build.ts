// Builds what the `litellm-mcp` bin runs:
//   dist/server.cjs          src/cli/index.ts and everything it imports (the MCP SDK, zod, openapi-fetch, the
//                            generated code) bundled by esbuild;
//   dist/index.cjs           the bin, src/cli/bin.ts: answers the opening of a stdio session itself, from the
//                            tool listings and the SDK's answers recorded here (scripts/build/catalog.ts), and
//                            runs server.cjs through V8's code cache for everything else;
//   dist/server.cjs.v8cache  that cache, recorded by running the built server once (a session with a call);
//   dist/usage-view.html     the usage view MCP Apps hosts draw (scripts/build/view.ts), also inlined in server.cjs.
//
// Why a bundle: MCP hosts spawn the server on every launch, and Node resolving and reading a few hundred
// module files costs more than the server's own start-up (see README, "Start-up"). Why CommonJS: Node
// starts a CommonJS file measurably faster than the same bundle as an ES module, and nothing bundled
// needs ESM-only features. Not minified: it made start-up slower, not faster, and keeps stack traces
// readable. Type checking is `npm run typecheck`; esbuild only strips types.

import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { codeCachePath } from "../src/cli/code-cache.ts";
import { catalogPlugin, makeCatalog } from "./build/catalog.ts";
import { recordCodeCache } from "./build/code-cache.ts";
import { buildUsageView } from "./build/view.ts";

const OUTFILE = "dist/index.cjs";
const SERVER = "dist/server.cjs";

const common: BuildOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  logLevel: "warning",
  // The SDK's runtime shim, with its JSON Schema validator loaded on first use (see the file).
  // By absolute path: esbuild resolves a relative alias against the working directory, not this file.
  alias: { "@modelcontextprotocol/server/_shims": fileURLToPath(new URL("./build/sdk-shims.ts", import.meta.url)) },
};

/** The server carries the view's HTML as a string, instead of reading a file beside the bundle at run time. */
function inlineView(html: string): Plugin {
  return {
    name: "inline-usage-view",
    setup(b) {
      b.onResolve({ filter: /\/usage-view-html\.js$/ }, () => ({ path: "usage-view-html", namespace: "inline-view" }));
      b.onLoad({ filter: /.*/, namespace: "inline-view" }, () => ({ contents: `export const usageViewHtml = () => ${JSON.stringify(html)};`, loader: "js" }));
    },
  };
}

rmSync("dist", { recursive: true, force: true });
const viewHtml = await buildUsageView();
let catalog;
try {
  catalog = await makeCatalog();
} catch (error) {
  // A manifest entry that throws as it is built stops here, in its own words.
  process.stderr.write(`build: the manifest could not be listed.\n${(error as Error).stack ?? error}\n`);
  process.exit(1);
}
const results = await Promise.all([
  // Bundled packages keep their licence comments, gathered at the end of the file.
  build({ ...common, entryPoints: ["src/cli/index.ts"], outfile: SERVER, legalComments: "eof", plugins: [inlineView(viewHtml), catalogPlugin(catalog, "server")] }),
  build({ ...common, entryPoints: ["src/cli/bin.ts"], outfile: OUTFILE, metafile: true, plugins: [catalogPlugin(catalog, "bin")] }),
]);
if (results.some((result) => result.errors.length > 0 || result.warnings.length > 0)) process.exit(1);
// The bin answers a launch before anything heavy is loaded; an import that drags zod or the SDK into it
// would quietly undo that.
const heavy = Object.keys(results[1].metafile!.inputs).filter((input) => /node_modules[\\/](zod|@modelcontextprotocol)[\\/]/.test(input));
if (heavy.length > 0) {
  process.stderr.write(`build: the bin (src/cli/bin.ts) must not import zod or the MCP SDK, but bundles ${heavy.slice(0, 3).join(", ")}\n`);
  process.exit(1);
}
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
 * times faster than decoding UTF-8 (src/cli/code-cache.ts). A \uXXXX escape means the same character in
 * strings, identifiers and regular expressions, should one ever be left there.
 */
function asciiOnly(file: string): void {
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
