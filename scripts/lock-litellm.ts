// `npm run live:lock`: writes scripts/litellm-lock/<tag>.txt, the lock `npm run live:install` installs from:
// every distribution the pins in scripts/litellm-pin.ts install on this interpreter and platform, each with
// the sha256 the index served for it. pip resolves the pins without installing anything (--dry-run
// --ignore-installed --report) in a throwaway venv, and its report lists each resolved file's hash.
//
// Run it after changing a pin, or to add a lock for another interpreter or platform; review and commit the
// result. It trusts what the index serves at that moment: that is the moment the lock records, and every
// install after it gets exactly those files or fails.
//
// Exit codes: 0 written; 1 pip failed or reported a file without a hash; 2 no usable Python.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LOCK_PINS_LINE, REQUIREMENTS, lockPath } from "./litellm-pin.ts";
import { findPython } from "./litellm-python.ts";

interface ReportItem {
  metadata: { name: string; version: string };
  download_info: { url: string; archive_info?: { hashes?: Record<string, string> } };
}

/** PEP 503's form of a project name, so a lock does not depend on how a package spells itself. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** The lock's text: the pins line, what the file is, then one `name==version --hash=sha256:…` per line, sorted. */
function lockText(items: readonly ReportItem[], tag: string): string {
  const lines = items.map((item) => {
    const sha256 = item.download_info.archive_info?.hashes?.sha256;
    if (!sha256) throw new Error(`pip reported no sha256 for ${item.metadata.name} ${item.metadata.version} (${item.download_info.url})`);
    return `${normalized(item.metadata.name)}==${item.metadata.version} --hash=sha256:${sha256}`;
  });
  return [
    LOCK_PINS_LINE,
    `# Every distribution those pins install on ${tag}, with the sha256 the index served for it when this`,
    "# lock was made. Written by `npm run live:lock` (scripts/lock-litellm.ts), not by hand; `npm run",
    "# live:install` installs exactly these files (pip --require-hashes refuses any other).",
    ...lines.sort(),
    "",
  ].join("\n");
}

function main(): number {
  const python = findPython();
  if (typeof python === "string") {
    console.error(`lock-litellm: ${python}`);
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), "litellm-lock-"));
  try {
    const venv = join(work, "venv");
    if (spawnSync(python.command, ["-m", "venv", venv], { stdio: "inherit" }).status !== 0) return 2;
    const report = join(work, "report.json");
    console.log(`lock-litellm: resolving ${REQUIREMENTS.join(" ")} for ${python.tag} (nothing is installed)…`);
    const pip = spawnSync(join(venv, "bin", "python"), ["-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--progress-bar", "off", "--report", report, ...REQUIREMENTS], {
      stdio: "inherit",
    });
    if (pip.status !== 0) {
      console.error("lock-litellm: pip could not resolve the pins; its messages are above.");
      return 1;
    }
    const items = (JSON.parse(readFileSync(report, "utf8")) as { install: ReportItem[] }).install;
    const path = lockPath(python.tag);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, lockText(items, python.tag));
    console.log(`lock-litellm: wrote ${path}: ${items.length} distributions, each with its sha256.`);
    return 0;
  } catch (error) {
    console.error(`lock-litellm: ${(error as Error).message}`);
    return 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exit(main());
