// The --http admission rule and the JSON cost check, on their own: what a process takes in at once, and
// which bodies are refused before JSON.parse sees them (test/e2e/http-limits.test.ts tries both on the built
// server under floods).

import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { Admission, MAX_BODY_BYTES, MAX_CONCURRENT_REQUESTS, MAX_IN_FLIGHT_BYTES, MAX_JSON_DEPTH, MAX_JSON_VALUES, tooCostlyJson } from "../../src/mcp/http-server-limits.ts";

const request = (contentLength?: number) => ({ headers: contentLength === undefined ? {} : { "content-length": String(contentLength) } }) as IncomingMessage;

describe("Admission", () => {
  it(`takes bodies up to ${MAX_IN_FLIGHT_BYTES} bytes at once, turns the next away as busy, and takes it again once one is done`, () => {
    const admission = new Admission();
    const releases = Array.from({ length: MAX_IN_FLIGHT_BYTES / MAX_BODY_BYTES }, () => admission.admit(request(MAX_BODY_BYTES)));
    expect(releases.every((r) => typeof r === "function")).toBe(true);
    expect(admission.admit(request(1))).toEqual({ status: 503, message: expect.stringMatching(/busy/), retryAfter: 1 });
    (releases[0] as () => void)();
    // Releasing twice frees nothing more.
    (releases[0] as () => void)();
    expect(admission.held.bytes).toBe(MAX_IN_FLIGHT_BYTES - MAX_BODY_BYTES);
    expect(typeof admission.admit(request(MAX_BODY_BYTES))).toBe("function");
  });

  it("counts a body that declares no length as the largest there may be", () => {
    const admission = new Admission();
    for (let i = 0; i < MAX_IN_FLIGHT_BYTES / MAX_BODY_BYTES; i++) expect(typeof admission.admit(request())).toBe("function");
    expect(admission.admit(request(1))).toMatchObject({ status: 503 });
  });

  it(`takes at most ${MAX_CONCURRENT_REQUESTS} requests at once, however small`, () => {
    const admission = new Admission();
    for (let i = 0; i < MAX_CONCURRENT_REQUESTS; i++) expect(typeof admission.admit(request(10))).toBe("function");
    expect(admission.admit(request(10))).toMatchObject({ status: 503 });
  });

  it("refuses a body declared larger than the limit with 413, holding nothing", () => {
    const admission = new Admission();
    expect(admission.admit(request(MAX_BODY_BYTES + 1))).toMatchObject({ status: 413 });
    expect(admission.held).toEqual({ requests: 0, bytes: 0 });
  });
});

describe("tooCostlyJson", () => {
  const bytes = (text: string) => Buffer.from(text, "utf8");

  it(`passes a long conversation, and refuses more than ${MAX_JSON_VALUES} values however short the text`, () => {
    const messages = JSON.stringify({ messages: Array.from({ length: 2_000 }, (_, i) => ({ role: "user", content: `message ${i}, with, commas, inside [the] {text}` })) });
    expect(tooCostlyJson(bytes(messages))).toBeUndefined();
    expect(tooCostlyJson(bytes(`[${"0,".repeat(MAX_JSON_VALUES)}0]`))).toMatchObject({ status: 413 });
    expect(tooCostlyJson(bytes(`[${"{},".repeat(MAX_JSON_VALUES)}{}]`))).toMatchObject({ status: 413 });
  });

  it("counts no structure inside strings, escaped quotes included", () => {
    expect(tooCostlyJson(bytes(JSON.stringify({ text: `"\\${",[{".repeat(MAX_JSON_VALUES)}` })))).toBeUndefined();
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels`, () => {
    expect(tooCostlyJson(bytes(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`))).toBeUndefined();
    expect(tooCostlyJson(bytes(`${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`))).toMatchObject({ status: 400 });
  });
});
