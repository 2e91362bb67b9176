// An operator can see in LiteLLM what the assistant did: every call names the bridge in its User-Agent,
// and completions carry tags LiteLLM records in its spend logs.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.ts";
import { TEST_HOST } from "../support/connect.ts";
import { chatCompletion, modelList } from "../support/litellm-answers.ts";
import { useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();
const agent = { reqheaders: { "user-agent": `litellm-mcp/${VERSION}` } };

describe("attribution", () => {
  it("completions carry metadata.tags naming the bridge and the tool", async () => {
    let sent: { metadata?: unknown } = {};
    nock(TEST_HOST, agent)
      .post("/chat/completions", (body) => ((sent = body), true))
      .reply(200, chatCompletion("mock-gpt", "ok"));
    await bridge().call("proxy_completion", { model: "mock-gpt", messages: [{ role: "user", content: "hi" }], key: "sk-caller-1234567" });
    expect(sent.metadata).toEqual({ tags: ["litellm-mcp", "tool:proxy_completion"] });
  });

  it("admin calls name the bridge and its version in the User-Agent", async () => {
    nock(TEST_HOST, agent).get("/models").reply(200, modelList);
    const result = await bridge().call("list_models", {});
    expect(result.isError).toBeFalsy();
  });
});
