// Records dist/server.cjs.v8cache: starts the built bin the way a host does (stdio, SDK client), has it
// answer initialize and tools/list, and lets it write V8's code cache as it exits. Those are the calls
// every host makes at launch, so the cache holds the functions a launch compiles.

import { spawnServer } from "../../test/support/spawn-server.ts";

const DEADLINE_MS = 30_000;

export async function recordCodeCache(bin: string): Promise<void> {
  const deadline = setTimeout(() => {
    process.stderr.write(`build: the built server did not answer initialize and tools/list within ${DEADLINE_MS / 1000} s\n`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    // No LiteLLM is contacted: initialize and tools/list never call upstream. spawnServer passes only PATH
    // and these variables, so the operator's own LITELLM_* settings cannot change what the build records.
    const server = await spawnServer({ LITELLM_MCP_WRITE_CODE_CACHE: "1" }, bin);
    try {
      await server.client.listTools();
    } catch (error) {
      throw new Error(`${bin} did not answer tools/list (${(error as Error).message}). Its stderr:\n${server.stderr().trimEnd()}`);
    }
    // Closing ends stdin, the server's cue to exit, and waits until the process is gone: the cache is written.
    await server.close();
  } catch (error) {
    // A server that cannot start is a failed build; its own words (after a breaking regen, typically a
    // TypeError from a manifest entry) say where to look, not the SDK's "Connection closed".
    process.stderr.write(`build: the built server does not start, so there is no code cache to record.\n${(error as Error).message}\n`);
    process.exit(1);
  } finally {
    clearTimeout(deadline);
  }
}
