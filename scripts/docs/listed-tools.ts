// What a client sees of the tools: tools/list of a server built in this process, per selection of toolsets,
// with no policy set. The README's generated sections are written from it, so that a description, an
// argument or a size there is the one the server lists.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Tool as ListedTool } from "@modelcontextprotocol/sdk/types.js";
import { loadConfig } from "../../src/config/config.ts";
import { createServer } from "../../src/mcp/server.ts";

export interface Listing {
  tools: ListedTool[];
  /** Bytes of the serialized tools/list result, as the budget test and the benchmark count them. */
  bytes: number;
}

/** tools/list with LITELLM_MCP_TOOLSETS set to `selection`; no request reaches LiteLLM (none is made). */
export async function listedTools(selection: string): Promise<Listing> {
  const config = loadConfig({ LITELLM_HOST: "http://litellm.invalid:4000", LITELLM_MASTER_KEY: "sk-docs-unused", LITELLM_MCP_TOOLSETS: selection });
  const server = createServer(config);
  const client = new Client({ name: "litellm-mcp-docs", version: "0.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  try {
    const listing = await client.listTools();
    return { tools: listing.tools, bytes: Buffer.byteLength(JSON.stringify(listing)) };
  } finally {
    await client.close();
    await server.close();
  }
}
