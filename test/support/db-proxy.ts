// Runs the litellm-db kit (test/support/litellm-db/: a real LiteLLM on a real PostgreSQL) for the database
// suite: in a fresh temporary work dir, on free loopback ports, with the project's .venv, and stopped however
// the run ends. The kit's shell scripts do the work; this file only drives them.

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { homedir, tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { VENV_DIR, missingInstall } from "../../scripts/litellm-pin.ts";
import { CANARY_MASTER_KEY } from "./connect.ts";
import { OFFLINE_LITELLM_ENV } from "./litellm-proxy.ts";

const KIT = fileURLToPath(new URL("./litellm-db/", import.meta.url));

/** The kit's mock models: each answers every call with a fixed text and is priced from LiteLLM's cost map. */
export const DB_MODELS = [
  { name: "mock-alpha", deployment: "openai/gpt-3.5-turbo", reply: "alpha says hello" },
  { name: "mock-beta", deployment: "openai/gpt-4o", reply: "beta says hello" },
] as const;

/**
 * The operator's limits the policy suites mint under: one allowed model (the first above), a key, user and team
 * budget ceiling each, keys of at most a day, every toolset served.
 */
export const STRICT_POLICY = {
  LITELLM_MCP_TOOLSETS: "all",
  LITELLM_MCP_ALLOWED_MODELS: DB_MODELS[0].name,
  LITELLM_MCP_MAX_BUDGET: "0.01",
  LITELLM_MCP_MAX_USER_BUDGET: "1",
  LITELLM_MCP_MAX_TEAM_BUDGET: "5",
  LITELLM_MCP_MAX_KEY_DURATION: "1d",
} as const;

/** A model whose only deployment is a loopback port that drops every connection: its health checks fail. */
export const UNHEALTHY_MODEL = "mock-down";

/**
 * Drops every connection at once. Held for the whole run, so no other test's server can take its port (a port
 * merely closed again would be handed to the next `listen(0)` of another test, which then answers).
 */
async function droppingEverything(): Promise<{ origin: string; server: TcpServer }> {
  const server = createTcpServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** Seconds between LiteLLM's spend and log flushes to the database (LiteLLM's own default is 10). */
const BATCH_WRITE_SECONDS = 2;

/** What database tests need to reach the proxy; serializable, so global setup can hand it to test files. */
export interface DbProxy {
  url: string;
  /** The canary master key: the run-wide canary scan fails if any captured output holds it. */
  masterKey: string;
  /** Models that answer (the kit's mocks), as callers name them. */
  models: string[];
  unhealthyModel: string;
  batchWriteSeconds: number;
  /** LiteLLM's log, with the query-engine shim's stderr (its lines start with `[qe-shim]`). */
  logFile: string;
  /** The kit's settings for this run: what stopDatabase/startDatabase pass to its scripts. */
  kit: Record<string, string>;
  /** Seconds the kit took from nothing to a LiteLLM that answers database-backed calls. */
  startSeconds: number;
}

export interface RunningDbProxy extends DbProxy {
  /** Stops LiteLLM, the shim and PostgreSQL, and removes the work dir; resolves to the seconds it took. */
  stop(): Promise<number>;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** null when the database suite is skipped (no PostgreSQL or no LiteLLM in .venv/). */
    dbProxy: DbProxy | null;
  }
}

/** PostgreSQL's server binaries, where the kit looks for them. */
function postgresBin(): string | undefined {
  const usable = (bin: string) => existsSync(join(bin, "initdb")) && existsSync(join(bin, "pg_ctl"));
  if (process.env.LITELLM_DB_PG_BIN) return usable(process.env.LITELLM_DB_PG_BIN) ? process.env.LITELLM_DB_PG_BIN : undefined;
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).filter((major) => usable(join(root, major, "bin"))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(root, newest, "bin");
}

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

export interface Missing {
  reason: string;
  /** What to run about it. */
  remedy: string;
}

/** Why the database suite cannot run here, and what fixes it; undefined when it can run. */
export function dbSuiteMissing(): Missing | undefined {
  const venv = missingInstall();
  if (venv) return { reason: venv, remedy: "run `npm run test:db`, which installs it there first" };
  const apt = (what: string) => `install ${what} (apt-get install -y ${what}), then run \`npm run test:db\``;
  if (!postgresBin()) return { reason: "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)", remedy: apt("postgresql") };
  if (userInfo().uid === 0 && spawnSync("id", ["postgres"], { stdio: "ignore" }).status !== 0) {
    return { reason: "running as root and there is no postgres user to run PostgreSQL as", remedy: apt("postgresql") };
  }
  for (const command of ["bash", "curl"]) if (!onPath(command)) return { reason: `${command} is not installed`, remedy: apt(command) };
  return undefined;
}

/** LiteLLM must not pick up settings meant for another proxy: its own, a database or a cache. */
const NOT_FOR_THE_KIT = /^(LITELLM_|DATABASE_URL$|DIRECT_URL$|REDIS_)/;

