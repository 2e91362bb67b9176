// A tool whose credential is "none" sends no Authorization header at all, works without
// LITELLM_MASTER_KEY, and a 401 on it reads as a protected route rather than a bad key.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../../src/manifest/define-tool.ts";
import { TEST_HOST, connect, textOf } from "../support/connect.ts";
import { useNockChecks } from "../support/nock-bridge.ts";

const probe = defineTool({
  name: "probe",
  toolset: "keys",
  byDefault: true,
  title: "Open probe",
  description: "A test tool on an operation the generated types know.",
  operation: { method: "get", path: "/models" },
  credential: "none",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({}),
  request: () => ({}),
  output: z.object({ ok: z.boolean() }),
  result: () => ({ ok: true }),
});

useNockChecks();

describe('credential "none"', () => {
  it("sends no Authorization header, even when a master key is configured", async () => {
    let authorization: string | undefined = "unset";
    nock(TEST_HOST)
      .get("/models")
      .reply(function () {
        authorization = this.req.headers.authorization as string | undefined;
        return [200, {}];
      });
    const bridge = await connect({}, { tools: [probe] });
    const result = await bridge.call("probe", {});
    await bridge.close();
    expect(result.structuredContent).toEqual({ ok: true });
    expect(authorization).toBeUndefined();
  });

  it("works without LITELLM_MASTER_KEY, and names a protected route on 401", async () => {
    nock(TEST_HOST).get("/models").reply(401, { error: { message: "Authentication Error, No api key passed in.", type: "auth_error", param: "None", code: "401" } });
    const bridge = await connect({ LITELLM_MASTER_KEY: undefined }, { tools: [probe] });
    const result = await bridge.call("probe", {});
    await bridge.close();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("LiteLLM wants a key for a route that is normally open (HTTP 401); this proxy protects it. LiteLLM said: Authentication Error, No api key passed in.");
  });
});
