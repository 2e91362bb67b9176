// The cold-start floor: a one-tool McpServer written the plain way, as the SDK's documentation shows it
// (served by serveStdio, which answers both protocol revisions). The benchmark compiles it with tsc (not
// bundled) and spawns it beside the shipped server.

import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { z } from "zod";

serveStdio(() => {
  const server = new McpServer({ name: "minimal", version: "0.0.0" });
  server.registerTool(
    "echo",
    { title: "Echo", description: "Echo the text back.", inputSchema: z.object({ text: z.string().describe("What to echo.") }) },
    async ({ text }) => ({ content: [{ type: "text", text }] }),
  );
  return server;
});
