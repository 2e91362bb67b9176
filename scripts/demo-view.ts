// `npm run demo -- --view`: the usage view as an MCP Apps host draws it, in your browser. Spawns the built
// server as a host that declares the extension would, asks get_usage_report for the last seven days by
// team, and serves a small host page on loopback (the extension's own AppBridge, test/support/app-host.ts)
// until Ctrl-C. Against the stand-in the usage is a real LiteLLM's recorded report (test/fixtures/usage/).

import type { CallToolResult } from "@modelcontextprotocol/client";
import { UI_EXTENSION, UI_MIME_TYPE } from "../src/mcp/apps/ui-extension.ts";
import { USAGE_VIEW_URI } from "../src/mcp/apps/views.ts";
import { startAppHost } from "../test/support/app-host.ts";
import { BUILT_SERVER, spawnServer } from "../test/support/spawn-server.ts";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function showUsageView(env: Record<string, string>): Promise<void> {
  const server = await spawnServer({ ...env, LITELLM_MCP_TOOLSETS: "usage" }, BUILT_SERVER, { capabilities: { extensions: { [UI_EXTENSION]: { mimeTypes: [UI_MIME_TYPE] } } } });
  try {
    const { tools } = await server.client.listTools();
    const tool = tools.find((t) => t.name === "get_usage_report")!;
    const read = await server.client.readResource({ uri: USAGE_VIEW_URI });
    const html = (read.contents[0] as { text: string }).text;
    const args = { start_date: day(-6), end_date: day(0), group_by: "team" };
    const result = (await server.call("get_usage_report", args)) as CallToolResult;
    const theme = process.env.LITELLM_MCP_DEMO_THEME === "dark" ? "dark" : "light";
    const host = await startAppHost(server.client, () => ({ html, args, result, tool: tool as unknown as Record<string, unknown>, theme }), Number(process.env.LITELLM_MCP_DEMO_PORT ?? 0));
    console.log(`\nThe usage view (${USAGE_VIEW_URI}, ${html.length} bytes) in a loopback MCP Apps host: open ${host.url}`);
    console.log("Switch the breakdown or the days in the view: each is one get_usage_report call through the host. Ctrl-C stops.");
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    await host.stop();
  } finally {
    await server.close();
  }
}
