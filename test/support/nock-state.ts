// The reads the bridge makes of LiteLLM's state before a write that depends on it (generate_key: the key's
// user, its team, the models served), answered with nock as LiteLLM 1.108.7 answers them.

import nock from "nock";
import { TEST_HOST } from "./connect.ts";
import { keyInfo, modelList } from "./litellm-answers.ts";
import { teamInfo, userInfo } from "./litellm-admin-answers.ts";

export interface KeyHolder {
  userId: string;
  /** The user's LiteLLM role; "missing" when LiteLLM has no such user. */
  role?: string | null | "missing";
  teamId?: string;
  /** Admins of that team ("missing" when LiteLLM has no such team). */
  teamAdmins?: string[] | "missing";
  /** The model names GET /models lists; false when the call reads no models (regenerate_key without new ones). */
  served?: string[] | false;
}

/** Mocks generate_key's reads (regenerate_key's after the key itself), in the order it makes them; returns the scope. */
export function keyHolderReads(holder: KeyHolder, options: nock.Options = {}): nock.Scope {
  const scope = nock(TEST_HOST, options);
  const role = holder.role === undefined ? "internal_user" : holder.role;
  if (role === "missing") {
    scope.get("/user/info").query({ user_id: holder.userId }).reply(404, { error: { message: `User ${holder.userId} not found`, type: "internal_server_error", param: null, code: "404" } });
    return scope;
  }
  const user = userInfo(0, 0);
  scope.get("/user/info").query({ user_id: holder.userId }).reply(200, { ...user, user_id: holder.userId, user_info: { ...user.user_info, user_id: holder.userId, user_role: role } });
  if (holder.teamId !== undefined) {
    if (holder.teamAdmins === "missing") {
      scope.get("/team/info").query({ team_id: holder.teamId }).reply(404, { detail: { error: `Team not found, passed team_id=${holder.teamId}` } });
      return scope;
    }
    const team = teamInfo(0, 0);
    const members = (holder.teamAdmins ?? []).map((user_id) => ({ user_id, user_email: null, role: "admin" }));
    scope.get("/team/info").query({ team_id: holder.teamId }).reply(200, { ...team, team_id: holder.teamId, team_info: { ...team.team_info, team_id: holder.teamId, members_with_roles: members } });
  }
  if (holder.served === false) return scope;
  const served = holder.served ?? modelList.data.map((m) => m.id);
  scope.get("/models").reply(200, { object: "list", data: served.map((id) => ({ id, object: "model", created: 1677610602, owned_by: "openai" })) });
  return scope;
}

/** regenerate_key's first read: the key's row, as /key/info describes it (by default keyInfo's, user u-42). */
export function keyRead(hash: string, info: Record<string, unknown> = {}, options: nock.Options = {}): nock.Scope {
  return nock(TEST_HOST, options).get("/key/info").query({ key: hash }).reply(200, { ...keyInfo, key: hash, info: { ...keyInfo.info, ...info } });
}
