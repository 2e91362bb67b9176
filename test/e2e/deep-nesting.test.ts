// JSON nested far deeper than anything LiteLLM stores, through the built server over raw stdio (an SDK
// client cannot even serialize such arguments): a deep `metadata` is refused with a sentence before
// anything reaches LiteLLM, never an internal error, and the server keeps serving.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeLiteLLM } from "../support/fake-litellm.ts";
import { rawServerOnStandIn, type Message, type RawOnStandIn, type RawServer } from "../support/raw-stdio.ts";

let running: RawOnStandIn;
let upstream: FakeLiteLLM;
let server: RawServer;

/** `{"a":{"a":…}}` with `levels` objects, written as text: JSON.stringify itself would overflow the stack. */
function nested(levels: number): string {
  return `${'{"a":'.repeat(levels - 1)}{}${"}".repeat(levels - 1)}`;
}

function callRaw(id: string, name: string, argumentsJson: string): Promise<Message> {
  server.write(`{"jsonrpc":"2.0","id":"${id}","method":"tools/call","params":{"name":"${name}","arguments":${argumentsJson}}}`);
  return server.answerTo(id);
}

function outcome(answer: Message): { isError: boolean; text: string } {
  const result = answer.result as { isError?: boolean; content: { text: string }[] } | undefined;
  if (!result) throw new Error(`expected a tool result, got ${JSON.stringify(answer).slice(0, 300)}`);
  return { isError: result.isError === true, text: result.content[0]!.text };
}

beforeAll(async () => {
  // The operator lets the assistant write the free-form metadata field these tests nest.
  running = await rawServerOnStandIn({ LITELLM_MCP_METADATA_FIELDS: "a" });
  ({ server, upstream } = running);
});
afterAll(() => running.stop("deep-nesting"));

describe("deeply nested arguments", () => {
  it.each([
    ["generate_key", 10_000, '"models":["mock-gpt"],"user_id":"litellm-mcp-demo","duration":"1h"'],
    ["update_key", 150, '"key":"sk-minted-Ab12Cd34Ef56Gh78"'],
  ])("%s with metadata %i levels deep is an isError sentence, and nothing is sent", async (tool, levels, rest) => {
    const before = upstream.requests.length;
    const { isError, text } = outcome(await callRaw(`deep-${tool}`, tool, `{${rest},"metadata":${nested(levels)}}`));
    expect(isError).toBe(true);
    expect(text).toMatch(/"metadata" is nested more than 100 levels deep/);
    expect(text).not.toMatch(/internal error/i);
    expect(upstream.requests.length).toBe(before);
  });

  it("metadata within the limit still goes through, and the server serves on", async () => {
    const { isError, text } = outcome(await callRaw("shallow", "generate_key", `{"models":["mock-gpt"],"user_id":"litellm-mcp-demo","duration":"1h","metadata":${nested(100)}}`));
    expect(isError, text).toBe(false);
    expect(upstream.requests.at(-1)?.path).toBe("/key/generate");
    expect(server.stderr).not.toMatch(/RangeError|failed unexpectedly/);
  });
});
