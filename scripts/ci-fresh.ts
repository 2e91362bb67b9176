// `npm run ci:fresh`: CI as a machine that has never seen this project runs it. Clones the checkout's HEAD
// into a temporary folder and runs `.ci/run` there with every cache it could lean on empty: a temporary
// HOME (so ~/.cache/litellm-mcp's wheels and kit, ~/.npmrc and ~/.cache/pip are not there), npm's and pip's
// caches in that HOME, and a temporary TMPDIR (the Inspector's npx cache lives there). A warm machine once
// hid a failing install this way: the wheels it needed were already cached.
//
// Only committed work is cloned: uncommitted changes are named and left out. What stays from this machine
// is what a new machine of the same kind also has: the system's Node, Python, npm's global config and
// Debian's packages (.ci/run installs the ones it needs), and the CA settings in the environment.
//
//   npm run ci:fresh                 clone, run, print the time and the run's last lines, remove the folder
//   npm run ci:fresh -- --keep       keep the folder (its path is printed) to look into afterwards
//
// Exit code: .ci/run's.

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const TAIL_LINES = 25;
/** The lines of .ci/run's log that sum up a test run: vitest's totals and the no-skips reporter's verdict. */
const SUMMARY = /^\s*(Test Files|Tests)\s|tests skipped|No test skipped|^test-on-node: Node v/;

function say(line: string): void {
  console.log(`ci-fresh: ${line}`);
}

/** The environment of a new machine: this one's system settings, nothing of this user's or project's state. */
function freshEnvironment(work: string): NodeJS.ProcessEnv {
  const home = join(work, "home");
  const tmp = join(work, "tmp");
  for (const dir of [home, tmp]) mkdirSync(dir, { recursive: true });
  // As /tmp is: the database kit, run as root, starts PostgreSQL as the postgres user in a folder under it.
  chmodSync(work, 0o755);
  chmodSync(tmp, 0o1777);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Settings that point at this project's caches or a proxy under test, and npm's per-run variables,
    // are the state a new machine lacks; everything else (PATH, PYENV_ROOT, CA bundles, locale) it has.
    if (/^(LITELLM|npm_|PIP_|XDG_|VITEST|NODE_OPTIONS$|INIT_CWD$)/i.test(name) && !/^PIP_CERT$/.test(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    HOME: home,
    TMPDIR: tmp,
    CI: "true",
    npm_config_cache: join(home, ".npm"),
    PIP_CACHE_DIR: join(home, ".cache", "pip"),
  };
}

function uncommitted(): string[] {
  const status = spawnSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" });
  return status.stdout.split("\n").filter((line) => line.trim() !== "");
}

async function main(): Promise<number> {
  const { keep } = parseArgs({ options: { keep: { type: "boolean", default: false } } }).values;
  const changes = uncommitted();
  if (changes.length > 0) say(`${changes.length} uncommitted changes are not part of the clone (only HEAD is): ${changes.slice(0, 5).join("; ")}${changes.length > 5 ? "; …" : ""}`);
  const work = mkdtempSync(join(tmpdir(), "litellm-mcp-ci-fresh-"));
  const clone = join(work, "clone");
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  if (spawnSync("git", ["clone", "--quiet", "--no-local", ROOT, clone], { stdio: "inherit" }).status !== 0) {
    say("git clone failed");
    return 1;
  }
  const env = freshEnvironment(work);
  const log = join(work, "ci.log");
  say(`running .ci/run in ${clone} (HEAD ${head}) with HOME=${env.HOME}, TMPDIR=${env.TMPDIR}, empty npm and pip caches; log: ${log}`);
  const started = performance.now();
  const output = createWriteStream(log);
  const code = await new Promise<number>((resolve) => {
    const child = spawn("bash", [".ci/run"], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk: Buffer) => {
        output.write(chunk);
        process.stdout.write(chunk);
      });
    }
    child.on("close", (status) => resolve(status ?? 1));
  });
  await new Promise<void>((resolve) => output.end(resolve));
  const seconds = (performance.now() - started) / 1000;
  const lines = readFileSync(log, "utf8").replace(/\x1b\[[0-9;]*m/g, "").trimEnd().split("\n");
  console.log(`\n${"-".repeat(72)}\nci-fresh: last ${TAIL_LINES} lines of .ci/run:\n${lines.slice(-TAIL_LINES).join("\n")}\n${"-".repeat(72)}`);
  // Every vitest run's totals and skip verdict, wherever they scrolled to in the log.
  say("test runs:");
  for (const line of lines.filter((l) => SUMMARY.test(l))) console.log(`  ${line.trim()}`);
  say(`.ci/run on a fresh clone of ${head} ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s.`);
  if (keep) say(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  return code;
}

process.exit(await main());
