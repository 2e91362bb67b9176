#!/usr/bin/env node
// The file the `litellm-mcp` bin runs (dist/index.cjs). The stdio server, which hosts launch, starts here and
// answers the opening of a session itself (src/cli/stdio.ts); the rest of it, and every other command, runs
// in the bundled server (dist/server.cjs, from src/cli/index.ts), loaded through the V8 code cache `npm run
// build` recorded, so it skips compiling the 1.8 MB bundle and the functions a session calls (README,
// "Start-up"). Nothing is written at run time unless the build asks for the cache
// (LITELLM_MCP_WRITE_CODE_CACHE=1).

import { join } from "node:path";
import { parseCommand } from "./args.js";
import { exitForStartFailure } from "./fatal.js";
import { runStdio } from "./stdio.js";
import { runWithCodeCache } from "./code-cache.js";

type ServerBundle = typeof import("./index.js");

const loadServer = () => runWithCodeCache(join(__dirname, "server.cjs"), process.env.LITELLM_MCP_WRITE_CODE_CACHE === "1") as ServerBundle;

const argv = process.argv.slice(2);
if (parseCommand(argv).kind === "stdio") {
  try {
    // The server is loaded once the opening is answered; a bundle that cannot load then stops the process as a start would.
    runStdio(() => {
      try {
        return loadServer();
      } catch (error) {
        return exitForStartFailure(error);
      }
    });
  } catch (error) {
    exitForStartFailure(error);
  }
} else {
  loadServer().run(argv);
}
