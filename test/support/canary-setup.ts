// Vitest global setup: gives every suite a shared capture folder, and after the whole run fails it if any
// captured output holds the canary master key or the canary caller key.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { CANARY_SECRETS, leaksCanary } from "./canary.ts";

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "litellm-mcp-capture-"));
  project.provide("captureDir", dir);
  return () => {
    const files = readdirSync(dir);
    let bytes = 0;
    let lines = 0;
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(dir, file), "utf8");
      bytes += Buffer.byteLength(text);
      for (const line of text.split("\n")) {
        lines++;
        if (leaksCanary(line)) leaks.push(`${file}: ${line.slice(0, 200)}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (leaks.length > 0) {
      // Vitest reports a teardown error but keeps its exit code: set it so the run fails.
      process.exitCode = 1;
      throw new Error(`canary secrets leaked in ${leaks.length} captured line(s):\n${leaks.slice(0, 10).join("\n")}`);
    }
    console.log(`canary check: ${CANARY_SECRETS.length} canary keys, ${files.length} suites, ${lines} captured lines (${bytes} bytes), 0 leaks`);
  };
}
