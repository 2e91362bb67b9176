// `npm run conformance`: the MCP conformance suite (@modelcontextprotocol/conformance, pinned in
// package-lock.json) against the built server over --http, once per protocol revision, with the scenarios
// each revision requires (`--requirements`). What does not apply to this server is listed, check by check and
// with the reason, in test/conformance/expected-failures-<revision>.yml; the suite fails the run on any other
// failure, and on a listed check that passes. The suite needs Node 22; the server runs on this Node.
//
//   LITELLM_MCP_NODE22=/path/to/node22 npm run conformance     (default: scripts/node-versions/node_modules/node22/bin/node)
//   npm run conformance -- --revision 2026-07-28               (one revision only)

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeLiteLLM } from "../test/support/fake-litellm.ts";
import { REVISIONS, type Revision } from "../test/support/revisions.ts";
import { findNode22 } from "./node22.ts";
import { startHttpInstance } from "../test/support/spawn-http.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const SUITE = join(ROOT, "node_modules/@modelcontextprotocol/conformance");
const MASTER = "sk-conformance-master-not-a-real-key";

function fail(message: string): never {
  process.stderr.write(`conformance: ${message}\n`);
  process.exit(2);
}

/** The Node 22 (or later) the suite runs on. */
function node22(): { path: string; version: string } {
  const found = findNode22();
  if ("missing" in found) fail(`the conformance suite needs Node 22, and there is ${found.missing}.`);
  return found;
}

/** The scenarios a revision scores, from the suite's own requirement file (the rest run but never count). */
function scored(revision: Revision): Set<string> {
  const lines = readFileSync(join(SUITE, "requirements", `${revision}.yaml`), "utf8").split("\n");
  const start = lines.indexOf("server:");
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^ {2}- ([\w/.-]+)\s*$/.exec(line);
    if (!item) break;
    names.push(item[1]!);
  }
  return new Set(names);
}

function baselineFile(revision: Revision): string {
  return join(ROOT, "test/conformance", `expected-failures-${revision}.yml`);
}

/** The `scenario:check` entries of a baseline file. */
export function baselineEntries(text: string): string[] {
  return [...text.matchAll(/^ {2}- ([\w/.-]+:[\w/.-]+)\s*$/gm)].map((m) => m[1]!);
}

interface Check {
  id: string;
  status: "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | "SKIPPED";
}

/** One line per scenario: its checks, and each failing one as the baseline expects it or not. */
function report(revision: Revision, outDir: string): void {
  const expected = new Set(baselineEntries(readFileSync(baselineFile(revision), "utf8")));
  const counted = scored(revision);
  const rows: string[] = [];
  for (const dir of readdirSync(outDir).sort()) {
    const scenario = /^server-(.+)-\d{4}-\d{2}-\d{2}T/.exec(dir)?.[1];
    const file = join(outDir, dir, "checks.json");
    if (!scenario || !existsSync(file)) continue;
    const checks = JSON.parse(readFileSync(file, "utf8")) as Check[];
    const passed = checks.filter((c) => c.status === "SUCCESS").length;
    const failing = checks.filter((c) => c.status === "FAILURE" || c.status === "WARNING");
    const unexpected = failing.filter((c) => !expected.has(`${scenario}:${c.id}`));
    const mark = !counted.has(scenario) ? "·" : failing.length === 0 ? "✓" : unexpected.length === 0 ? "~" : "✗";
    const notes = [
      failing.length > unexpected.length ? `${failing.length - unexpected.length} not applicable (baseline)` : "",
      unexpected.length > 0 ? `${counted.has(scenario) ? "FAILED" : "failed"}: ${unexpected.map((c) => c.id).join(", ")}` : "",
      counted.has(scenario) ? "" : "not scored",
    ].filter(Boolean);
    rows.push(`  ${mark} ${scenario}: ${passed}/${checks.length} checks pass${notes.length ? ` (${notes.join("; ")})` : ""}`);
  }
  process.stdout.write(`\n${revision}, scenario by scenario (✓ all pass, ~ only what does not apply fails, ✗ a failure, · run but not scored):\n${rows.join("\n")}\n`);
}

function runSuite(node: string, url: URL, revision: Revision, outDir: string): Promise<number> {
  const args = [join(SUITE, "dist/index.js"), "server", "--url", url.href, "--requirements", revision, "--expected-failures", baselineFile(revision), "-o", outDir];
  return new Promise((resolve) => {
    // The suite's own log goes to a file's worth of detail; its verdict (baseline check) is kept on screen.
    const child = spawn(node, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("exit", (code) => {
      const verdict = output.slice(output.lastIndexOf("=== SUMMARY ==="));
      process.stdout.write(`\n--- ${revision}: the suite's summary and verdict ---\n${verdict}`);
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<void> {
  const only = process.argv.indexOf("--revision");
  const revisions = only === -1 ? [...REVISIONS] : REVISIONS.filter((r) => r === process.argv[only + 1]);
  if (revisions.length === 0) fail(`--revision takes one of ${REVISIONS.join(", ")}.`);
  if (!existsSync(join(ROOT, "dist/index.cjs"))) fail("dist/index.cjs is missing: run `npm run build` first (npm run conformance does).");
  const node = node22();

  // No scenario calls a tool of this server; the stand-in is there so that nothing it does reaches a real proxy.
  const upstream = await new FakeLiteLLM({ masterKey: MASTER }).start();
  const server = await startHttpInstance([], { LITELLM_HOST: upstream.url, LITELLM_MASTER_KEY: MASTER });
  const work = mkdtempSync(join(tmpdir(), "litellm-mcp-conformance-"));
  const codes: number[] = [];
  try {
    process.stdout.write(`conformance: ${JSON.parse(readFileSync(join(SUITE, "package.json"), "utf8")).version} on Node ${node.version}, against ${server.url}\n`);
    for (const revision of revisions) {
      const outDir = join(work, revision);
      codes.push(await runSuite(node.path, server.url, revision, outDir));
      report(revision, outDir);
    }
  } finally {
    await server.stop();
    await upstream.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const failed = revisions.filter((_, i) => codes[i] !== 0);
  process.stdout.write(failed.length === 0 ? `\nconformance: ${revisions.join(" and ")} pass, but for what does not apply.\n` : `\nconformance: FAILED at ${failed.join(", ")}.\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await main();
