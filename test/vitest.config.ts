// Test suites by kind: unit (nock), e2e (the built server over stdio), drift/regen (the generator), and
// live (a real LiteLLM proxy, its own project so that only it starts one; skipped with a printed reason
// where none can be started). `vitest --project live` runs the live suite alone.
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // Paths below are relative to the repository root, not to this file.
  root: new URL("..", import.meta.url).pathname,
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "offline", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/live/**"],
        // Scans everything the safety suites captured for the canary keys once the whole run is over.
        globalSetup: ["test/support/canary-setup.ts"] } },
      { extends: true, test: { name: "live", include: ["test/live/**/*.test.ts"], globalSetup: ["test/live/global-setup.ts"] } },
    ],
  },
});
