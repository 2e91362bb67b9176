// Starts an MCP server over stdio exactly as a host does (SDK Client + StdioClientTransport) and keeps
// its pid, so the benchmark can time the start and read the process's memory.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

export interface Running {
  client: Client;
  pid: number;
  stderr(): string;
  close(): Promise<void>;
}

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

export async function startServer(entry: string, env: Record<string, string>): Promise<Running> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry],
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const client = new Client({ name: "litellm-mcp-bench", version: "0.0.0" });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error(`${entry} did not start.`);
  return { client, pid, stderr: () => stderr, close: () => client.close() };
}
