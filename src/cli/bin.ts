#!/usr/bin/env node
// The file the `litellm-mcp` bin runs (dist/index.cjs). It runs the bundled server (dist/server.cjs,
// from src/cli/index.ts) through the V8 code cache `npm run build` recorded, so a host's spawn skips
// compiling the 1.4 MB bundle and the functions start-up calls (README, "Start-up"). Nothing is written
// at run time unless the build asks for the cache (LITELLM_MCP_WRITE_CODE_CACHE=1).

import { join } from "node:path";
import { runWithCodeCache } from "./code-cache.js";

runWithCodeCache(join(__dirname, "server.cjs"), process.env.LITELLM_MCP_WRITE_CODE_CACHE === "1");
