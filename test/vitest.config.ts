// Test suites by kind: unit (nock), e2e (the built server over stdio), drift/regen (the generator), live (a
// real LiteLLM proxy without a database) and db (a real LiteLLM on a real PostgreSQL). live and db are their
// own projects so that only they start a proxy, each skipped with a printed reason where none can be started;
// `vitest --project live` / `--project db` runs one alone.
import { configDefaults, defineConfig } from "vitest/config";

/**
 * The e2e suites that drive the server as an MCP client does run twice: in `offline` with 2025-11-25
 * clients, and in `e2e-2026` with 2026-07-28 clients (test/support/revisions.ts reads the variable). Left out:
 * suites where no client of ours speaks (cli, doctor, release and supply-chain checks, the Inspector's own).
 */
const MCP_E2E = ["test/e2e/**/*.test.ts"];
const NOT_MCP_E2E = ["test/e2e/cli.test.ts", "test/e2e/doctor.test.ts", "test/e2e/release-check.test.ts", "test/e2e/supply-chain.test.ts", "test/e2e/inspector.test.ts"];

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
      { extends: true, test: { name: "e2e-2026", include: MCP_E2E, exclude: [...configDefaults.exclude, ...NOT_MCP_E2E],
        env: { LITELLM_MCP_TEST_REVISION: "2026-07-28" }, globalSetup: ["test/support/canary-setup.ts"] } },
      { extends: true, test: { name: "live", include: ["test/live/**/*.test.ts"], globalSetup: ["test/live/global-setup.ts"] } },
      // One proxy and one database for all files, which create their own users, teams and keys; one file at
      // a time, because one of them takes the database away to see what LiteLLM reports.
      { extends: true, test: { name: "db", include: ["test/db/**/*.test.ts"], fileParallelism: false,
        globalSetup: ["test/support/canary-setup.ts", "test/db/global-setup.ts"] } },
    ],
  },
});
