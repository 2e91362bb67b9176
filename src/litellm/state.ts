// What the policy reads of LiteLLM's current state before a write (and after it, to check what LiteLLM did),
// and the undo it may need: a user's role, a team's admins, the models the proxy serves, a key's row, a
// deployment's price. It reads through the call's one reader (./lookup.ts: typed by the generated
// document, sent as the call it serves is, so in caller mode it sees only what the caller may see); the
// tool's entry declares each operation. Keys travel as their hash, never in a URL.

import { UpstreamError } from "../errors.js";
import { keyHash } from "./key-hash.js";
import type { Lookup, Undo } from "./lookup.js";

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

/** Reads through `lookup` and undos through `undo`, both the call's own. */
export function liteLLMState(lookup: Lookup, undo: Undo): LiteLLMState {
  return {
    async user(userId) {
      const answer = await lookup.find("/user/info", { params: { query: { user_id: userId } } });
      if (answer === undefined) return undefined;
      const info = asRow(asRow(answer).user_info);
      // The row must be the user asked about, exactly: a key for "alice " belongs to no user named "alice".
      if (text(info.user_id) !== userId) throw unreadable(`the role of user "${userId}" (its answer was about ${JSON.stringify(info.user_id ?? null)})`);
      return { user_id: userId, user_role: text(info.user_role) };
    },
    async team(teamId) {
      const answer = await lookup.find("/team/info", { params: { query: { team_id: teamId } } });
      if (answer === undefined) return undefined;
      const info = asRow(asRow(answer).team_info);
      if (text(info.team_id) !== teamId) throw unreadable(`the admins of team "${teamId}" (its answer was about ${JSON.stringify(info.team_id ?? null)})`);
      const members = Array.isArray(info.members_with_roles) ? info.members_with_roles.map(asRow) : [];
      const admins = [...members.filter((m) => m.role === "admin").map((m) => text(m.user_id)), ...names(info.admins)];
      return { team_id: teamId, models: names(info.models), admins: admins.filter((id): id is string => id !== null) };
    },
    async modelNames() {
      const data = asRow(await lookup.get("/models", {})).data;
      if (!Array.isArray(data)) throw unreadable("which models it serves");
      return data.map((entry) => text(asRow(entry).id)).filter((id): id is string => id !== null);
    },
    async key(key) {
      const answer = await lookup.find("/key/info", { params: { query: { key: keyHash(key) } } });
      if (answer === undefined) return undefined;
      const info = asRow(asRow(answer).info);
      // A deleted key is still described (status "deleted"), but it is no key any more.
      if (info.status === "deleted") return undefined;
      return {
        token: text(info.token) ?? keyHash(key),
        user_id: text(info.user_id),
        team_id: text(info.team_id),
        models: names(info.models),
        max_budget: amount(info.max_budget),
        budget_duration: text(info.budget_duration),
        expires: text(info.expires),
        allowed_routes: Array.isArray(info.allowed_routes) ? names(info.allowed_routes) : null,
        metadata: asRow(info.metadata),
      };
    },
    async deployment(id) {
      // /model/info answers an unknown id with 400.
      const answer = await lookup.find("/model/info", { params: { query: { litellm_model_id: id } } }, [400, 404]);
      const data = asRow(answer).data;
      const deployment = Array.isArray(data) ? data.map(asRow).find((d) => asRow(d.model_info).id === id) : undefined;
      if (!deployment) return undefined;
      const info = asRow(deployment.model_info);
      return { id, model_name: text(deployment.model_name), input_cost_per_token: amount(info.input_cost_per_token), output_cost_per_token: amount(info.output_cost_per_token) };
    },
    async deleteKey(key) {
      await undo("/key/delete", { body: { keys: [keyHash(key)] } });
    },
    async blockKey(key) {
      await undo("/key/block", { body: { key: keyHash(key) } });
    },
    async deleteDeployment(id) {
      await undo("/model/delete", { body: { id } });
    },
  };
}
