// A minimal MCP Apps host on loopback, for the browser test and `npm run demo -- --view`: one page that
// embeds a tool's view with the extension's own AppBridge (test/support/app-host-page.ts, bundled here by
// esbuild) and hands the view's tool calls to an MCP client of the real server. It serves the page, its
// script, the session (view HTML, the first call's arguments and result) and POST /call; nothing else.

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallToolResult, Client } from "@modelcontextprotocol/client";
import { build } from "esbuild";

export interface HostSession {
  html: string;
  args: Record<string, unknown>;
  result: CallToolResult;
  tool: Record<string, unknown>;
  theme: "light" | "dark";
}

export interface AppHost {
  url: string;
  /** Every tools/call the view asked for, in order. */
  calls: { name: string; arguments: Record<string, unknown> }[];
  /** Every result handed back to the view, in order. */
  results: CallToolResult[];
  stop(): Promise<void>;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>litellm-mcp test host</title>
<style>body{margin:0;padding:16px;font-family:system-ui,sans-serif}iframe{border:0;width:100%;height:200px;display:block}</style>
</head><body><iframe id="view" sandbox="allow-scripts" title="LiteLLM usage"></iframe><script src="/host.js"></script></body></html>`;

let script: Promise<string> | undefined;

function hostScript(): Promise<string> {
  script ??= build({
    entryPoints: [new URL("./app-host-page.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "warning",
  }).then((out) => out.outputFiles[0]!.text);
  return script;
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export async function startAppHost(client: Client, session: () => HostSession, port = 0): Promise<AppHost> {
  const code = await hostScript();
  const calls: AppHost["calls"] = [];
  const results: CallToolResult[] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, type: string, text: string) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(text);
    };
    const route = `${req.method} ${new URL(req.url ?? "/", "http://host").pathname}`;
    if (route === "GET /") return send(200, "text/html; charset=utf-8", PAGE);
    if (route === "GET /host.js") return send(200, "text/javascript", code);
    if (route === "GET /session") return send(200, "application/json", JSON.stringify(session()));
    if (route === "POST /call") {
      void body(req)
        .then(async (params) => {
          const call = params as AppHost["calls"][number];
          calls.push(call);
          const result = (await client.callTool(call)) as CallToolResult;
          results.push(result);
          send(200, "application/json", JSON.stringify(result));
        })
        .catch((error: unknown) => send(500, "application/json", JSON.stringify({ content: [{ type: "text", text: String(error) }], isError: true })));
      return;
    }
    send(404, "text/plain", "not found");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    results,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
