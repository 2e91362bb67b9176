// `litellm-mcp doctor`: the checks a person runs before blaming the assistant — is the proxy there, is the
// master key accepted and an admin key, does the proxy still have the operations the tools were generated
// for. Each check is one line; any "fail" makes the exit code 1. No key ever reaches the report.

import { specInfo } from "../../generated/spec-info.js";
import type { Config } from "../config/config.js";
import { callerModeChecks } from "./caller-mode.js";
import { blank, describeBody, getAnswer as get, succeeded, type Answer, type Fetch } from "./http.js";
import type { Tool } from "../manifest/define-tool.js";
import { ConfigError } from "../errors.js";
import { manifest } from "../manifest/index.js";
import type { Check } from "./report.js";
import { enabledTools } from "../policy/toolsets.js";
import { liteLLMMessage } from "../litellm/upstream-errors.js";

function said(answer: Answer): string {
  const message = liteLLMMessage(answer.body);
  return message ? `: ${message}` : "";
}

/** The tools this configuration serves; a selection the server would refuse counts as the whole manifest here. */
function servedTools(config: Config): Tool[] {
  try {
    return enabledTools(manifest, config.policy);
  } catch {
    return [...manifest];
  }
}

/** The server refuses to start on a toolset or tool name it does not know: say so before anything else. */
function selectionCheck(config: Config): Check | undefined {
  try {
    enabledTools(manifest, config.policy);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return fail(`The server would not start: ${error.message}`);
    throw error;
  }
}

/** The served tools that call admin routes with the master key, for the report's sentences. */
function masterKeyTools(config: Config): string {
  const served = servedTools(config);
  const names = served.filter((tool) => tool.credential === "master").map((tool) => tool.name);
  return `${names.length} of the ${served.length} tools need it (${names.join(", ")})`;
}

const ok = (text: string): Check => ({ status: "ok", text });
const warn = (text: string): Check => ({ status: "warn", text });
const fail = (text: string): Check => ({ status: "fail", text });

/** The host answers HTTP but not as LiteLLM does: say so, instead of blaming the key for what follows. */
function notLiteLLM(config: Config, path: string, answer: Answer, expected: string): Check {
  return fail(
    `${config.host} answers, but does not look like a LiteLLM proxy: GET ${path} gave HTTP ${answer.status} with ${describeBody(answer)}, where LiteLLM sends ${expected}. Check that LITELLM_HOST is the address of the LiteLLM proxy itself (what its API clients use, e.g. http://localhost:4000), not its admin UI, a gateway page or another service.`,
  );
}

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
  // LiteLLM refuses a key with 401 (or 400 "No connected db." without a database); other failures are not the key's.
  if (models.status === 400 || models.status === 401 || models.status === 403) {
    const hint = /no.*db|database/i.test(said(models)) ? " Without a database LiteLLM accepts only its master key itself." : "";
    return [fail(`LiteLLM did not accept LITELLM_MASTER_KEY (GET /models: HTTP ${models.status}${said(models)}).${hint}`)];
  }
  if (!succeeded(models) || !Array.isArray((models.body as { data?: unknown } | null)?.data)) {
    return [notLiteLLM(config, "/models", models, "its model list ({\"data\": [...]})")];
  }
  const checks = [ok("LITELLM_MASTER_KEY is accepted (GET /models)")];

  const users = await get(config, fetchImpl, "/user/list?page=1&page_size=1", masterKey);
  if (typeof users === "string") return [...checks, fail(users)];
  if (succeeded(users)) {
    return [...checks, users.json ? ok("LITELLM_MASTER_KEY is a proxy admin key (GET /user/list)") : notLiteLLM(config, "/user/list", users, "a JSON list of users")];
  }
  if (users.status === 401 || users.status === 403) {
    return [...checks, fail(`LITELLM_MASTER_KEY is a valid key but not a proxy admin key (GET /user/list: HTTP ${users.status}${said(users)}); ${masterKeyTools(config)}.`)];
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
  // A document LiteLLM has turned off is a 404; a success with nothing in it is no LiteLLM answer at all.
  if (typeof doc !== "string" && succeeded(doc) && blank(doc)) return [notLiteLLM(config, "/openapi.json", doc, "its OpenAPI document")];
  const operations = typeof doc === "string" || !succeeded(doc) ? undefined : operationsIn(doc.body);
  if (typeof doc === "string" || !operations) {
    const why = typeof doc === "string" ? doc.replace(/\.$/, "") : succeeded(doc) ? `${describeBody(doc)}, not an OpenAPI document` : `HTTP ${doc.status}`;
    return [warn(`Could not read the proxy's /openapi.json (${why}), so its operations were not checked.`)];
  }
  const checks: Check[] = [];
  // The operations of the tools this configuration serves: a toolset left off needs nothing from the proxy.
  const used = [...new Set(servedTools(config).map((tool) => `${tool.operation.method.toUpperCase()} ${tool.operation.path}`))];
  const missing = used.filter((op) => !operations.has(op));
  checks.push(
    missing.length === 0
      ? ok(`The proxy has all ${used.length} operations the tools use (${used.join(", ")})`)
      : fail(`The proxy lacks ${missing.length} of the ${used.length} operations the tools use: ${missing.join(", ")}. The tools that call them will fail.`),
  );
  const version = (doc.body as { info?: { version?: unknown } }).info?.version;
  checks.push(versionCheck(config, typeof version === "string" ? version : undefined));
  return checks;
}

