// The per-call and memory floor: list_models written the plain way as a one-tool McpServer — fetch the
// upstream, hand back its JSON as text — with no validation, redaction or error mapping. What any MCP
// tool over stdio costs; the shipped server's extra over it is the bridge's own work.

import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";

const host = process.env.LITELLM_HOST ?? "http://localhost:4000";

serveStdio(() => {
  const server = new McpServer({ name: "plain-fetch", version: "0.0.0" });
  server.registerTool("list_models", { description: "List the proxy's models." }, async () => {
    const response = await fetch(`${host}/models`, { headers: { authorization: `Bearer ${process.env.LITELLM_MASTER_KEY}` } });
    return { content: [{ type: "text", text: JSON.stringify(await response.json()) }], isError: !response.ok };
  });
  return server;
});
