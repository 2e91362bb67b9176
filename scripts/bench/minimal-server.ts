// The cold-start floor: a one-tool McpServer written the plain way, as the SDK's README shows it. The
// benchmark compiles it with tsc (not bundled) and spawns it beside the shipped server.

import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "minimal", version: "0.0.0" });

server.registerTool(
  "echo",
  { title: "Echo", description: "Echo the text back.", inputSchema: { text: z.string().describe("What to echo.") } },
  async ({ text }) => ({ content: [{ type: "text", text }] }),
);

await server.connect(new StdioServerTransport());
