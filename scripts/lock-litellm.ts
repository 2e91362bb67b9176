// `npm run live:lock`: writes scripts/litellm-lock/<tag>.txt, the lock `npm run live:install` installs from:
// every distribution the pins in scripts/litellm-pin.ts install on this interpreter and platform, each with
// the sha256 the index served for it. pip resolves the pins without installing anything (--dry-run
// --ignore-installed --report) in a throwaway venv, and its report lists each resolved file's hash.
//
// Run it after changing a pin (the CI lock, cp311-linux-x86_64, first: the others take its versions), or to
// add a lock for another interpreter or platform; review and commit the result. Wheels only: a source
// distribution would be built with build tools no lock pins. It trusts what the index serves at that moment: that is the moment the lock records, and every
// install after it gets exactly those files or fails.
//
// Exit codes: 0 written; 1 pip failed or reported a file without a hash; 2 no usable Python.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * Another interpreter's lock keeps the versions of the committed CI lock (cp311-linux-x86_64) wherever that
 * interpreter can have them, so every lock installs the same LiteLLM stack; only what differs by
 * interpreter (backports such as tomli) is resolved anew. Returns a constraints file of those versions.
 */
function sameVersionsAs(tag: string, work: string): { tag: string; path: string } | undefined {
  const reference = "cp311-linux-x86_64";
  if (tag === reference || !existsSync(lockPath(reference))) return undefined;
  const pins = readFileSync(lockPath(reference), "utf8")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(" ")[0]);
  const path = join(work, "constraints.txt");
  writeFileSync(path, `${pins.join("\n")}\n`);
  return { tag: reference, path };
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
    const like = sameVersionsAs(python.tag, work);
    const resolve = (constraints: string[]) =>
      spawnSync(join(venv, "bin", "python"), ["-m", "pip", "install", "--dry-run", "--ignore-installed", "--only-binary", ":all:", "--quiet", "--progress-bar", "off", "--report", report, ...constraints, ...REQUIREMENTS], {
        stdio: "inherit",
      }).status === 0;
    console.log(`lock-litellm: resolving ${REQUIREMENTS.join(" ")} for ${python.tag}${like ? `, at the versions ${like.tag}'s lock holds` : ""} (nothing is installed)…`);
    let resolved = resolve(like ? ["--constraint", like.path] : []);
    if (!resolved && like) {
      // Some of those versions need a newer Python than this one (pydantic-settings 2.16 drops 3.10, say).
      console.log(`lock-litellm: ${python.tag} cannot have all of ${like.tag}'s versions (pip's conflict is above); resolving the pins alone.`);
      resolved = resolve([]);
    }
    if (!resolved) {
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
