// The stand-in's answers on LiteLLM's team, model and credential routes: teams created, renamed, listed and
// joined; deployments added on stored credentials and deleted; the credentials list. Bodies and error shapes
// are those a real LiteLLM 1.108.7 with a database gives (recorded with curl), including what it accepts that
// the tools refuse (a second team with an alias, a deployment on a credential it does not have).

import { randomUUID } from "node:crypto";
import { deployments, teamRow, type AdminContext, type Reply } from "./stand-in-admin.ts";
import type { StandInPeople, StandInState } from "./stand-in-state.ts";

type Team = StandInPeople["teams"][number];

const error = (status: number, message: string, type: string, param: string | null = null): Reply => ({ status, payload: { error: { message, type, param, code: String(status) } } });
const detail = (status: number, message: string): Reply => ({ status, payload: { detail: { error: message } } });

const SETTINGS = ["models", "max_budget", "budget_duration", "blocked", "metadata"] as const;

function settingsOf(body: Record<string, unknown>): Partial<Team> {
  const settings: Partial<Team> = {};
  for (const name of SETTINGS) if (body[name] !== undefined) Object.assign(settings, { [name]: body[name] });
  return settings;
}

function newTeam(state: StandInState, body: Record<string, unknown>): Reply {
  const teamId = typeof body.team_id === "string" ? body.team_id : randomUUID();
  if (state.people.teams.some((t) => t.team_id === teamId)) {
    return error(400, `{'error': 'Team id = ${teamId} already exists. Please use a different team id.'}`, "internal_server_error");
  }
  // Like LiteLLM: any alias, a taken one too.
  const team: Team = { team_id: teamId, team_alias: typeof body.team_alias === "string" ? body.team_alias : null, members: [], ...settingsOf(body) };
  state.people.teams.push(team);
  return { status: 200, payload: teamRow(state, team) };
}

function updateTeam(state: StandInState, body: Record<string, unknown>): Reply {
  const team = state.people.teams.find((t) => t.team_id === body.team_id);
  if (!team) return error(404, `{'error': 'Team not found, passed team_id=${String(body.team_id)}'}`, "internal_server_error");
  Object.assign(team, settingsOf(body), typeof body.team_alias === "string" ? { team_alias: body.team_alias } : {});
  return { status: 200, payload: { team_id: team.team_id, data: teamRow(state, team) } };
}

/** /v2/team/list: the alias filter matches any part of it, in any case. */
function listTeams(state: StandInState, query: URLSearchParams): Reply {
  const alias = query.get("team_alias")?.toLowerCase();
  const user = query.get("user_id");
  const matches = state.people.teams.filter((t) => (!alias || (t.team_alias ?? "").toLowerCase().includes(alias)) && (!user || t.members.includes(user)));
  const size = Number(query.get("page_size") ?? 10);
  const page = Number(query.get("page") ?? 1);
  const rows = matches.slice((page - 1) * size, page * size).map((t) => {
    const row = teamRow(state, t);
    return { ...row, members_count: row.members_with_roles.length, keys_count: state.rows().filter((k) => k.team_id === t.team_id).length };
  });
  return { status: 200, payload: { teams: rows, total: matches.length, page, page_size: size, total_pages: Math.ceil(matches.length / size) } };
}

/** "Member(user_id='u', user_email=None, role='user')", as LiteLLM prints its members in a refusal. */
const printed = (value: string | null) => (value === null ? "None" : `'${value}'`);

function addMembers(state: StandInState, body: Record<string, unknown>): Reply {
  const team = state.people.teams.find((t) => t.team_id === body.team_id);
  if (!team) return detail(404, `Team doesn't exist in db. Team=${String(body.team_id)}. Create team via \`/team/new\` call.`);
  const emailOf = (userId: string) => state.people.users.find((u) => u.user_id === userId)?.user_email ?? null;
  const given = (Array.isArray(body.member) ? body.member : []) as { user_id?: string; user_email?: string }[];
  const onTeam = (m: { user_id?: string; user_email?: string }) =>
    m.user_id !== undefined ? team.members.includes(m.user_id) : team.members.some((id) => emailOf(id) === m.user_email);
  const joining = given.filter((m) => !onTeam(m));
  if (joining.length === 0) {
    const members = [{ user_id: "default_user_id", email: null, role: "admin" }, ...team.members.map((id) => ({ user_id: id, email: emailOf(id), role: "user" }))];
    const list = members.map((m) => `Member(user_id=${printed(m.user_id)}, user_email=${printed(m.email)}, role='${m.role}')`).join(", ");
    return error(400, `All users are already in team. Existing members=[${list}]`, "team_member_already_in_team", "member");
  }
  const budget = typeof body.max_budget_in_team === "number" ? body.max_budget_in_team : undefined;
  const updated = joining.map((m) => {
    // A user LiteLLM has no row for is created: by email, under an id it makes up.
    const known = state.people.users.find((u) => (m.user_id !== undefined ? u.user_id === m.user_id : u.user_email === m.user_email));
    const user = known ?? { user_id: m.user_id ?? randomUUID(), user_email: m.user_email ?? null };
    if (!known) state.people.users.push(user);
    team.members.push(user.user_id);
    if (budget !== undefined) state.memberBudgets.set(`${team.team_id}/${user.user_id}`, budget);
    return user;
  });
  return {
    status: 200,
    payload: {
      ...teamRow(state, team),
      updated_users: updated.map((u) => ({ user_id: u.user_id, user_email: u.user_email, teams: [team.team_id] })),
      updated_team_memberships: updated.map((u) => ({ user_id: u.user_id, team_id: team.team_id, budget_id: budget === undefined ? null : `budget-${team.team_id}-${u.user_id}` })),
    },
  };
}

