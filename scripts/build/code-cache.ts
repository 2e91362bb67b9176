// Records dist/server.cjs.v8cache: starts the built bin the way a host does (stdio, SDK client), has it
// answer initialize and tools/list, and lets it write V8's code cache as it exits. Those are the calls
// every host makes at launch, so the cache holds the functions a launch compiles.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const DEADLINE_MS = 30_000;

export async function recordCodeCache(bin: string): Promise<void> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin],
    // No LiteLLM is contacted: initialize and tools/list never call upstream. The environment is minimal
    // so the operator's own LITELLM_* settings cannot change what the build records.
    env: { PATH: process.env.PATH ?? "", LITELLM_MCP_WRITE_CODE_CACHE: "1" },
    stderr: "ignore",
  });
  const client = new Client({ name: "litellm-mcp-build", version: "0" });
  const deadline = setTimeout(() => {
    process.stderr.write(`build: the built server did not answer initialize and tools/list within ${DEADLINE_MS / 1000} s\n`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    await client.connect(transport);
    await client.listTools();
    await exited(transport);
  } finally {
    clearTimeout(deadline);
  }
}

/** Closes stdin (the server's cue to shut down) and waits for the process to be gone, cache written. */
async function exited(transport: StdioClientTransport): Promise<void> {
  const pid = transport.pid;
  await transport.close();
  while (pid !== null && isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