/** The runner's environment (npm and pip need its HOME and registry settings) with the kit's settings on top. */
function kitProcessEnv(kit: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_FOR_THE_KIT.test(name)));
  return { ...env, ...OFFLINE_LITELLM_ENV, ...kit };
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runKit(script: string, args: string[], kit: Record<string, string>): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(KIT, script), args, { env: kitProcessEnv(kit), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function readLog(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** Where what every run can share is kept: the shim's node modules, npm's cache, generated Prisma clients. */
function cacheDir(): string {
  return process.env.LITELLM_MCP_DB_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "litellm-mcp", "litellm-db");
}

/** Starts the kit and waits until LiteLLM serves database-backed calls. */
export async function startDbProxy(): Promise<RunningDbProxy> {
  const root = mkdtempSync(join(tmpdir(), "litellm-db-"));
  // PostgreSQL runs as the postgres user when we are root: it must be able to reach its data dir inside.
  chmodSync(root, 0o711);
  const work = join(root, "work");
  const extraModels = join(root, "extra-models.yaml");
  const down = await droppingEverything();
  writeFileSync(
    extraModels,
    [
      `  - model_name: ${UNHEALTHY_MODEL}`,
      "    litellm_params:",
      "      model: openai/gpt-4o-mini",
      "      api_key: sk-kit-no-upstream",
      `      api_base: ${down.origin}/v1`,
      "      max_retries: 0",
      "",
    ].join("\n"),
  );
  const kit = {
    LITELLM_DB_WORKDIR: work,
    LITELLM_DB_CACHE_DIR: cacheDir(),
    LITELLM_VENV: VENV_DIR,
    LITELLM_MASTER_KEY: CANARY_MASTER_KEY,
    LITELLM_DB_BATCH_WRITE_AT: String(BATCH_WRITE_SECONDS),
    LITELLM_DB_EXTRA_MODELS: extraModels,
    // LiteLLM's model routes (add_model, update_model, delete_model) refuse to work without it; the
    // config's models are served as before.
    STORE_MODEL_IN_DB: "True",
  };
  const logFile = join(work, "litellm.log");

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(join(KIT, "stop.sh"), ["--clean"], { env: kitProcessEnv(kit), stdio: "ignore" });
    rmSync(root, { recursive: true, force: true });
    down.server.close();
    process.removeListener("exit", stopNow);
  };
  // Vitest exits on Ctrl-C without running global teardown, and LiteLLM runs in its own session (the
  // terminal's signal never reaches it): stop everything on the way out, whatever the way.
  process.once("exit", stopNow);

  const started = performance.now();
  const result = await runKit("start.sh", [], kit);
  const startSeconds = (performance.now() - started) / 1000;
  const url = /^LITELLM_HOST=(.+)$/m.exec(result.stdout)?.[1];
  if (result.code !== 0 || !url) {
    const log = tail(readLog(logFile), 20);
    stopNow();
    throw new Error(`The litellm-db kit did not start (exit ${result.code}):\n${tail(result.stderr)}${log ? `\n--- LiteLLM log ---\n${log}` : ""}`);
  }

  return {
    url,
    masterKey: CANARY_MASTER_KEY,
    models: DB_MODELS.map((m) => m.name),
    unhealthyModel: UNHEALTHY_MODEL,
    batchWriteSeconds: BATCH_WRITE_SECONDS,
    logFile,
    kit,
    startSeconds,
    stop: async () => {
      const stopping = performance.now();
      if (!stopped) {
        stopped = true;
        process.removeListener("exit", stopNow);
        await runKit("stop.sh", ["--clean"], kit);
        rmSync(root, { recursive: true, force: true });
        down.server.close();
      }
      return (performance.now() - stopping) / 1000;
    },
  };
}

/** Stops only PostgreSQL: LiteLLM keeps running and finds its database gone. */
export async function stopDatabase(proxy: DbProxy): Promise<void> {
  const result = await runKit("stop.sh", ["--postgres"], proxy.kit);
  if (result.code !== 0) throw new Error(`stop.sh --postgres failed:\n${tail(result.stderr)}`);
}

/** Starts PostgreSQL again and waits until LiteLLM serves database-backed calls (start.sh is idempotent). */
export async function startDatabase(proxy: DbProxy): Promise<void> {
  const result = await runKit("start.sh", [], proxy.kit);
  if (result.code !== 0) throw new Error(`start.sh could not bring PostgreSQL back:\n${tail(result.stderr)}`);
}

/** LiteLLM's log so far (empty once the run is over and the work dir is gone). */
export function dbProxyLog(proxy: DbProxy): string {
  return readLog(proxy.logFile);
}

/** A LiteLLM admin call made directly, for what no tool does yet (users, teams) and for checking LiteLLM itself. */
export async function liteLLMAdmin(proxy: DbProxy, method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${proxy.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${proxy.masterKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body: parsed };
}

/** Creates an internal user (generate_key mints keys only for users LiteLLM has), with no key of its own. */
export async function createUser(proxy: DbProxy, userId: string, fields: Record<string, unknown> = {}): Promise<void> {
  const created = await liteLLMAdmin(proxy, "POST", "/user/new", { user_id: userId, user_role: "internal_user", auto_create_key: false, ...fields });
  if (created.status !== 200) throw new Error(`creating user ${userId}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}

/** The `[qe-shim]` lines LiteLLM's log gained after `from` characters: the stand-in for Prisma's engine failing. */
export function shimErrorsSince(proxy: DbProxy, from: number): string[] {
  return dbProxyLog(proxy)
    .slice(from)
    .split("\n")
    .filter((line) => line.includes("[qe-shim]"));
}
