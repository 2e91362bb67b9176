// The real LiteLLM documents the regen tests read are inputs, kept exactly as the proxies served them: a hand
// edit (or a "fix" for 1.80.17's invalid response) would let those tests pass on a document no proxy serves.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPENAPI_1_80_17, OPENAPI_1_88_0, documentVersion } from "../support/project-copy.ts";

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("test/fixtures/litellm", () => {
  it.each([
    [OPENAPI_1_80_17, "1.80.17", "986b0a1c3c977226685466a51b8509d19818080585668a5b55782bc38fabdc67"],
    [OPENAPI_1_88_0, "1.88.0", "5c5ffa6cfdc3e01168bd6468d45430d3d725e812841e6f4f834bd0fd3ac5736e"],
  ])("%s is LiteLLM %s as served, byte for byte", (path, version, hash) => {
    expect(documentVersion(path)).toBe(version);
    expect(sha256(path)).toBe(hash);
  });
});
