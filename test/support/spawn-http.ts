// Starts the built bin with --http on a free port, waits for the address it logs, and connects SDK clients.

import { spawn, type ChildProcess } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, type StreamableHTTPClientTransportOptions } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { BUILT_SERVER } from "./spawn-server.ts";

export interface HttpInstance {
  url: URL;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Resolves once the server logs where it listens; rejects with its stderr if it exits first. */
export function startHttpInstance(args: string[], env: Record<string, string>, bin: string = BUILT_SERVER): Promise<HttpInstance> {
  const child: ChildProcess = spawn(process.execPath, [bin, "--http", "--port", "0", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) {
        resolve({
          url: new URL(match[1]!),
          stderr: () => stderr + (stdout ? `\n[stdout] ${stdout}` : ""),
          stop: async () => {
            child.kill("SIGTERM");
            await exited;
          },
        });
      }
    });
    void exited.then((code) => reject(Object.assign(new Error(`exited with ${code}: ${stderr}`), { code, stderr })));
  });
}

export async function connectHttp(url: URL, options: StreamableHTTPClientTransportOptions = {}): Promise<Client> {
  const client = new Client({ name: "litellm-mcp-http-e2e", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(url, options));
  return client;
}
