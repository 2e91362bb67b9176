// Starts an MCP server over stdio exactly as a host does (SDK Client + StdioClientTransport) and keeps
// its pid, so the benchmark can time the start and read the process's memory. The spawning itself is the
// e2e tests' (test/support/spawn-server.ts), so both measure the same thing.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Revision } from "../../test/support/revisions.ts";
import { spawnServer, type Spawned } from "../../test/support/spawn-server.ts";

export type Running = Spawned;

/**
 * The file `npm run build` produces for the `litellm-mcp` bin, read from package.json rather than assumed,
 * so the benchmark measures whatever the build ships (tsc output or a bundle).
 */
export async function shippedEntry(root: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.["litellm-mcp"];
  if (!bin) throw new Error('package.json has no bin "litellm-mcp": nothing to benchmark.');
  return join(root, bin);
}

/** Started exactly as the e2e tests start the built server: SDK Client + StdioClientTransport (2025-11-25 unless told). */
export const startServer = (entry: string, env: Record<string, string>, revision: Revision = "2025-11-25"): Promise<Running> => spawnServer(env, entry, { revision });
