// Spawns the built server (dist/index.cjs, the bin) over stdio and drives it with the SDK's Client, capturing stderr.

import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

export const BUILT_SERVER = fileURLToPath(new URL("../../dist/index.cjs", import.meta.url));

export interface Spawned {
  client: Client;
  /** The server process, for reading its memory. */
  pid: number;
  stderr: () => string;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function spawnServer(env: Record<string, string>, bin: string = BUILT_SERVER): Promise<Spawned> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin],
    // Only what the server needs: nothing from the test runner's environment leaks in.
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const client = new Client({ name: "litellm-mcp-e2e", version: "0.0.0" });
  await client.connect(transport);
  if (transport.pid === null) throw new Error(`${bin} did not start.`);
  return {
    client,
    pid: transport.pid,
    stderr: () => stderr,
    call: (name, args) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
    close: () => client.close(),
  };
}