function removeMember(state: StandInState, body: Record<string, unknown>): Reply {
  if (body.user_id === undefined && body.user_email === undefined) {
    return { status: 422, payload: { detail: [{ type: "value_error", loc: ["body"], msg: "Value error, Either user id or user email must be provided" }] } };
  }
  const team = state.people.teams.find((t) => t.team_id === body.team_id);
  if (!team) return detail(400, `Team id=${String(body.team_id)} does not exist in db`);
  const userId = body.user_id ?? state.people.users.find((u) => u.user_email === body.user_email && team.members.includes(u.user_id))?.user_id;
  if (typeof userId !== "string" || !team.members.includes(userId)) return detail(400, "User not found in team");
  team.members.splice(team.members.indexOf(userId), 1);
  state.memberBudgets.delete(`${team.team_id}/${userId}`);
  state.deleteTeamKeys(team.team_id, userId);
  return { status: 200, payload: teamRow(state, team) };
}

function newModel(state: StandInState, body: Record<string, unknown>): Reply {
  const params = (body.litellm_params ?? {}) as { model?: string; litellm_credential_name?: string; rpm?: number; tpm?: number };
  const id = (body.model_info as { id?: string } | undefined)?.id ?? randomUUID();
  const deployment = { id, model_name: String(body.model_name), model: String(params.model), credential: params.litellm_credential_name, rpm: params.rpm, tpm: params.tpm };
  state.dbDeployments.push(deployment);
  // LiteLLM answers with the row it stored, its parameters encrypted with the master key.
  const sealed = (value: unknown) => Buffer.from(`sealed:${String(value)}`).toString("base64url");
  return {
    status: 200,
    payload: {
      model_id: id,
      model_name: deployment.model_name,
      litellm_params: { model: sealed(deployment.model), litellm_credential_name: sealed(deployment.credential), ...(params.rpm ? { rpm: params.rpm } : {}) },
      model_info: { id, db_model: false },
      blocked: false,
    },
  };
}

function deleteModel(state: StandInState, body: Record<string, unknown>): Reply {
  const at = state.dbDeployments.findIndex((d) => d.id === body.id);
  // A deployment from the config file is "not found in db" too.
  if (at < 0) return error(400, `{'error': 'Model with id=${String(body.id)} not found in db'}`, "auth_error", "None");
  state.dbDeployments.splice(at, 1);
  return { status: 200, payload: { message: `Model: ${String(body.id)} deleted successfully` } };
}

/**
 * What LiteLLM's cost map says a provider model costs per token, for the models the suites add; LiteLLM gives
 * a deployment of any other model no price (null), which add_model's check refuses.
 */
const COST_MAP: Record<string, { input: number; output: number }> = { "openai/gpt-4o-mini": { input: 1.5e-7, output: 6e-7 } };

/** Every deployment /model/info lists: the configured ones, then those added through the API, priced from the cost map. */
export function allDeployments(state: StandInState) {
  return [
    ...deployments(),
    ...state.dbDeployments.map((d) => ({
      model_name: d.model_name,
      litellm_params: { model: d.model, litellm_credential_name: d.credential, ...(d.rpm ? { rpm: d.rpm } : {}) },
      model_info: {
        id: d.id,
        db_model: true,
        litellm_provider: d.model.split("/")[0] ?? null,
        input_cost_per_token: COST_MAP[d.model]?.input ?? null,
        output_cost_per_token: COST_MAP[d.model]?.output ?? null,
      },
    })),
  ];
}

/** GET /model/info: every deployment, or the one with `litellm_model_id` (an unknown id is LiteLLM's 400). */
function modelInfo(state: StandInState, query: URLSearchParams): Reply {
  const id = query.get("litellm_model_id");
  const all = allDeployments(state);
  if (id === null) return { status: 200, payload: { data: all } };
  const found = all.filter((d) => d.model_info.id === id);
  return found.length > 0 ? { status: 200, payload: { data: found } } : error(400, `Model id = ${id} not found on litellm proxy`, "bad_request_error", "400");
}

/** The answer for one of these routes, or undefined when the route is not one of them. */
export function answerManagementRoute(route: string, ctx: AdminContext): Reply | undefined {
  const { state, url, body = {} } = ctx;
  switch (route) {
    case "POST /team/new":
      return newTeam(state, body);
    case "POST /team/update":
      return updateTeam(state, body);
    case "GET /v2/team/list":
      return listTeams(state, url.searchParams);
    case "POST /team/member_add":
      return addMembers(state, body);
    case "POST /team/member_delete":
      return removeMember(state, body);
    case "POST /model/new":
      return newModel(state, body);
    case "POST /model/delete":
      return deleteModel(state, body);
    case "GET /model/info":
      return modelInfo(state, url.searchParams);
    case "GET /credentials":
      return {
        status: 200,
        payload: { success: true, credentials: [...state.credentials].map((credential_name) => ({ credential_name, display_name: null, credential_info: {}, credential_values: { api_key: "*****" }, source: "db" })) },
      };
    case "POST /credentials":
      state.credentials.add(String(body.credential_name));
      return { status: 200, payload: { success: true, message: "Credential created successfully" } };
    default:
      return undefined;
  }
}
