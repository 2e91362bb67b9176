// Test suites by kind: unit (nock), e2e (the built server over stdio), drift/regen (the generator),
// live (a real LiteLLM proxy; skipped with a printed reason where none can be started).
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Paths below are relative to the repository root, not to this file.
  root: new URL("..", import.meta.url).pathname,
  test: {
    include: ["test/**/*.test.ts"],
    // Scans everything the safety suites captured for the canary keys once the whole run is over.
    globalSetup: ["test/support/canary-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
