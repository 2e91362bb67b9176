// Connects a real SDK Client to a server built in-process, over the SDK's in-memory transport.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { loadConfig } from "../../src/config.ts";
import { createServer, type ServerDeps } from "../../src/server.ts";

export const CANARY_MASTER_KEY = "sk-canary-master-7f3a9c2e41b8";
export const TEST_HOST = "http://litellm.test:4000";

export interface Connected {
  client: Client;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function connect(env: Record<string, string | undefined> = {}, deps: ServerDeps = {}): Promise<Connected> {
  const config = loadConfig({ LITELLM_HOST: TEST_HOST, LITELLM_MASTER_KEY: CANARY_MASTER_KEY, ...env });
  const server = createServer(config, deps);
  const client = new Client({ name: "litellm-mcp-test", version: "0.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    call: (name, args) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** The names of the tools a server built with `env` lists, sorted. */
export async function listedTools(env: Record<string, string | undefined> = {}): Promise<string[]> {
  const bridge = await connect(env);
  const { tools } = await bridge.client.listTools();
  await bridge.close();
  return tools.map((t) => t.name).sort();
}

/** The single text block of a result. */
export function textOf(result: CallToolResult): string {
  const block = result.content[0];
  if (!block || block.type !== "text") throw new Error(`expected a text block, got ${JSON.stringify(result.content)}`);
  return block.text;
}
