// The HTTP server's gate: which Host and Origin headers pass, and the constant-time token compare.

import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { allowedHostsFor, bearerOf, isLoopback, normalizeHost, refusalFor, tokenMatches } from "../../src/mcp/http-guard.ts";

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe("host names", () => {
  it("normalizes names, ports and IPv6 the way URL parsing does", () => {
    expect(normalizeHost("LocalHost:3000")).toBe("localhost");
    expect(normalizeHost("::1")).toBe("[::1]");
    expect(normalizeHost("[::1]:3000")).toBe("[::1]");
    expect(normalizeHost("127.0.0.1:80")).toBe("127.0.0.1");
    expect(normalizeHost("bad host")).toBeUndefined();
  });

  it("treats localhost, 127.0.0.0/8 and ::1 as loopback, and nothing else", () => {
    for (const host of ["localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]"]) expect(isLoopback(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "example.com", "128.0.0.1"]) expect(isLoopback(host)).toBe(false);
  });

  it("allows the loopback names and the bound address, plus what the operator adds", () => {
    expect([...allowedHostsFor("127.0.0.1", [])].sort()).toEqual(["127.0.0.1", "[::1]", "localhost"]);
    expect(allowedHostsFor("10.0.0.5", ["mcp.example.com", " Other.Example:443 "])).toEqual(new Set(["localhost", "127.0.0.1", "[::1]", "10.0.0.5", "mcp.example.com", "other.example"]));
    // Bound to every interface: every interface address answers (loopback among them).
    expect(allowedHostsFor("0.0.0.0", []).has("127.0.0.1")).toBe(true);
  });
});

describe("refusalFor", () => {
  const options = { allowedHosts: allowedHostsFor("127.0.0.1", []), token: "tok-0123456789abcdef" };
  const withToken = { host: "127.0.0.1:3000", authorization: "Bearer tok-0123456789abcdef" };

  it("lets a request through with an allowed Host, no Origin and the token", () => {
    expect(refusalFor(request(withToken), options, { needsToken: true })).toBeUndefined();
    // The server's own origin, by any of its names.
    for (const origin of ["http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000"]) {
      expect(refusalFor(request({ ...withToken, origin }), options, { needsToken: true }), origin).toBeUndefined();
    }
  });

  it("refuses an Origin on another port or scheme, even with an allowed name", () => {
    for (const origin of ["http://localhost:5173", "http://127.0.0.1", "https://127.0.0.1:3000", "ws://localhost:3000", "file:///etc/passwd"]) {
      expect(refusalFor(request({ ...withToken, origin }), options, { needsToken: true }), origin).toMatchObject({ status: 403 });
    }
  });

  it("takes https only for a name the operator put behind a front, on the port the client used", () => {
    const fronted = { allowedHosts: allowedHostsFor("0.0.0.0", ["mcp.example.com"]), frontedHosts: new Set(["mcp.example.com"]), token: options.token };
    const via = (host: string, origin: string) => refusalFor(request({ host, origin, authorization: withToken.authorization }), fronted, { needsToken: true });
    expect(via("mcp.example.com", "https://mcp.example.com")).toBeUndefined();
    expect(via("mcp.example.com", "http://mcp.example.com")).toBeUndefined();
    expect(via("mcp.example.com:8443", "https://mcp.example.com:8443")).toBeUndefined();
    expect(via("mcp.example.com", "https://mcp.example.com:8443")?.status).toBe(403);
    expect(via("127.0.0.1:3000", "https://127.0.0.1:3000")?.status).toBe(403);
  });

  it("refuses a Host it does not answer to (DNS rebinding), whatever the token", () => {
    expect(refusalFor(request({ ...withToken, host: "attacker.example:3000" }), options, { needsToken: true })?.status).toBe(403);
    expect(refusalFor(request({ authorization: withToken.authorization }), options, { needsToken: true })?.status).toBe(403);
  });

  it("refuses a foreign or opaque Origin", () => {
    for (const origin of ["http://attacker.example", "null", "not a url"]) {
      expect(refusalFor(request({ ...withToken, origin }), options, { needsToken: true })).toMatchObject({ status: 403 });
    }
  });

  it("refuses a missing or wrong token with 401, and does not ask for one where none is needed", () => {
    for (const authorization of [undefined, "Bearer tok-0123456789abcdeX", "Bearer tok-0123456789abcdef-and-more", "tok-0123456789abcdef", "Basic dG9rOg=="]) {
      const headers: Record<string, string> = { host: "localhost" };
      if (authorization) headers.authorization = authorization;
      expect(refusalFor(request(headers), options, { needsToken: true })?.status).toBe(401);
      expect(refusalFor(request(headers), options, { needsToken: false })).toBeUndefined();
    }
  });

  it("takes a token as the operator set it, spaces and all (only a caller's LiteLLM key must be header-safe)", () => {
    const passphrase = { allowedHosts: options.allowedHosts, token: "correct horse battery staple" };
    expect(refusalFor(request({ host: "localhost", authorization: "Bearer correct horse battery staple" }), passphrase, { needsToken: true })).toBeUndefined();
    expect(refusalFor(request({ host: "localhost", authorization: "Bearer correct horse" }), passphrase, { needsToken: true })?.status).toBe(401);
  });

  it("compares tokens over digests, so different lengths are simply unequal", () => {
    expect(tokenMatches("abc", "abc")).toBe(true);
    expect(tokenMatches("abc", "abcd")).toBe(false);
    expect(tokenMatches("", "abc")).toBe(false);
  });
});

describe("refusalFor in caller mode", () => {
  const options = { allowedHosts: allowedHostsFor("127.0.0.1", []), callerKeys: true };

  it("wants a bearer key on every MCP request, of any value LiteLLM could be sent (LiteLLM judges it)", () => {
    for (const authorization of ["Bearer sk-alice-0001", "bearer  eyJhbGciOiJSUzI1NiJ9.e30.sig"]) {
      expect(refusalFor(request({ host: "localhost", authorization }), options, { needsToken: true })).toBeUndefined();
    }
    for (const authorization of [undefined, "Bearer ", "sk-alice-0001", "Basic dG9rOg==", "Bearer sk-with space", "Bearer sk-ключ"]) {
      const headers: Record<string, string> = { host: "localhost" };
      if (authorization) headers.authorization = authorization;
      expect(refusalFor(request(headers), options, { needsToken: true })).toMatchObject({ status: 401, message: expect.stringMatching(/LiteLLM key as Authorization: Bearer/) });
      expect(refusalFor(request(headers), options, { needsToken: false })).toBeUndefined();
    }
  });

  it("still checks Host first", () => {
    expect(refusalFor(request({ host: "attacker.example", authorization: "Bearer sk-alice-0001" }), options, { needsToken: true })?.status).toBe(403);
  });

  it("hands on the key exactly as sent", () => {
    expect(bearerOf(request({ authorization: "Bearer sk-alice-0001 " }))).toBe("sk-alice-0001");
    expect(bearerOf(request({ authorization: "Bearer sk-with space" }))).toBeUndefined();
  });
});
