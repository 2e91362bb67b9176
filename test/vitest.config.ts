// Test suites by kind: unit (nock), e2e (the built server over stdio), drift/regen (the generator), live (a
// real LiteLLM proxy without a database) and db (a real LiteLLM on a real PostgreSQL). live and db are their
// own projects so that only they start a proxy, each skipped with a printed reason where none can be started;
// `vitest --project live` / `--project db` runs one alone.
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // Paths below are relative to the repository root, not to this file.
  root: new URL("..", import.meta.url).pathname,
  test: {
    // The default output, and a run that requires the real things fails if any test skipped.
    reporters: ["default", "./test/support/no-skips-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "offline", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/live/**", "test/db/**"],
        // Scans everything the safety suites captured for the canary keys once the whole run is over.
        globalSetup: ["test/support/canary-setup.ts"] } },
      { extends: true, test: { name: "live", include: ["test/live/**/*.test.ts"], globalSetup: ["test/live/global-setup.ts"] } },
      // One proxy and one database for all files, which create their own users, teams and keys; one file at
      // a time, because one of them takes the database away to see what LiteLLM reports.
      { extends: true, test: { name: "db", include: ["test/db/**/*.test.ts"], fileParallelism: false,
        globalSetup: ["test/support/canary-setup.ts", "test/db/global-setup.ts"] } },
    ],
  },
});
