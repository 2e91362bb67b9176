// Connects a real SDK Client to a server built in-process: a 2025-11-25 client over the SDK's in-memory
// transport (the default), or a 2026-07-28 one through the SDK's HTTP handler's fetch, which the SDK offers
// for testing that revision without sockets.

import { InMemoryTransport, StreamableHTTPClientTransport, type CallToolResult, type Client } from "@modelcontextprotocol/client";
import { createMcpHandler } from "@modelcontextprotocol/server";
import { loadConfig } from "../../src/config/config.ts";
import { createServer, type ServerDeps } from "../../src/mcp/server.ts";
import { newClient, type ClientSettings } from "./revisions.ts";

export const CANARY_MASTER_KEY = "sk-canary-master-7f3a9c2e41b8";
export const TEST_HOST = "http://litellm.test:4000";

/** A tool result as this server's tools give it: every outputSchema here describes an object. */
export type ToolResult = CallToolResult & { structuredContent?: Record<string, unknown> };

export interface Connected {
  client: Client;
  call(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  close(): Promise<void>;
}

export async function connect(env: Record<string, string | undefined> = {}, deps: ServerDeps = {}, settings: ClientSettings = {}): Promise<Connected> {
  const config = loadConfig({ LITELLM_HOST: TEST_HOST, LITELLM_MASTER_KEY: CANARY_MASTER_KEY, ...env });
  const revision = settings.revision ?? "2025-11-25";
  const client = newClient("litellm-mcp-test", { ...settings, revision });
  let closeServer: () => Promise<unknown>;
  if (revision === "2026-07-28") {
    const handler = createMcpHandler(({ era }) => createServer(config, { ...deps, era }));
    // The URL is never dialled: the handler answers each request in-process.
    await client.connect(new StreamableHTTPClientTransport(new URL("http://litellm-mcp.test/mcp"), { fetch: (url, init) => handler.fetch(new Request(url, init)) }));
    closeServer = () => handler.close();
  } else {
    const server = createServer(config, deps);
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    closeServer = () => server.close();
  }
  return {
    client,
    call: (name, args) => client.callTool({ name, arguments: args }) as Promise<ToolResult>,
    close: async () => {
      await client.close();
      await closeServer();
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
