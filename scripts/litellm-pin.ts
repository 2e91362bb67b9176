// The LiteLLM release the live suite installs and runs against, recorded here and nowhere else: the install
// script, the proxy harness and CI all read it from this file. Next to it, in scripts/litellm-lock/, the
// lock: every distribution those pins install, with its sha256, per interpreter and platform.
//
// A version pin alone trusts whatever the index serves under that version: LiteLLM 1.82.7 and 1.82.8 on
// PyPI were replaced by releases carrying a credential stealer that ran at every Python start. The lock
// makes pip refuse any file whose hash it does not list (--require-hashes), for LiteLLM and for every
// package it pulls in.

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The newest release whose `litellm[proxy]` extra resolves from PyPI as this project's machines reach it:
 * 1.108.8 and later pin companion packages (litellm-enterprise, litellm-proxy-extras, litellm-proxy) at
 * versions that index does not serve, so pip gives up before anything is installed.
 */
export const LITELLM_VERSION = "1.108.7";

/**
 * LiteLLM's auth and database error handlers `import prisma`; `litellm[proxy]` does not install it, and
 * without it those handlers crash into bare text/plain 500s. Pure Python: with no DATABASE_URL it never
 * downloads Prisma's engines.
 */
export const PRISMA_VERSION = "0.15.0";

export const REQUIREMENTS = [`litellm[proxy]==${LITELLM_VERSION}`, `prisma==${PRISMA_VERSION}`] as const;

/** A lock's first line: the pins it was made for. A lock for other pins is stale and is not used. */
export const LOCK_PINS_LINE = `# pins: ${REQUIREMENTS.join(" ")}`;

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");

/** A virtual environment inside the project (git-ignored), so nothing is installed into the machine's Python. */
export const VENV_DIR = join(ROOT, ".venv");
export const LITELLM_BIN = join(VENV_DIR, "bin", "litellm");
/** Written last by the install script: a venv without it (or with another pin) is reinstalled. */
export const INSTALL_RECORD = join(VENV_DIR, "litellm-mcp-install.json");

/** The lock for an interpreter and platform tag such as "cp311-linux-x86_64" (see scripts/litellm-python.ts). */
export function lockPath(tag: string): string {
  return join(ROOT, "scripts", "litellm-lock", `${tag}.txt`);
}

export interface Lock {
  path: string;
  /** sha256 of the lock's text: the install record and the wheel cache are keyed on it. */
  digest: string;
}

/** The lock for `tag`, or why there is no usable one. */
export function readLock(tag: string): Lock | string {
  const path = lockPath(tag);
  if (!existsSync(path)) return `there is no lock for ${tag} (${path})`;
  const text = readFileSync(path, "utf8");
  if (text.split("\n", 1)[0] !== LOCK_PINS_LINE) return `${path} was made for other pins than ${REQUIREMENTS.join(" ")}`;
  return { path, digest: createHash("sha256").update(text).digest("hex") };
}

/** Where downloaded wheels are kept between installs (LITELLM_MCP_WHEEL_CACHE, default ~/.cache/litellm-mcp/wheels). */
export function wheelCacheRoot(): string {
  return process.env.LITELLM_MCP_WHEEL_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "litellm-mcp", "wheels");
}

/** The cache folder holding the wheels of one lock; complete once it has a file named "complete". */
export function lockedWheels(root: string, tag: string, lock: Lock): string {
  return join(root, `litellm-${LITELLM_VERSION}-${tag}-lock-${lock.digest.slice(0, 12)}`);
}

export interface InstallRecord {
  litellm: string;
  prisma: string;
  python: string;
  /** The interpreter and platform tag, which names the lock installed from. */
  tag: string;
  /** The digest of that lock: a changed lock means a reinstall. */
  lock: string;
}

/** Why the pinned LiteLLM cannot be run from .venv/, or undefined when it can. */
export function missingInstall(): string | undefined {
  if (!existsSync(INSTALL_RECORD) || !existsSync(LITELLM_BIN)) return "LiteLLM is not installed in .venv/";
  let record: Partial<InstallRecord>;
  try {
    record = JSON.parse(readFileSync(INSTALL_RECORD, "utf8")) as Partial<InstallRecord>;
  } catch {
    return "the install record in .venv/ is unreadable";
  }
  if (record.litellm !== LITELLM_VERSION || record.prisma !== PRISMA_VERSION) {
    return `.venv/ holds LiteLLM ${record.litellm ?? "?"}, not the pinned ${LITELLM_VERSION}`;
  }
  const lock = record.tag ? readLock(record.tag) : "it was installed without a lock";
  if (typeof lock === "string" || lock.digest !== record.lock) return `.venv/ was not installed from the current lock (${typeof lock === "string" ? lock : "the lock changed"})`;
  return undefined;
}
