// The policy by effect: what a write will let its result do in LiteLLM, judged before it is sent, against
// LiteLLM's current state where the answer depends on it, and checked again in LiteLLM's answer where LiteLLM
// could still do something else than asked (then the write is undone). Argument rules (src/policy/limits.ts)
// see what a call asks for; these see what LiteLLM will make of it:
//
// - A key carries its user's role, and LiteLLM lets a key call, with its own bearer, every route that role
//   may: an internal_user's key mints keys, a team admin's key raises its own budget. LiteLLM's route groups
//   are wider than they read: "llm_api_routes" (key_type "llm_api") holds its provider pass-through routes
//   (/openai/*, /anthropic/*, ...), files, batches, assistants, containers and images, where a request that
//   names no model goes to the operator's provider account, checked against no key's models and booked to
//   nobody. So every key the bridge hands out is minted with an explicit allowed_routes list of exact
//   routes (KEY_ROUTES), which LiteLLM 1.108.7 lets the master key set without an Enterprise licence and
//   enforces for every role: the key may call those and nothing else. On top, a key is
//   never minted for a user with an admin role, nor for a team whose admin its user is.
// - A key for a user, team or model LiteLLM does not have can never work as asked: refused before writing.
// - Budgets count what LiteLLM adds: a key's max_budget plus a temp_budget_increase still in force.
// - A deployment the assistant adds must have a price: LiteLLM books no spend for a model it cannot price,
//   so every budget would stop counting on it.

import { InputError, PolicyError } from "../errors.js";
import type { AroundCall } from "../litellm/lookup.js";
import type { KeyState, LiteLLMState } from "../litellm/state.js";
import type { Policy } from "./operator-policy.js";
import { ceilingFor } from "./ceilings.js";
import { keyHash } from "../litellm/key-hash.js";

/**
 * The only routes a key the bridge mints may call: chat completions (also without /v1, which is where
 * proxy_completion and clients whose base URL lacks /v1 send them), text completions, embeddings and the
 * model list, each under /v1. LiteLLM matches an entry exactly or as a prefix followed by "/", so each one
 * also admits whatever LiteLLM serves below it; these admit nothing but GET /v1/models/{model}. Left out on
 * purpose: /completions, /embeddings (one segment, so LiteLLM's /{provider}/v1/files and /{provider}/v1/batches
 * and /{server}/mcp sit below them), /models (below it: /models/{model}:generateContent), /engines/... and
 * /openai/deployments/... (the same calls by another path), and route groups of any kind.
 */
export const KEY_ROUTES = ["/chat/completions", "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models"] as const;

/** What each check below calls through LiteLLMState: a tool's entry declares those its steps use. */
export const KEY_HOLDER_READS = ["GET /user/info", "GET /team/info"] as const satisfies readonly AroundCall[];
export const MODELS_SERVED_READS = ["GET /models"] as const satisfies readonly AroundCall[];
export const MINTED_KEY_UNDO = ["POST /key/delete"] as const satisfies readonly AroundCall[];
export const REGENERATED_KEY_UNDO = ["POST /key/block"] as const satisfies readonly AroundCall[];
export const PRICED_DEPLOYMENT_CALLS = ["GET /model/info", "POST /model/delete"] as const satisfies readonly AroundCall[];

/** Roles whose keys may be handed out: LiteLLM gives a key its user's role. A user with no role counts as neither admin. */
const KEY_HOLDER_ROLES = new Set(["internal_user", "internal_user_viewer"]);

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * Refuses a key for a user (and team) LiteLLM does not have, for a user with an admin role, or for a team
 * whose admin the user is.
 */
export async function checkKeyHolder(state: LiteLLMState, userId: string | null, teamId: string | null | undefined): Promise<void> {
  if (userId !== null) {
    const user = await state.user(userId);
    if (!user) {
      throw new InputError(
        `LiteLLM has no user "${userId}", so a key for it would answer to no user's budget and show in no user's spend. Create the user first (create_user, or LiteLLM's UI), or pass an existing user_id (get_user_info finds one).`,
      );
    }
    if (user.user_role !== null && !KEY_HOLDER_ROLES.has(user.user_role)) {
      throw new PolicyError(
        `Refused by policy: "${userId}" has LiteLLM's role ${user.user_role}, and a key carries its user's role, so it could do what a ${user.user_role} does. Keys are handed out only for users with role internal_user or internal_user_viewer.`,
      );
    }
  }
  if (teamId === null || teamId === undefined) return;
  const team = await state.team(teamId);
  if (!team) {
    throw new InputError(`LiteLLM has no team "${teamId}", and every call with a key for it would fail ("Team doesn't exist"). Pass an existing team_id (list_teams shows them), or leave team_id out.`);
  }
  if (userId !== null && team.admins.includes(userId)) {
    throw new PolicyError(
      `Refused by policy: "${userId}" is an admin of team "${teamId}" in LiteLLM, and a key for that team carries its user's admin rights over the team (changing its keys' budgets and models, minting team keys, resetting members' spend). Mint the key for a member who is not a team admin, or without team_id.`,
    );
  }
}

