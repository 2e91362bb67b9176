// `npm run live:install`: puts the pinned LiteLLM proxy into .venv/ for the live suite, from a machine-wide
// wheel cache when one is there and from PyPI when not. Does nothing when the pin is already installed.
//
//   npm run live:install               install unless .venv/ already holds the pin
//   npm run live:install -- --force    recreate .venv/ regardless
//
// Why a wheel cache of our own: pip's HTTP cache stays empty on machines whose package index sends no
// caching headers (no Cache-Control, ETag or Last-Modified), and pip's wheel cache only keeps wheels it
// built from source; LiteLLM and its 117 dependencies all arrive as wheels. So the wheels are downloaded
// once into LITELLM_MCP_WHEEL_CACHE (default ~/.cache/litellm-mcp/wheels/) and installed from there with
// --no-index. The cache is an accelerator only: if it is missing, broken or not writable, PyPI is used.
//
// Bytecode is compiled once here, in parallel, instead of by pip file by file (about half the time on
// two cores): Python would not write it at run time where PYTHONDONTWRITEBYTECODE is set, and without
// it every proxy start recompiles LiteLLM (3-4 s more per start).
//
// Exit codes: 0 installed (or already there); 1 the install failed; 2 no usable Python.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { INSTALL_RECORD, LITELLM_VERSION, PRISMA_VERSION, REQUIREMENTS, VENV_DIR, missingInstall, type InstallRecord } from "./litellm-pin.ts";

// LiteLLM's own Requires-Python (>=3.10, <3.15): checked first so the failure names Python, not pip.
const PYTHON_MIN = [3, 10];
const PYTHON_BELOW = [3, 15];

interface Python {
  command: string;
  version: string;
  /** Wheels differ per interpreter and platform, so the cache is keyed on both. */
  tag: string;
}

function say(line: string): void {
  console.log(`install-litellm: ${line}`);
}

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "inherit" });
  return result.status === 0;
}

function probePython(command: string): Python | undefined {
  const script = "import sys, sysconfig; print('%d.%d.%d' % sys.version_info[:3], 'cp%d%d' % sys.version_info[:2], sysconfig.get_platform())";
  const result = spawnSync(command, ["-c", script], { encoding: "utf8" });
  if (result.status !== 0) return undefined;
  const [version, abi, platform] = result.stdout.trim().split(" ");
  return version && abi && platform ? { command, version, tag: `${abi}-${platform}` } : undefined;
}

function atLeast(version: string, bound: number[]): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > bound[0]! || (major === bound[0] && minor >= bound[1]!);
}

function findPython(): Python | string {
  const candidates = process.env.LITELLM_MCP_PYTHON ? [process.env.LITELLM_MCP_PYTHON] : ["python3", "python"];
  for (const command of candidates) {
    const python = probePython(command);
    if (!python) continue;
    if (atLeast(python.version, PYTHON_MIN) && !atLeast(python.version, PYTHON_BELOW)) return python;
    return `${command} is Python ${python.version}; LiteLLM ${LITELLM_VERSION} needs >= ${PYTHON_MIN.join(".")} and < ${PYTHON_BELOW.join(".")}. Point LITELLM_MCP_PYTHON at a suitable interpreter.`;
  }
  return `No Python found (tried ${candidates.join(", ")}). Install Python ${PYTHON_MIN.join(".")}+ or set LITELLM_MCP_PYTHON.`;
}

function wheelCacheRoot(): string {
  return process.env.LITELLM_MCP_WHEEL_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "litellm-mcp", "wheels");
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

/** Installs the pinned requirements into .venv/; returns where they came from, or undefined on failure. */
function installRequirements(python: Python): string | undefined {
  const pip = [join(VENV_DIR, "bin", "python"), "-m", "pip"] as const;
  const pipInstall = (extra: string[]) => run(pip[0], [...pip.slice(1), "install", "--progress-bar", "off", "-q", "--no-compile", ...extra, ...REQUIREMENTS]);
  const root = wheelCacheRoot();
  const cached = join(root, `litellm-${LITELLM_VERSION}-prisma-${PRISMA_VERSION}-${python.tag}`);

  if (existsSync(join(cached, "complete"))) {
    if (pipInstall(["--no-index", "--find-links", cached])) return `cached wheels in ${cached}`;
    say(`the cached wheels in ${cached} did not install; discarding them and downloading again.`);
    rmSync(cached, { recursive: true, force: true });
  }

  const staging = stagingFolder(root);
  if (staging) {
    const started = performance.now();
    const downloaded = run(pip[0], [...pip.slice(1), "download", "--progress-bar", "off", "-q", "-d", staging, ...REQUIREMENTS]);
    if (downloaded) say(`downloaded the wheels in ${seconds(started)}.`);
    if (downloaded && pipInstall(["--no-index", "--find-links", staging])) {
      writeFileSync(join(staging, "complete"), `${REQUIREMENTS.join("\n")}\n`);
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
  const started = performance.now();
  say(`installing ${REQUIREMENTS.join(" ")} into .venv/ with ${python.command} (Python ${python.version})…`);
  rmSync(VENV_DIR, { recursive: true, force: true });
  if (!run(python.command, ["-m", "venv", VENV_DIR])) {
    console.error(`install-litellm: ${python.command} -m venv failed. On Debian or Ubuntu install the python3-venv package.`);
    return 2;
  }
  const source = installRequirements(python);
  if (!source) {
    console.error(`install-litellm: pip could not install ${REQUIREMENTS.join(" ")}; its messages are above.`);
    return 1;
  }
  const compiling = performance.now();
  // -j 0: one worker per core. A file that does not compile (some packages ship Python 2 samples) only
  // costs its own import speed, so the exit status is not checked.
  run(join(VENV_DIR, "bin", "python"), ["-m", "compileall", "-qq", "-j", "0", join(VENV_DIR, "lib")]);
  say(`compiled bytecode in ${seconds(compiling)}.`);
  const record: InstallRecord = { litellm: LITELLM_VERSION, prisma: PRISMA_VERSION, python: python.version };
  writeFileSync(INSTALL_RECORD, `${JSON.stringify(record, null, 2)}\n`);
  say(`installed LiteLLM ${LITELLM_VERSION} from ${source} in ${seconds(started)}.`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
