// Records dist/server.cjs.v8cache: starts the built bin the way a host does (stdio, SDK client), has it
// answer initialize and tools/list and make one call of list_models against a local stand-in for LiteLLM,
// and lets it write V8's code cache as it exits. The call hands the session to the bundled server (the
// opening is answered without it, src/cli/stdio.ts), so the cache holds the functions a session runs.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { spawnServer } from "../../test/support/spawn-server.ts";

const DEADLINE_MS = 30_000;

/** Just enough of LiteLLM for list_models: GET /models. */
async function startModelsStandIn(): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    res.writeHead(req.url === "/models" ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(req.url === "/models" ? { object: "list", data: [{ id: "build-model", object: "model", created: 0, owned_by: "build" }] } : {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export async function recordCodeCache(bin: string): Promise<void> {
  const deadline = setTimeout(() => {
    process.stderr.write(`build: the built server did not answer initialize, tools/list and a call within ${DEADLINE_MS / 1000} s\n`);
    process.exit(1);
  }, DEADLINE_MS);
  const standIn = await startModelsStandIn();
  try {
    // spawnServer passes only PATH and these variables, so the operator's own LITELLM_* settings cannot
    // change what the build records; LiteLLM is the stand-in on loopback.
    const server = await spawnServer({ LITELLM_MCP_WRITE_CODE_CACHE: "1", LITELLM_HOST: standIn.url, LITELLM_MASTER_KEY: "sk-build-0000000000" }, bin);
    try {
      await server.client.listTools();
      const called = await server.call("list_models", {});
      if (called.isError) throw new Error(`list_models answered an error: ${JSON.stringify(called.content)}`);
    } catch (error) {
      throw new Error(`${bin} did not answer tools/list and a call (${(error as Error).message}). Its stderr:\n${server.stderr().trimEnd()}`);
    }
    // Closing ends stdin, the server's cue to exit, and waits until the process is gone: the cache is written.
    await server.close();
  } catch (error) {
    // A server that cannot start is a failed build; its own words (after a breaking regen, typically a
    // TypeError from a manifest entry) say where to look, not the SDK's "Connection closed".
    process.stderr.write(`build: the built server does not start, so there is no code cache to record.\n${(error as Error).message}\n`);
    process.exit(1);
  } finally {
    standIn.close();
    clearTimeout(deadline);
  }
}
