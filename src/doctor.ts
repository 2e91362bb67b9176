// `litellm-mcp doctor`: the checks a person runs before blaming the assistant — is the proxy there, is the
// master key accepted and an admin key, does the proxy still have the operations the tools were generated
// for. Each check is one line; any "fail" makes the exit code 1. No key ever reaches the report.

import { specInfo } from "../generated/spec-info.js";
import type { Config } from "./config.js";
import { callerModeChecks } from "./doctor-caller.js";
import { manifest } from "./manifest/index.js";
import { redact } from "./redact.js";
import { errorFromException, liteLLMMessage } from "./upstream-errors.js";

export type CheckStatus = "ok" | "warn" | "fail";
export interface Check {
  status: CheckStatus;
  text: string;
}

interface Answer {
  status: number;
  body: unknown;
}

type Fetch = typeof fetch;

/** One GET, read whole. Network failures come back as the bridge's usual sentence, never thrown. */
async function get(config: Config, fetchImpl: Fetch, path: string, bearer?: string): Promise<Answer | string> {
  try {
    const response = await fetchImpl(`${config.host}${path}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      signal: AbortSignal.timeout(config.adminTimeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text, the checks describe it.
    }
    return { status: response.status, body };
  } catch (error) {
    try {
      return errorFromException(error, { credential: "master", host: config.host, timeoutMs: config.adminTimeoutMs }).message;
    } catch {
      return `Could not reach LiteLLM at ${config.host}: ${(error as Error)?.message ?? String(error)}.`;
    }
  }
}

function said(answer: Answer): string {
  const message = liteLLMMessage(answer.body);
  return message ? `: ${message}` : "";
}

/** The manifest's tools that call admin routes with the master key, for the report's sentences. */
function masterKeyTools(): string {
  const names = manifest.filter((tool) => tool.credential === "master").map((tool) => tool.name);
  return `${names.length} of the ${manifest.length} tools need it (${names.join(", ")})`;
}

const ok = (text: string): Check => ({ status: "ok", text });
const warn = (text: string): Check => ({ status: "warn", text });
const fail = (text: string): Check => ({ status: "fail", text });

/**
 * Admin check: GET /user/list. LiteLLM lists it among its management routes and not among the routes
 * internal users or plain virtual keys may call, so they get 401 "Only proxy admin can ..."; it is
 * read-only; and the master key passes LiteLLM's auth before any database lookup, so even a proxy
 * without a database tells "admin" (its handler then fails on the missing database) from "not admin".
 * (/key/list would not do: internal users may call it to list their own keys.)
 */
async function keyChecks(config: Config, fetchImpl: Fetch, masterKey: string): Promise<Check[]> {
  const models = await get(config, fetchImpl, "/models", masterKey);
  if (typeof models === "string") return [fail(models)];
  if (models.status < 200 || models.status >= 300) {
    const hint = /no.*db|database/i.test(said(models)) ? " Without a database LiteLLM accepts only its master key itself." : "";
    return [fail(`LiteLLM did not accept LITELLM_MASTER_KEY (GET /models: HTTP ${models.status}${said(models)}).${hint}`)];
  }
  const checks = [ok("LITELLM_MASTER_KEY is accepted (GET /models)")];

  const users = await get(config, fetchImpl, "/user/list?page=1&page_size=1", masterKey);
  if (typeof users === "string") return [...checks, fail(users)];
  if (users.status >= 200 && users.status < 300) return [...checks, ok("LITELLM_MASTER_KEY is a proxy admin key (GET /user/list)")];
  if (users.status === 401 || users.status === 403) {
    return [...checks, fail(`LITELLM_MASTER_KEY is a valid key but not a proxy admin key (GET /user/list: HTTP ${users.status}${said(users)}); ${masterKeyTools()}.`)];
  }
  if (users.status >= 500 && /db|database/i.test(said(users))) {
    return [
      ...checks,
      ok("LITELLM_MASTER_KEY is the proxy's master key (it passed the admin check of GET /user/list)"),
      warn("The proxy has no database connected: the tools for keys, users, teams and spend will fail until it is started with DATABASE_URL."),
    ];
  }
  return [...checks, warn(`Could not tell whether LITELLM_MASTER_KEY is an admin key (GET /user/list: HTTP ${users.status}${said(users)}).`)];
}

function operationsIn(document: unknown): Set<string> | undefined {
  const paths = (document as { paths?: unknown } | null)?.paths;
  if (typeof paths !== "object" || paths === null) return undefined;
  const found = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of Object.keys(item ?? {})) found.add(`${method.toUpperCase()} ${path}`);
  }
  return found;
}

async function specChecks(config: Config, fetchImpl: Fetch, masterKey: string | undefined): Promise<Check[]> {
  let doc = await get(config, fetchImpl, "/openapi.json");
  // Some deployments put the docs behind auth; try again with the key before giving up.
  if (typeof doc !== "string" && (doc.status === 401 || doc.status === 403) && masterKey) doc = await get(config, fetchImpl, "/openapi.json", masterKey);
  const operations = typeof doc === "string" || doc.status < 200 || doc.status >= 300 ? undefined : operationsIn(doc.body);
  if (typeof doc === "string" || !operations) {
    const why = typeof doc === "string" ? doc : doc.status >= 200 && doc.status < 300 ? "not an OpenAPI document" : `HTTP ${doc.status}`;
    return [warn(`Could not read the proxy's /openapi.json (${why}), so its operations were not checked.`)];
  }
  const checks: Check[] = [];
  const missing = specInfo.operations.filter((op) => !operations.has(op));
  checks.push(
    missing.length === 0
      ? ok(`The proxy has all ${specInfo.operations.length} operations the tools use (${specInfo.operations.join(", ")})`)
      : fail(`The proxy lacks ${missing.length} of the ${specInfo.operations.length} operations the tools use: ${missing.join(", ")}. The tools that call them will fail.`),
  );
  const version = (doc.body as { info?: { version?: unknown } }).info?.version;
  const live = typeof version === "string" ? version : "an unknown version";
  checks.push(
    live === specInfo.litellmVersion
      ? ok(`The proxy runs LiteLLM ${live}, the version the tools were generated from`)
      : warn(`The proxy runs LiteLLM ${live}; the tools were generated from ${specInfo.litellmVersion}. If a tool misbehaves, regenerate against this proxy (npm run regen) to see what changed.`),
  );
  return checks;
}

export async function runDoctor(config: Config, fetchImpl: Fetch = (input, init) => fetch(input, init)): Promise<Check[]> {
  const health = await get(config, fetchImpl, "/health/liveliness");
  if (typeof health === "string") return [fail(health)];
  const checks: Check[] = [
    health.status >= 200 && health.status < 300
      ? ok(`LiteLLM is reachable at ${config.host} (GET /health/liveliness)`)
      : warn(`${config.host} answers, but GET /health/liveliness gave HTTP ${health.status}: is LITELLM_HOST the LiteLLM proxy itself?`),
  ];

  if (config.auth === "caller") {
    checks.push(...(await callerModeChecks((path) => get(config, fetchImpl, path))));
  } else if (!config.masterKey) {
    checks.push(fail(`LITELLM_MASTER_KEY is not set: ${masterKeyTools()}.`));
  } else {
    checks.push(...(await keyChecks(config, fetchImpl, config.masterKey)));
  }
  checks.push(...(await specChecks(config, fetchImpl, config.masterKey)));
  return checks;
}

const MARK: Record<CheckStatus, string> = { ok: "ok  ", warn: "warn", fail: "FAIL" };

/** The printed report: one line per check, then a verdict. Redacted, whatever LiteLLM echoed. */
export function formatReport(checks: readonly Check[], secrets: readonly (string | undefined)[]): string {
  const lines = checks.map((c) => `${MARK[c.status]}  ${c.text}`);
  const failures = checks.filter((c) => c.status === "fail").length;
  const warnings = checks.filter((c) => c.status === "warn").length;
  lines.push(failures > 0 ? `${failures} check(s) failed.` : `All checks passed${warnings ? ` (${warnings} warning(s))` : ""}.`);
  return redact(lines.join("\n"), secrets);
}

export function exitCodeFor(checks: readonly Check[]): 0 | 1 {
  return checks.some((c) => c.status === "fail") ? 1 : 0;
}
