// The conformance baselines (test/conformance/) may list only what does not apply to this server: each entry
// names one check, never a whole scenario, and none excuses a tools/list, cache-hint or header check, nor
// the Host/Origin or opening ones. `npm run conformance` (scripts/conformance.ts) runs the suite with them.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { baselineEntries } from "../../scripts/conformance.ts";
import { REVISIONS } from "../support/revisions.ts";

/** Scenarios every one of whose checks must pass. */
const MUST_PASS = ["tools-list", "http-header-validation", "dns-rebinding-protection", "server-initialize", "ping"];

describe.each(REVISIONS)("the conformance baseline for %s", (revision) => {
  const text = readFileSync(new URL(`../conformance/expected-failures-${revision}.yml`, import.meta.url), "utf8");
  const listed = text.split("\n").filter((line) => line.startsWith("  - "));
  const entries = baselineEntries(text);

  it("names single checks only, each under a comment that says why", () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(entries).toHaveLength(listed.length);
    expect(text).toMatch(/^server:\n {2}# /m);
  });

  it("excuses no tools/list, cache-hint, header, Host/Origin or opening check", () => {
    for (const entry of entries) {
      const [scenario, check] = entry.split(":") as [string, string];
      expect(MUST_PASS, entry).not.toContain(scenario);
      // The caching scenario's prompts and resources lists do not exist here; its tools/list hint must pass.
      if (scenario === "caching") expect(check, entry).toMatch(/-(prompts|resources)-/);
    }
  });
});
