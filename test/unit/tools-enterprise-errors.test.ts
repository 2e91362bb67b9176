// Enterprise-only answers from a community-edition proxy read as "needs a license", not as a fault to retry.

import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../../src/litellm/upstream-errors.ts";

const ctx = { credential: "master" as const, host: "http://litellm.test:4000", timeoutMs: 1000 };
const NOT_PREMIUM =
  "You must be a LiteLLM Enterprise user to use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 day trial key here: https://www.litellm.ai/enterprise#trial. \nPricing: https://www.litellm.ai/#pricing";

function answer(status: number, message: string) {
  const response = new Response(null, { status, headers: { "content-type": "application/json" } });
  return errorFromResponse(response, { error: { message, type: "internal_server_error", param: "None", code: String(status) } }, ctx);
}

describe("Enterprise-only routes", () => {
  it("a 500 from /key/regenerate says a license is missing and that retrying will not help", () => {
    const error = answer(500, `Regenerating Virtual Keys is an Enterprise feature, ${NOT_PREMIUM}`);
    expect(error.message).toMatch(/^This needs LiteLLM Enterprise, and the proxy has no Enterprise license: retrying will not help \(HTTP 500\)\. LiteLLM said: Regenerating Virtual Keys is an Enterprise feature/);
    expect(error.message).not.toContain("try again later");
    // Only LiteLLM's first line is kept: no pricing copy.
    expect(error.message).not.toContain("Pricing");
    expect(error.status).toBe(500);
  });

  it("recognises the premium-user wording of other gated features", () => {
    expect(answer(400, `Only premium users can add tags to keys. ${NOT_PREMIUM}`).message).toMatch(/^This needs LiteLLM Enterprise/);
  });

  it("leaves ordinary 500s alone", () => {
    expect(answer(500, "Internal Server Error").message).toMatch(/^LiteLLM failed with HTTP 500/);
  });
});
