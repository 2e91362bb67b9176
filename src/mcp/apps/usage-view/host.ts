// The view's side of the MCP Apps protocol: JSON-RPC over postMessage with the window that embeds it (the
// host), by hand. The extension's own App class would bring the MCP SDK's Protocol and zod schemas with it,
// some hundred times the size of these few messages; the host side of every test is the extension's own
// AppBridge, which holds this to the protocol.

type Json = Record<string, unknown>;

export interface HostContext {
  theme?: unknown;
  locale?: unknown;
  styles?: { variables?: Record<string, unknown> };
}

export interface HostEvents {
  /** The arguments of the call whose result is on its way (ui/notifications/tool-input). */
  toolInput(args: Json): void;
  /** A tool result: the call that opened the view, or one the view asked for. */
  toolResult(result: Json): void;
  toolCancelled(reason: string): void;
  /** Theme, locale or styles changed; only the fields that did. */
  context(changes: HostContext): void;
}

export interface Host {
  /** Whether the host passes the view's tool calls on to the server (its serverTools capability). */
  readonly callsTools: boolean;
  callTool(name: string, args: Json): Promise<Json>;
}

/** The revision of the extension's protocol this view speaks. */
const PROTOCOL_VERSION = "2026-01-26";

export async function connect(appInfo: { name: string; version: string }, events: HostEvents): Promise<Host> {
  const parent = window.parent;
  const waiting = new Map<number, { resolve(result: Json): void; reject(error: Error): void }>();
  let nextId = 1;
  const post = (message: Json) => parent.postMessage({ jsonrpc: "2.0", ...message }, "*");
  const request = (method: string, params: Json) =>
    new Promise<Json>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      post({ id, method, params });
    });

  const notifications: Record<string, (params: Json) => void> = {
    "ui/notifications/tool-input": (p) => events.toolInput((p.arguments as Json | undefined) ?? {}),
    "ui/notifications/tool-result": (p) => events.toolResult(p),
    "ui/notifications/tool-cancelled": (p) => events.toolCancelled(typeof p.reason === "string" ? p.reason : "cancelled"),
    "ui/notifications/host-context-changed": (p) => events.context(p),
  };

  window.addEventListener("message", (event) => {
    // Only the host speaks to the view; anything else posting here is ignored.
    if (event.source !== parent) return;
    const message = event.data as Json | null;
    if (typeof message !== "object" || message === null || message.jsonrpc !== "2.0") return;
    const { id, method } = message;
    if (typeof method !== "string") {
      const pending = typeof id === "number" ? waiting.get(id) : undefined;
      if (!pending) return;
      waiting.delete(id as number);
      const error = message.error as { message?: unknown } | undefined;
      if (error) pending.reject(new Error(typeof error.message === "string" ? error.message : "The host refused the request."));
      else pending.resolve((message.result as Json | undefined) ?? {});
      return;
    }
    const params = (message.params as Json | undefined) ?? {};
    if (id === undefined) return notifications[method]?.(params);
    // Requests from the host: a teardown and a ping are acknowledged; the view offers nothing else.
    if (method === "ui/resource-teardown" || method === "ping") return post({ id, result: {} });
    post({ id, error: { code: -32601, message: `The usage view does not handle ${method}.` } });
  });

  const initialized = await request("ui/initialize", { appInfo, appCapabilities: { availableDisplayModes: ["inline"] }, protocolVersion: PROTOCOL_VERSION });
  events.context((initialized.hostContext as HostContext | undefined) ?? {});
  post({ method: "ui/notifications/initialized", params: {} });

  // The host sizes the frame to what the view needs (flexible height).
  let lastHeight = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ method: "ui/notifications/size-changed", params: { height } });
  }).observe(document.documentElement);

  const capabilities = (initialized.hostCapabilities as Json | undefined) ?? {};
  return {
    callsTools: typeof capabilities.serverTools === "object" && capabilities.serverTools !== null,
    callTool: (name, args) => request("tools/call", { name, arguments: args }),
  };
}
