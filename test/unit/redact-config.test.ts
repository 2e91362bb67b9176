// redact() removes secrets in full and by fragment; config fails at start naming the bad variable.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { ConfigError } from "../../src/errors.ts";
import { REDACTED, redact } from "../../src/redact.ts";
import { VERSION } from "../../src/version.ts";

const secret = "sk-canary-0123456789abcdef";

describe("redact", () => {
  it.each([
    [`key=${secret}`, `key=${REDACTED}`],
    [`prefix ${secret.slice(0, 6)} only`, `prefix ${REDACTED} only`],
    [`suffix ...${secret.slice(-6)}`, `suffix ...${REDACTED}`],
    [`middle ${secret.slice(5, 15)} stays`, `middle ${secret.slice(5, 15)} stays`],
    [`short ${secret.slice(-5)} stays`, `short ${secret.slice(-5)} stays`],
  ])("%s", (input, expected) => {
    expect(redact(input, [secret])).toBe(expected);
  });

  it("handles several secrets, regex characters and nothing to hide", () => {
    const odd = "a.b*c+d?e(f)";
    expect(redact(`${odd} and ${secret}`, [secret, odd, undefined])).toBe(`${REDACTED} and ${REDACTED}`);
    expect(redact("plain text", [undefined])).toBe("plain text");
  });
});

describe("loadConfig", () => {
  it("defaults to a local proxy and sane timeouts", () => {
    expect(loadConfig({})).toEqual({
      host: "http://localhost:4000",
      auth: "master",
      adminTimeoutMs: 15_000,
      completionTimeoutMs: 60_000,
      maxResponseBytes: 10 * 1024 * 1024,
      policy: { allowNoExpiry: false, requireBudget: false, metadataFields: [], readOnly: false, disabledTools: [] },
      retry: { retries: 2, maxWaitMs: 10_000 },
      requireConfirmation: false,
    });
  });

  it("trims a trailing slash and keeps a path prefix", () => {
    expect(loadConfig({ LITELLM_HOST: "https://gw.example.com/litellm/" }).host).toBe("https://gw.example.com/litellm");
  });

  it.each([
    [{ LITELLM_HOST: "localhost:4000" }, /LITELLM_HOST must start with http/],
    [{ LITELLM_HOST: "not a url" }, /LITELLM_HOST must be a URL/],
    [{ LITELLM_HOST: "http://user:pw@host" }, /must not carry credentials/],
    [{ LITELLM_MCP_ADMIN_TIMEOUT_MS: "soon" }, /LITELLM_MCP_ADMIN_TIMEOUT_MS must be a positive whole number/],
    [{ LITELLM_MCP_MAX_RESPONSE_BYTES: "-1" }, /LITELLM_MCP_MAX_RESPONSE_BYTES/],
  ])("%j fails with the variable's name", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

it("the User-Agent version is the package version", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
