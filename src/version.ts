// The package version, sent as the User-Agent so an operator can see in LiteLLM's logs what called.
export const VERSION = "0.1.0";

/**
 * The Node.js major versions CI runs the built server on: package.json's `engines`, `--help`, the README
 * and scripts/node-versions/ (which installs the newer two from the npm registry) are held to this list by
 * test/e2e/node-versions.test.ts.
 */
export const TESTED_NODE_MAJORS = [20, 22, 24] as const;
