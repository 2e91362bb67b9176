// The browser side of the test host (test/support/app-host.ts): the MCP Apps extension's own AppBridge
// embeds the view in a sandboxed frame, hands it the tool input and result it was given, and passes the
// view's tool calls to the host server (POST /call), which makes them on the real MCP server. Every message
// the bridge sends the view is kept in `window.sentToView` for the canary check.

import { AppBridge, PostMessageTransport, type McpUiHostContext } from "@modelcontextprotocol/ext-apps/app-bridge";

interface Session {
  html: string;
  args: Record<string, unknown>;
  result: Record<string, unknown>;
  tool: Record<string, unknown>;
  theme: "light" | "dark";
}

declare global {
  interface Window {
    sentToView: unknown[];
    viewInitialized: boolean;
    setHostTheme(theme: "light" | "dark"): Promise<void>;
    /** Hands the view another tool result, as a host does when the model calls the tool again. */
    sendResult(result: Record<string, unknown>): Promise<void>;
  }
}

const HOST_STYLES: Record<"light" | "dark", string> = { light: "#ffffff", dark: "#1b1b1f" };

async function main(): Promise<void> {
  const session = (await (await fetch("/session")).json()) as Session;
  const frame = document.getElementById("view") as HTMLIFrameElement;
  document.body.style.background = HOST_STYLES[session.theme];
  window.sentToView = [];
  window.viewInitialized = false;

  const context: McpUiHostContext = {
    theme: session.theme,
    locale: "en-US",
    platform: "web",
    displayMode: "inline",
    availableDisplayModes: ["inline"],
    containerDimensions: { maxHeight: 6000 },
    toolInfo: { tool: session.tool as never },
  };
  const bridge = new AppBridge(null, { name: "litellm-mcp-test-host", version: "0.0.0" }, { serverTools: {} }, { hostContext: context });
  bridge.oncalltool = async (params) => (await fetch("/call", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) })).json();
  bridge.onsizechange = ({ height }) => {
    if (height !== undefined) frame.style.height = `${height}px`;
  };
  bridge.oninitialized = () => {
    void bridge.sendToolInput({ arguments: session.args }).then(() => bridge.sendToolResult(session.result as never));
    window.viewInitialized = true;
  };
  window.setHostTheme = async (theme) => {
    document.body.style.background = HOST_STYLES[theme];
    await bridge.sendHostContextChange({ theme });
  };

  window.sendResult = (result) => bridge.sendToolResult(result as never);

  const transport = new PostMessageTransport(frame.contentWindow!, frame.contentWindow!);
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    window.sentToView.push(message);
    return send(message, options);
  };
  await bridge.connect(transport);
  frame.srcdoc = session.html;
}

void main();
