// What the policy reads of LiteLLM's current state before a write (and after it, to check what LiteLLM did),
// and the undo it may need: a user's role, a team's admins, the models the proxy serves, a key's row, a
// deployment's price. Each read goes out with the same key, timeout and cancellation as the call it serves,
// so in caller mode it sees only what the caller may see. Keys travel as their hash, never in a URL.

import { UpstreamError } from "../errors.js";
import type { CallOptions, LiteLLMClient } from "./client.js";
import { keyHash } from "./key-hash.js";
import { NotLiteLLMAnswer } from "./upstream-errors.js";

export interface UserState {
  user_id: string;
  /** LiteLLM's role: proxy_admin, proxy_admin_viewer, internal_user, internal_user_viewer, ...; null when unset. */
  user_role: string | null;
}

export interface TeamState {
  team_id: string;
  /** Models the team's keys may call; empty means every model. */
  models: string[];
  /** Users LiteLLM treats as the team's admins (members_with_roles with role "admin", and the legacy admins list). */
  admins: string[];
}

export interface KeyState {
  /** The hashed token. */
  token: string;
  user_id: string | null;
  team_id: string | null;
  models: string[];
  max_budget: number | null;
  budget_duration: string | null;
  expires: string | null;
  /** Route groups or routes the key is limited to; empty or null means whatever its role allows. */
  allowed_routes: string[] | null;
  metadata: Record<string, unknown>;
}

export interface DeploymentState {
  id: string;
  model_name: string | null;
  input_cost_per_token: number | null;
  output_cost_per_token: number | null;
}

export interface LiteLLMState {
  /** The user, or undefined when LiteLLM has none by that id. */
  user(userId: string): Promise<UserState | undefined>;
  /** The team, or undefined when LiteLLM has none by that id. */
  team(teamId: string): Promise<TeamState | undefined>;
  /** The model names LiteLLM lists for the key this call sends (GET /models): for the master key, all it serves. */
  modelNames(): Promise<string[]>;
  /** A key's row, by the key or its hash; undefined when LiteLLM has no such key (or only a deleted one). */
  key(key: string): Promise<KeyState | undefined>;
  /** One deployment, by id; undefined when LiteLLM has none. */
  deployment(id: string): Promise<DeploymentState | undefined>;
  /** Undo: delete a key this call minted. */
  deleteKey(key: string): Promise<void>;
  /** Undo: block a key whose new secret this call handed out. */
  blockKey(key: string): Promise<void>;
  /** Undo: delete a deployment this call added. */
  deleteDeployment(id: string): Promise<void>;
}

type Row = Record<string, unknown>;

const asRow = (value: unknown): Row => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Row) : {});
const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const amount = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** LiteLLM's answer did not have the field a check needs: refuse rather than guess. */
function unreadable(what: string): UpstreamError {
  return new UpstreamError(`LiteLLM's answer did not say ${what}, which this call must check first; nothing was changed. The proxy may run a LiteLLM version this bridge was not generated for.`);
}

/** `read`, with LiteLLM's "no such thing" (404; /model/info answers an unknown id with 400) as undefined. */
async function found<T>(read: () => Promise<T>, missing: readonly number[] = [404]): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    // Only LiteLLM's own answer says what it has: a proxy's HTML 404 page says nothing about the user.
    if (error instanceof UpstreamError && !(error instanceof NotLiteLLMAnswer) && error.status !== undefined && missing.includes(error.status)) return undefined;
    throw error;
  }
}

/** Reads and undos through `client`, each sent as the call they serve is (`options`). */
export function liteLLMState(client: LiteLLMClient, options: CallOptions): LiteLLMState {
  // Reads are never streamed, and a failed one is never the answer: the call's own stream and 503 rules stay out.
  const asCall: CallOptions = { ...options, read: undefined, acceptFailure: undefined };
  const get = (path: string, query: Record<string, string>) => client.call("get", path, { params: { query } }, asCall);
  const post = (path: string, body: unknown) => client.call("post", path, { body }, asCall);

  return {
    user: (userId) =>
      found(async () => {
        const answer = asRow(await get("/user/info", { user_id: userId }));
        const info = asRow(answer.user_info);
        // The row must be the user asked about, exactly: a key for "alice " belongs to no user named "alice".
        if (text(info.user_id) !== userId) throw unreadable(`the role of user "${userId}" (its answer was about ${JSON.stringify(info.user_id ?? null)})`);
        return { user_id: userId, user_role: text(info.user_role) };
      }),
    team: (teamId) =>
      found(async () => {
        const info = asRow(asRow(await get("/team/info", { team_id: teamId })).team_info);
        if (text(info.team_id) !== teamId) throw unreadable(`the admins of team "${teamId}" (its answer was about ${JSON.stringify(info.team_id ?? null)})`);
        const members = Array.isArray(info.members_with_roles) ? info.members_with_roles.map(asRow) : [];
        const admins = [...members.filter((m) => m.role === "admin").map((m) => text(m.user_id)), ...names(info.admins)];
        return { team_id: text(info.team_id)!, models: names(info.models), admins: admins.filter((id): id is string => id !== null) };
      }),
    async modelNames() {
      const data = asRow(await get("/models", {})).data;
      if (!Array.isArray(data)) throw unreadable("which models it serves");
      return data.map((entry) => text(asRow(entry).id)).filter((id): id is string => id !== null);
    },
    key: (key) =>
      found(async () => {
        const info = asRow(asRow(await get("/key/info", { key: keyHash(key) })).info);
        // A deleted key is still described (status "deleted"), but it is no key any more.
        if (info.status === "deleted") return undefined;
        const token = text(info.token) ?? keyHash(key);
        return {
          token,
          user_id: text(info.user_id),
          team_id: text(info.team_id),
          models: names(info.models),
          max_budget: amount(info.max_budget),
          budget_duration: text(info.budget_duration),
          expires: text(info.expires),
          allowed_routes: Array.isArray(info.allowed_routes) ? names(info.allowed_routes) : null,
          metadata: asRow(info.metadata),
        };
      }),
    deployment: (id) =>
      found(async () => {
        const data = asRow(await get("/model/info", { litellm_model_id: id })).data;
        const deployment = Array.isArray(data) ? data.map(asRow).find((d) => asRow(d.model_info).id === id) : undefined;
        if (!deployment) return undefined;
        const info = asRow(deployment.model_info);
        return { id, model_name: text(deployment.model_name), input_cost_per_token: amount(info.input_cost_per_token), output_cost_per_token: amount(info.output_cost_per_token) };
      }, [400, 404]),
    async deleteKey(key) {
      await post("/key/delete", { keys: [keyHash(key)] });
    },
    async blockKey(key) {
      await post("/key/block", { key: keyHash(key) });
    },
    async deleteDeployment(id) {
      await post("/model/delete", { id });
    },
  };
}