/** A model list entry LiteLLM serves: a name it lists, or one matching a pattern it lists ("openai/*"). */
function served(model: string, names: readonly string[]): boolean {
  return names.some((name) => name === model || (name.includes("*") && new RegExp(`^${name.split("*").map(escapeRegExp).join(".*")}$`).test(model)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Refuses models LiteLLM does not serve: a key limited to them can call nothing. */
export async function checkModelsServed(state: LiteLLMState, models: readonly string[]): Promise<void> {
  const names = await state.modelNames();
  const missing = models.filter((model) => !served(model, names));
  if (missing.length === 0) return;
  const shown = names.slice(0, 10);
  throw new InputError(
    `LiteLLM serves no model named ${quoted(missing)} (for the key this server sends), so a key limited to ${missing.length === 1 ? "it" : "them"} could not call ${missing.length === 1 ? "it" : "them"}. ${shown.length > 0 ? `It serves ${quoted(shown)}${names.length > shown.length ? ", …" : ""}; list_models shows them all.` : "list_models shows what it serves."}`,
  );
}

/**
 * Under LITELLM_MCP_ALLOWED_MODELS, a health check must name a model LiteLLM serves by that exact name: for a
 * name no deployment carries, LiteLLM tests the deployments whose provider model (litellm_params.model) is
 * called so, which may be any model at all.
 */
export async function checkHealthTarget(state: LiteLLMState, model: string, policy: Policy): Promise<void> {
  if (!policy.allowedModels) return;
  const names = await state.modelNames();
  if (names.includes(model)) return;
  throw new InputError(`LiteLLM serves no model named "${model}", so there is no deployment of it to test (list_models shows the names it serves).`);
}

/** What LiteLLM adds to a key's max_budget: a temp_budget_increase whose temp_budget_expiry has not passed. */
export function budgetIncrease(metadata: Record<string, unknown>, now = Date.now()): number {
  const increase = Number(metadata.temp_budget_increase);
  if (!Number.isFinite(increase) || increase <= 0) return 0;
  const expiry = Date.parse(String(metadata.temp_budget_expiry ?? ""));
  // An expiry LiteLLM might read otherwise than JavaScript does is taken as still in force.
  return Number.isNaN(expiry) || expiry > now ? increase : 0;
}

/** A key as it will be handed out: its row, with whatever the call changes on top. */
export interface KeyGrant {
  allowed_routes: readonly string[] | null;
  models: readonly string[];
  max_budget: number | null;
  budget_duration: string | null;
  metadata: Record<string, unknown>;
  /** When it stops working (ISO 8601), null for never; undefined when the call gives it a new duration (checked as an argument). */
  expires?: string | null;
}

/** Whether a key's allowed_routes are exactly KEY_ROUTES, in any order. */
function sameRoutes(routes: readonly string[]): boolean {
  const wanted = new Set<string>(KEY_ROUTES);
  return routes.length === wanted.size && new Set(routes).size === wanted.size && routes.every((route) => wanted.has(route));
}

/** Why handing out `key` would exceed the policy, or undefined. Checks what LiteLLM itself will enforce. */
export function keyGrantFault(key: KeyGrant, policy: Policy, now = Date.now()): string | undefined {
  const routes = key.allowed_routes ?? [];
  if (!sameRoutes(routes)) {
    return routes.length === 0
      ? "it may call every route its user's role allows (LiteLLM's management routes too)"
      : `its allowed_routes are ${quoted(routes)}, not exactly ${quoted(KEY_ROUTES)} (a route group such as "llm_api_routes" also reaches LiteLLM's provider pass-through routes, files and batches, on the operator's provider account)`;
  }
  if (key.models.length === 0) return "it may call every model (its models list is empty)";
  const outside = policy.allowedModels ? key.models.filter((model) => !policy.allowedModels!.includes(model)) : [];
  if (outside.length > 0) return `it may call ${quoted(outside)}, outside LITELLM_MCP_ALLOWED_MODELS`;
  const ceiling = ceilingFor("key", policy);
  const budget = key.max_budget === null ? null : key.max_budget + budgetIncrease(key.metadata, now);
  if ((ceiling || policy.requireBudget) && budget === null) return "it has no max_budget, so unlimited spend";
  if (ceiling && budget !== null && budget > ceiling.amount) {
    return `it may spend ${budget} USD${budget !== key.max_budget ? " (its max_budget plus a temp_budget_increase in its metadata)" : ""}, more than ${ceiling.amount} USD (${ceiling.variable})`;
  }
  if (ceiling && key.budget_duration !== null) return `its spend resets every ${key.budget_duration}, while ${ceiling.variable} is a total`;
  if (key.expires === undefined) return undefined;
  if (key.expires === null) return policy.maxKeyDuration || !policy.allowNoExpiry ? "it never expires" : undefined;
  const expires = Date.parse(key.expires);
  // A minute's grace for the clocks of LiteLLM and this server.
  if (policy.maxKeyDuration && (Number.isNaN(expires) || expires > now + (policy.maxKeyDuration.seconds + 60) * 1000)) {
    return `it stays valid until ${key.expires}, longer than ${policy.maxKeyDuration.text} (LITELLM_MCP_MAX_KEY_DURATION)`;
  }
  return undefined;
}

/** The key grant of LiteLLM's answer to /key/generate or /key/regenerate (a GenerateKeyResponse). */
export function grantInAnswer(answer: unknown): KeyGrant & { token: string | null; key: string | null } {
  const row = (typeof answer === "object" && answer !== null ? answer : {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
  return {
    key: typeof row.key === "string" ? row.key : null,
    token: typeof row.token === "string" ? row.token : typeof row.token_id === "string" ? row.token_id : null,
    allowed_routes: Array.isArray(row.allowed_routes) ? list(row.allowed_routes) : null,
    models: list(row.models),
    max_budget: typeof row.max_budget === "number" ? row.max_budget : null,
    budget_duration: typeof row.budget_duration === "string" ? row.budget_duration : null,
    metadata: typeof row.metadata === "object" && row.metadata !== null ? (row.metadata as Record<string, unknown>) : {},
    expires: typeof row.expires === "string" ? row.expires : null,
  };
}

/**
 * After /key/generate: the key LiteLLM minted must be the one the policy allowed. Where it is not (LiteLLM
 * ignored or widened allowed_routes, filled in a team's models, ...), it is deleted again and the call refused.
 */
export async function confirmMintedKey(state: LiteLLMState, answer: unknown, policy: Policy): Promise<void> {
  const grant = grantInAnswer(answer);
  const fault = keyGrantFault(grant, policy);
  if (!fault) return;
  const which = grant.token ?? (grant.key ? keyHash(grant.key) : undefined);
  const undone = which === undefined ? "it could not be deleted again (LiteLLM's answer named no key)" : await undo(() => state.deleteKey(which), "the key was deleted again");
  throw new PolicyError(`Refused by policy: LiteLLM minted the key otherwise than asked: ${fault}; ${undone}.`);
}

/** After /key/regenerate: the new secret must be within the policy; where not, the key is blocked (its old secret is gone). */
export async function confirmRegeneratedKey(state: LiteLLMState, answer: unknown, policy: Policy, existing: KeyState): Promise<void> {
  const grant = grantInAnswer(answer);
  const fault = keyGrantFault(grant, policy);
  if (!fault) return;
  const undone = await undo(() => state.blockKey(existing.token), "the key was blocked (unblock_key or an admin can reverse that)");
  throw new PolicyError(`Refused by policy: LiteLLM regenerated the key otherwise than asked: ${fault}; ${undone}.`);
}

/** Runs an undo and says how it went; a failed undo is said, never hidden. */
async function undo(action: () => Promise<void>, done: string): Promise<string> {
  try {
    await action();
    return done;
  } catch (error) {
    return `undoing it failed (${error instanceof Error ? error.message : String(error)}), so have an admin remove it`;
  }
}

/** After /model/new: a deployment LiteLLM cannot price is taken out again, since every key would spend on it for free. */
export async function confirmPricedDeployment(state: LiteLLMState, answer: unknown, model: string): Promise<void> {
  const id = (typeof answer === "object" && answer !== null ? (answer as { model_id?: unknown }).model_id : undefined) as unknown;
  if (typeof id !== "string") throw new PolicyError("Refused by policy: LiteLLM's answer named no deployment id, so its price could not be checked. Check get_model_info and delete_model the new deployment if it has no price.");
  const deployment = await state.deployment(id);
  const priced = [deployment?.input_cost_per_token, deployment?.output_cost_per_token].some((cost) => typeof cost === "number" && cost > 0);
  if (priced) return;
  const undone = await undo(() => state.deleteDeployment(id), "the deployment was deleted again");
  throw new PolicyError(
    `Refused by policy: LiteLLM has no price for "${model}", so calls through this deployment would cost nothing and no budget would count them; ${undone}. Use a provider model LiteLLM's cost map knows (get_model_info shows each deployment's price), or have the operator add the deployment with a price.`,
  );
}
