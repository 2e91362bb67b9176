// What the MCP client on the other end of a request declared it can do. A 2026-07-28 request carries the
// client's capabilities in its own _meta; a 2025-11-25 client declared them once, at initialize, which only a
// server that saw that initialize knows (stdio; not a stateless HTTP request).

import { CLIENT_CAPABILITIES_META_KEY, type ClientCapabilities, type ServerContext } from "@modelcontextprotocol/server";

export interface ClientDeclaration {
  /** The protocol era of the server this request meets: 2026-07-28 ("modern") or 2025 ("legacy"). */
  era: "legacy" | "modern";
  /** What a 2025 client declared at initialize; nothing for a server that never saw one. */
  initializedCapabilities: () => ClientCapabilities | undefined;
}

export function clientCapabilities(ctx: ServerContext, declared: ClientDeclaration): ClientCapabilities | undefined {
  if (declared.era === "legacy") return declared.initializedCapabilities();
  return ctx.mcpReq.envelope?.[CLIENT_CAPABILITIES_META_KEY as keyof NonNullable<ServerContext["mcpReq"]["envelope"]>] as ClientCapabilities | undefined;
}
