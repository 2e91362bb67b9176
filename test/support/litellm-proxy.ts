// Starts a real LiteLLM proxy from .venv/ on a free local port, with a master key and mock models that
// answer without any provider, and stops it (its whole process group) however the run ends.

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LITELLM_BIN } from "../../scripts/litellm-pin.ts";

export interface MockModel {
  /** The name callers use (`model_name` in LiteLLM's config). */
  name: string;
  /** The provider model LiteLLM pretends to call; never called, `mock_response` answers instead. */
  model: string;
  reply: string;
}

export const MOCK_MODELS: readonly MockModel[] = [
  { name: "mock-gpt", model: "openai/gpt-3.5-turbo", reply: "Hello from the mock GPT model" },
  { name: "mock-claude", model: "anthropic/claude-3-haiku-20240307", reply: "Greetings from the mock Claude model" },
];

/** What the live tests need to reach the proxy; serializable, so global setup can hand it to test files. */
export interface LiveProxy {
  url: string;
  masterKey: string;
  models: MockModel[];
  /** Seconds from spawn to the first 200 from /health/liveliness. */
  startSeconds: number;
}

export interface RunningProxy extends LiveProxy {
  log(): string;
  /** Stops the proxy and removes its folder; resolves to its exit status (143 = stopped by SIGTERM). */
  stop(): Promise<number | null>;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** null when the live suite is skipped (no LiteLLM in .venv/). */
    liveProxy: LiveProxy | null;
  }
}

const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;
const PORT_ATTEMPTS = 3;

/** What keeps LiteLLM off the network and quiet: without these it fetches price maps and more at start. */
export const OFFLINE_LITELLM_ENV = {
  LITELLM_LOCAL_MODEL_COST_MAP: "True",
  LITELLM_TELEMETRY_DISABLED: "true",
  LITELLM_LOCAL_BLOG_POSTS: "True",
  LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS: "True",
  LITELLM_LOCAL_POLICY_TEMPLATES: "True",
  LITELLM_LOCAL_AUTOROUTER_PRESETS: "True",
  DISABLE_SCHEMA_UPDATE: "True",
  LITELLM_DONT_SHOW_FEEDBACK_BOX: "true",
} as const;

// What the proxy needs to start offline and quietly, and nothing from the test runner's environment: in
// particular no DATABASE_URL (the no-database behaviour is part of what is tested) and no provider keys.
function proxyEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: home, LANG: "C.UTF-8", PYTHONUNBUFFERED: "1", ...OFFLINE_LITELLM_ENV };
}

/** JSON is YAML, so the config needs no YAML writer and no quoting rules. */
function configText(masterKey: string, models: readonly MockModel[]): string {
  return JSON.stringify(
    {
      model_list: models.map((m) => ({
        model_name: m.name,
        litellm_params: { model: m.model, mock_response: m.reply, api_key: "sk-unused-by-mock" },
      })),
      general_settings: { master_key: masterKey },
    },
    null,
    2,
  );
}

/** A port nothing listens on right now. LiteLLM binds only after ~6 s of start-up, so a race is possible: see retries. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

async function status(url: string, init: RequestInit = {}): Promise<number | undefined> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

class StartFailure extends Error {
  constructor(
    message: string,
    readonly portTaken: boolean,
  ) {
    super(message);
  }
}

export interface ProxyOptions {
  models?: readonly MockModel[];
  /** Added to the proxy's environment (e.g. PYTHONPATH to shadow a package). */
  env?: Record<string, string>;
}

async function startOnce(dir: string, masterKey: string, options: Required<ProxyOptions>, attempt: number): Promise<RunningProxy> {
  const { models } = options;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(dir, "config.yaml");
  const logFile = join(dir, `litellm-${attempt}.log`);
  writeFileSync(config, configText(masterKey, models));
  const logFd = openSync(logFile, "w");
  const started = performance.now();
  // detached: its own process group, so stopping it reaches anything it spawned too.
  const child = spawn(LITELLM_BIN, ["--config", config, "--host", "127.0.0.1", "--port", String(port)], {
    cwd: dir,
    env: { ...proxyEnv(dir), ...options.env },
    detached: true,
    stdio: ["ignore", logFd, logFd],
  });
  closeSync(logFd);
  const pid = child.pid!;
  // Last resort when the test runner exits without teardown: never leave a proxy behind.
  const onExit = () => {
    killGroup(pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  // Readable until stop() removes the folder; empty after.
  const log = () => {
    try {
      return readFileSync(logFile, "utf8");
    } catch {
      return "";
    }
  };

  const stop = async (): Promise<number | null> => {
    killGroup(pid, "SIGTERM");
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      killGroup(pid, "SIGKILL");
      await waitForExit(child, STOP_GRACE_MS);
    }
    killGroup(pid, "SIGKILL"); // anything it left in its group
    process.removeListener("exit", onExit);
    return child.exitCode ?? (child.signalCode === "SIGTERM" ? 143 : null);
  };

  const deadline = started + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (exited(child)) {
      process.removeListener("exit", onExit);
      const text = log();
      throw new StartFailure(`LiteLLM exited with status ${child.exitCode ?? child.signalCode} before it was ready:\n${text.slice(-3000)}`, /address already in use/i.test(text));
    }
    if ((await status(`${url}/health/liveliness`)) === 200 && !exited(child)) {
      const startSeconds = (performance.now() - started) / 1000;
      // Something else could hold the port we were given; only our proxy knows our master key.
      const ours = await status(`${url}/models`, { headers: { authorization: `Bearer ${masterKey}` } });
      if (ours !== 200) {
        await stop();
        throw new StartFailure(`${url} is alive but does not accept this run's master key (HTTP ${ours}): another server holds the port.`, true);
      }
      return { url, masterKey, models: [...models], startSeconds, log, stop };
    }
    await sleep(150);
  }
  await stop();
  throw new StartFailure(`LiteLLM did not answer /health/liveliness within ${START_TIMEOUT_MS / 1000} s:\n${log().slice(-3000)}`, false);
}

/** Starts the proxy and waits until it serves; retries on another port if the first one was taken meanwhile. */
export async function startLiteLLMProxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  const settings = { models: options.models ?? MOCK_MODELS, env: options.env ?? {} };
  const dir = mkdtempSync(join(tmpdir(), "litellm-live-"));
  const masterKey = `sk-live-master-${randomBytes(12).toString("hex")}`;
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  for (let attempt = 1; ; attempt++) {
    try {
      const proxy = await startOnce(dir, masterKey, settings, attempt);
      return {
        ...proxy,
        stop: async () => {
          const code = await proxy.stop();
          cleanup();
          return code;
        },
      };
    } catch (error) {
      if (error instanceof StartFailure && error.portTaken && attempt < PORT_ATTEMPTS) continue;
      cleanup();
      throw error;
    }
  }
}