/** Orders dotted release numbers ("1.108.7" < "1.110.0"); a part that is not a number counts as 0. */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * The proxy's release beside the one spec/ was generated from (recorded in the build), and what to do
 * about a difference: a newer proxy may have changed what the tools send or read, which a dry-run regen
 * against it reports without touching anything; an older one may lack what the tools rely on.
 */
function versionCheck(config: Config, live: string | undefined): Check {
  const built = specInfo.litellmVersion;
  const dryRun = `npm run regen -- --dry-run --from ${config.host}/openapi.json`;
  if (live === undefined) {
    return warn(`Could not tell which LiteLLM release the proxy runs (its /openapi.json has no info.version); the tools were generated from ${built}.`);
  }
  const order = compareVersions(live, built);
  if (order === 0) return ok(`The proxy runs LiteLLM ${live}, the release the tools were generated from`);
  if (order > 0) {
    return warn(
      `The proxy runs LiteLLM ${live}, newer than ${built}, the release the tools were generated from. To see whether anything the tools send or read changed, run \`${dryRun}\` in a clone of litellm-mcp: it prints the drift report and writes nothing; "breaking: none" means the tools fit this proxy.`,
    );
  }
  return warn(
    `The proxy runs LiteLLM ${live}, older than ${built}, the release the tools were generated from: fields or operations added since may be missing. Upgrade the proxy to ${built} or later, or run \`${dryRun}\` in a clone of litellm-mcp to see what differs.`,
  );
}

export async function runDoctor(config: Config, fetchImpl: Fetch = (input, init) => fetch(input, init)): Promise<Check[]> {
  const selection = selectionCheck(config);
  return [...(selection ? [selection] : []), ...(await proxyChecks(config, fetchImpl))];
}

async function proxyChecks(config: Config, fetchImpl: Fetch): Promise<Check[]> {
  const health = await get(config, fetchImpl, "/health/liveliness");
  if (typeof health === "string") return [fail(health)];
  if (health.status === 502 || health.status === 503 || health.status === 504) {
    return [fail(`${config.host} answered GET /health/liveliness with HTTP ${health.status}: a gateway in front of LiteLLM could not reach it, or the proxy is not up. Check that LiteLLM is running.`)];
  }
  // LiteLLM answers its liveliness probe with a JSON string ("I'm alive!"); nothing further is asked of a host that does not.
  if (!succeeded(health) || !health.json) return [notLiteLLM(config, "/health/liveliness", health, 'HTTP 200 with a JSON string ("I\'m alive!")')];
  const checks: Check[] = [ok(`LiteLLM is reachable at ${config.host} (GET /health/liveliness)`)];

  if (config.auth === "caller") {
    checks.push(...(await callerModeChecks((path) => get(config, fetchImpl, path))));
  } else if (!config.masterKey) {
    checks.push(fail(`LITELLM_MASTER_KEY is not set: ${masterKeyTools(config)}.`));
  } else {
    checks.push(...(await keyChecks(config, fetchImpl, config.masterKey)));
  }
  checks.push(...(await specChecks(config, fetchImpl, config.masterKey)));
  return checks;
}
