// Who may talk to the HTTP server. Two independent gates: the Host and Origin headers must name this
// server (a DNS-rebinding page in a browser sends its own domain as Host; a page of another local app
// sends its own origin), and, when a token is set, every request must carry it as a bearer token
// (compared in constant time over equal-length digests). In caller mode the bearer is instead the caller's
// own LiteLLM key, which LiteLLM checks: here it only has to be there.

import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { networkInterfaces, hostname as machineName } from "node:os";
import { isHeaderSafeKey } from "../config/config.js";

export interface Refusal {
  status: 401 | 403;
  message: string;
}

/** Host names as URL parsing spells them: lower case, IPv6 in brackets. */
export function normalizeHost(name: string): string | undefined {
  const trimmed = name.trim();
  // A bare IPv6 address (two or more colons) needs brackets; "name:port" does not.
  const bracketed = (trimmed.match(/:/g)?.length ?? 0) >= 2 && !trimmed.startsWith("[") ? `[${trimmed}]` : trimmed;
  try {
    return new URL(`http://${bracketed}`).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

export function isLoopback(host: string): boolean {
  const name = normalizeHost(host);
  return name !== undefined && (name === "localhost" || name === "[::1]" || /^127(\.\d{1,3}){3}$/.test(name));
}

function isWildcard(name: string): boolean {
  return name === "0.0.0.0" || name === "[::]";
}

/**
 * The host names clients may use: the loopback names, the bound address (every interface address and
 * the machine's name when bound to all of them), and whatever the operator adds — the name a load
 * balancer or DNS gives this server.
 */
export function allowedHostsFor(bindHost: string, extra: readonly string[]): Set<string> {
  const names = new Set<string>(LOOPBACK_NAMES);
  const bound = normalizeHost(bindHost);
  if (bound && isWildcard(bound)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const { address } of addresses ?? []) {
        const name = normalizeHost(address.split("%")[0]!);
        if (name) names.add(name);
      }
    }
    names.add(machineName().toLowerCase());
  } else if (bound) {
    names.add(bound);
  }
  for (const entry of extra) {
    const name = normalizeHost(entry);
    if (name) names.add(name);
  }
  return names;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** Constant-time: both sides are hashed to 32 bytes first, so neither length nor content leaks. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

export interface GuardOptions {
  allowedHosts: ReadonlySet<string>;
  /**
   * The names the operator added (LITELLM_MCP_HTTP_ALLOWED_HOSTS): only these can sit behind a TLS
   * front, so only their https:// origins are this server's. The server itself speaks plain HTTP.
   */
  frontedHosts?: ReadonlySet<string>;
  /** When set, every request must send `Authorization: Bearer <token>`. */
  token?: string;
  /** Caller mode: every request must send the caller's LiteLLM key as `Authorization: Bearer <key>`. */
  callerKeys?: boolean;
}

/** What a request sends as `Authorization: Bearer <credential>`, trimmed, whatever its characters. */
function presentedBearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
}

/** The bearer credential of a request, if it sends one that could go into a header again unchanged. */
export function bearerOf(req: IncomingMessage): string | undefined {
  const value = presentedBearer(req);
  return value && isHeaderSafeKey(value) ? value : undefined;
}

/** The port a Host header names explicitly ("host:port", "[v6]:port"), or undefined. */
function explicitPort(hostHeader: string): string | undefined {
  return /^(?:\[[^\]]*\]|[^:]*):(\d+)$/.exec(hostHeader.trim())?.[1];
}

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/**
 * Whether an Origin is this server's own: http (or https, for a name behind a TLS front), an allowed
 * name, and the port the request came in on. Name alone is not enough: a page of another app on this
 * machine (http://localhost:5173) is another origin.
 */
function isOwnOrigin(origin: string, hostHeader: string, options: GuardOptions): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  const name = normalizeHost(url.host);
  if (!defaultPort || !name || !options.allowedHosts.has(name)) return false;
  if (url.protocol === "https:" && !options.frontedHosts?.has(name)) return false;
  // A Host without a port came through the scheme's default port, as far as the client knows.
  return (url.port || defaultPort) === (explicitPort(hostHeader) ?? defaultPort);
}

/** Host and Origin first (they say nothing secret), then the token. undefined means "let it through". */
export function refusalFor(req: IncomingMessage, options: GuardOptions, { needsToken }: { needsToken: boolean }): Refusal | undefined {
  const hostHeader = req.headers.host;
  const host = hostHeader ? normalizeHost(hostHeader) : undefined;
  if (!hostHeader || !host || !options.allowedHosts.has(host)) {
    return { status: 403, message: `Host "${hostHeader ?? ""}" is not one this server answers to; add it to LITELLM_MCP_HTTP_ALLOWED_HOSTS if it should be.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, hostHeader, options)) {
    return { status: 403, message: `Origin "${origin}" is not allowed: only pages of this server's own origin (scheme, name and port) may call it.` };
  }
  if (needsToken && options.token !== undefined) {
    // Compared as sent: the token only has to equal LITELLM_MCP_HTTP_TOKEN, which may hold a space.
    const presented = presentedBearer(req);
    if (presented === undefined || !tokenMatches(presented, options.token)) {
      return { status: 401, message: "Send the access token as Authorization: Bearer <LITELLM_MCP_HTTP_TOKEN>." };
    }
  }
  if (needsToken && options.callerKeys && bearerOf(req) === undefined) {
    return { status: 401, message: "Send your LiteLLM key as Authorization: Bearer sk-...: this server acts with each caller's own key (LITELLM_MCP_AUTH=caller)." };
  }
  return undefined;
}
