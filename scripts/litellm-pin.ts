// The LiteLLM release the live suite installs and runs against, recorded here and nowhere else: the install
// script, the proxy harness and CI all read it from this file.

import { existsSync, readFileSync } from "node:fs";
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

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");

/** A virtual environment inside the project (git-ignored), so nothing is installed into the machine's Python. */
export const VENV_DIR = join(ROOT, ".venv");
export const LITELLM_BIN = join(VENV_DIR, "bin", "litellm");
/** Written last by the install script: a venv without it (or with another pin) is reinstalled. */
export const INSTALL_RECORD = join(VENV_DIR, "litellm-mcp-install.json");

export interface InstallRecord {
  litellm: string;
  prisma: string;
  python: string;
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
  return undefined;
}
