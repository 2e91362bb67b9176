// `npm run live:install`: puts the pinned LiteLLM proxy into .venv/ for the live suite, from the lock in
// scripts/litellm-lock/ (every distribution with its sha256; pip --require-hashes refuses any file whose
// hash the lock does not list), out of a machine-wide wheel cache when one is there and from PyPI when not.
// Does nothing when .venv/ already holds what the current lock lists.
//
//   npm run live:install               install unless .venv/ already holds the lock
//   npm run live:install -- --force    recreate .venv/ regardless
//
// Why a wheel cache of our own: pip's HTTP cache stays empty on machines whose package index sends no
// caching headers (no Cache-Control, ETag or Last-Modified), and pip's wheel cache only keeps wheels it
// built from source; LiteLLM and its 117 dependencies all arrive as wheels. So the wheels are downloaded
// once into LITELLM_MCP_WHEEL_CACHE (default ~/.cache/litellm-mcp/wheels/) and installed from there with
// --no-index. The cache is an accelerator only, and trusted no more than the index: every install from it
// checks each file against the lock. If it is missing, broken or not writable, PyPI is used.
//
// Bytecode is compiled once here, in parallel, instead of by pip file by file (about half the time on
// two cores): Python would not write it at run time where PYTHONDONTWRITEBYTECODE is set, and without
// it every proxy start recompiles LiteLLM (3-4 s more per start).
//
// Exit codes: 0 installed (or already there); 1 the install failed (a hash mismatch among them); 2 no
// usable Python, or no lock for it.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  INSTALL_RECORD,
  LITELLM_VERSION,
  PRISMA_VERSION,
  REQUIREMENTS,
  VENV_DIR,
  lockedWheels,
  missingInstall,
  readLock,
  wheelCacheRoot,
  type InstallRecord,
  type Lock,
} from "./litellm-pin.ts";
import { findPython, type Python } from "./litellm-python.ts";

function say(line: string): void {
  console.log(`install-litellm: ${line}`);
}

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "inherit" });
  return result.status === 0;
}

/** A writable folder in the cache to download into, or undefined when the cache cannot be used. */
function stagingFolder(root: string): string | undefined {
  try {
    mkdirSync(root, { recursive: true });
    return mkdtempSync(join(root, ".download-"));
  } catch (error) {
    say(`wheel cache ${root} is not usable (${(error as NodeJS.ErrnoException).code ?? "error"}); installing straight from PyPI.`);
    return undefined;
  }
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** Installs what the lock lists into .venv/; returns where it came from, or undefined on failure. */
function installLocked(python: Python, lock: Lock): string | undefined {
  const pip = [join(VENV_DIR, "bin", "python"), "-m", "pip"] as const;
  // The lock is complete (every distribution, each with its sha256), so pip is told to install exactly
  // its lines and decide nothing: --no-deps keeps its resolver away from the packages' own requirements
  // (pip 23.2.1, which a Python 3.11 venv carries, resolved litellm's `httpx[http2]` to a newer httpx than
  // the lock's and gave up), --only-binary keeps it from building anything with unpinned build tools, and
  // --require-hashes refuses any file whose sha256 the lock does not list. `pip check` afterwards proves
  // the lock was complete: a dependency it left out fails the install instead of the proxy's first import.
  const locked = ["--no-deps", "--only-binary", ":all:", "--require-hashes", "-r", lock.path];
  const pipInstall = (extra: string[]) => run(pip[0], [...pip.slice(1), "install", "--progress-bar", "off", "-q", "--no-compile", ...extra, ...locked]);
  const root = wheelCacheRoot();
  const cached = lockedWheels(root, python.tag, lock);

  if (existsSync(join(cached, "complete"))) {
    if (pipInstall(["--no-index", "--find-links", cached])) return `cached wheels in ${cached}`;
    say(`the cached wheels in ${cached} did not install; discarding them and downloading again.`);
    rmSync(cached, { recursive: true, force: true });
  }

  const staging = stagingFolder(root);
  if (staging) {
    const started = performance.now();
    const downloaded = run(pip[0], [...pip.slice(1), "download", "--progress-bar", "off", "-q", "-d", staging, ...locked]);
    if (downloaded) say(`downloaded the wheels in ${seconds(started)}.`);
    if (downloaded && pipInstall(["--no-index", "--find-links", staging])) {
      writeFileSync(join(staging, "complete"), `${lock.digest}\n`);
      // Another run may have filled the same cache meanwhile; either copy is complete, keep the first.
      try {
        renameSync(staging, cached);
      } catch {
        rmSync(staging, { recursive: true, force: true });
      }
      return `PyPI (wheels now cached in ${cached})`;
    }
    rmSync(staging, { recursive: true, force: true });
  }
  return pipInstall([]) ? "PyPI (not cached)" : undefined;
}

function main(argv: string[]): number {
  const { force } = parseArgs({ args: argv, options: { force: { type: "boolean", default: false } } }).values;
  const missing = missingInstall();
  if (!missing && !force) {
    say(`LiteLLM ${LITELLM_VERSION} is already installed in .venv/.`);
    return 0;
  }
  const python = findPython();
  if (typeof python === "string") {
    console.error(`install-litellm: ${python}`);
    return 2;
  }
  const lock = readLock(python.tag);
  if (typeof lock === "string") {
    console.error(
      `install-litellm: ${lock}. The committed lock is for the interpreter CI uses; run \`npm run live:lock\` to make one for ${python.command} (it records what PyPI serves today; review it before committing), or point LITELLM_MCP_PYTHON at that interpreter.`,
    );
    return 2;
  }
  const started = performance.now();
  say(`installing ${REQUIREMENTS.join(" ")} into .venv/ with ${python.command} (Python ${python.version}), every file checked against ${lock.path}…`);
  rmSync(VENV_DIR, { recursive: true, force: true });
  if (!run(python.command, ["-m", "venv", VENV_DIR])) {
    console.error(`install-litellm: ${python.command} -m venv failed. On Debian or Ubuntu install the python3-venv package.`);
    return 2;
  }
  const source = installLocked(python, lock);
  if (!source) {
    console.error(`install-litellm: pip could not install ${REQUIREMENTS.join(" ")} from ${lock.path}; its messages are above (a hash that does not match the lock means a file is not the one locked).`);
    return 1;
  }
  if (!run(join(VENV_DIR, "bin", "python"), ["-m", "pip", "check"])) {
    console.error(`install-litellm: ${lock.path} leaves out a distribution that an installed package requires (pip check, above); make the lock again with \`npm run live:lock\`.`);
    return 1;
  }
  const compiling = performance.now();
  // -j 0: one worker per core. A file that does not compile (some packages ship Python 2 samples) only
  // costs its own import speed, so the exit status is not checked.
  run(join(VENV_DIR, "bin", "python"), ["-m", "compileall", "-qq", "-j", "0", join(VENV_DIR, "lib")]);
  say(`compiled bytecode in ${seconds(compiling)}.`);
  const record: InstallRecord = { litellm: LITELLM_VERSION, prisma: PRISMA_VERSION, python: python.version, tag: python.tag, lock: lock.digest };
  writeFileSync(INSTALL_RECORD, `${JSON.stringify(record, null, 2)}\n`);
  say(`installed LiteLLM ${LITELLM_VERSION} from ${source} in ${seconds(started)}.`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
