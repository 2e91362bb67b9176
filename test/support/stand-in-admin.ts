// The stand-in's answers on LiteLLM's admin routes beyond minting and reading a key: update, delete, list,
// regenerate, block and unblock keys; user and team info; spend logs; model health (teams, models and
// credentials: test/support/stand-in-management.ts). Bodies and
// error shapes are those a real LiteLLM 1.108.7 with a database gives (recorded with curl), over the
// keys the stand-in actually minted. Usage (daily activity, the team list) is a real LiteLLM's recorded
// answer (test/support/usage-fixture.ts), moved into the days asked for.

import { modelList } from "./litellm-answers.ts";
import { activityFor, usageFixture } from "./usage-fixture.ts";
import { expiryFrom, PRICE, tokenOf, withOffset, type KeyRow, type StandInPeople, type StandInState } from "./stand-in-state.ts";

export interface Reply {
  status: number;
  payload: unknown;
}

export interface AdminContext {
  state: StandInState;
  url: URL;
  body: Record<string, unknown> | undefined;
  /** A proxy with an Enterprise license regenerates keys; a community one refuses, as LiteLLM does. */
  enterprise: boolean;
}

const error = (status: number, message: string, type: string, param: string | null = null): Reply => ({ status, payload: { error: { message, type, param, code: String(status) } } });
const keyNotFound = () => error(404, "Key not found.", "not_found_error", "key");
const ENTERPRISE_ONLY =
  "Regenerating Virtual Keys is an Enterprise feature, You must be a LiteLLM Enterprise user to use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 day trial key here: https://www.litellm.ai/enterprise#trial. \nPricing: https://www.litellm.ai/#pricing";

/** Each configured model as one deployment, as /model/info lists it (no provider credentials here). */
export function deployments() {
  return modelList.data.map((model) => ({
    model_name: model.id,
    litellm_params: { model: "openai/gpt-3.5-turbo", mock_response: `Hello from the stand-in (${model.id})` },
    model_info: {
      id: tokenOf(`deployment:${model.id}`),
      db_model: false,
      key: "gpt-3.5-turbo",
      max_tokens: 4096,
      max_input_tokens: 16385,
      max_output_tokens: 4096,
      input_cost_per_token: PRICE.input,
      output_cost_per_token: PRICE.output,
      litellm_provider: "openai",
      mode: "chat",
    },
  }));
}

/** The fields of `/key/update` the stand-in applies; `duration` becomes a new expiry from now. */
function updateFields(body: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of ["models", "max_budget", "budget_duration", "key_alias", "metadata", "blocked"]) {
    if (body[name] !== undefined) fields[name] = body[name];
  }
  if (body.duration !== undefined) fields.expires = expiryFrom(body.duration);
  return fields;
}

function page<T>(items: T[], pageNumber: number, size: number): { items: T[]; totalPages: number } {
  return { items: items.slice((pageNumber - 1) * size, pageNumber * size), totalPages: Math.ceil(items.length / size) };
}

const positive = (raw: string | null, fallback: number) => (raw && Number(raw) > 0 ? Number(raw) : fallback);

/** LiteLLM's spend-log bounds: "YYYY-MM-DD HH:MM:SS" in UTC. */
const utc = (raw: string | null) => (raw ? Date.parse(`${raw.replace(" ", "T")}Z`) : Number.NaN);

export function teamRow(state: StandInState, team: StandInPeople["teams"][number]) {
  return {
    team_alias: team.team_alias,
    team_id: team.team_id,
    organization_id: null,
    admins: [],
    members: [],
    members_with_roles: [
      { user_id: "default_user_id", user_email: null, role: "admin" },
      ...team.members.map((user_id) => ({ user_id, user_email: state.people.users.find((u) => u.user_id === user_id)?.user_email ?? null, role: "user" })),
    ],
    metadata: team.metadata ?? {},
    tpm_limit: null,
    rpm_limit: null,
    max_budget: team.max_budget ?? null,
    budget_duration: team.budget_duration ?? null,
    models: team.models ?? [],
    blocked: team.blocked ?? false,
    spend: state.rows().filter((row) => row.team_id === team.team_id).reduce((sum, row) => sum + row.spend, 0),
    max_parallel_requests: null,
    budget_reset_at: null,
    model_id: null,
    created_at: state.createdAt,
    updated_at: state.createdAt,
  };
}

/** Like LiteLLM, only users it has a row for: a key may name a user_id that was never created. */
function userInfo(state: StandInState, userId: string): Reply {
  const user = state.people.users.find((u) => u.user_id === userId);
  if (!user) return error(404, `User ${userId} not found`, "internal_server_error");
  const keys = state.rows().filter((row) => row.user_id === userId);
  const teams = state.people.teams.filter((team) => team.members.includes(userId));
  return {
    status: 200,
    payload: {
      user_id: userId,
      user_info: {
        user_id: userId,
        user_alias: null,
        teams: teams.map((team) => team.team_id),
        // LiteLLM 1.108.7 leaves the role unset for a user created without one.
        user_role: null,
        max_budget: null,
        spend: keys.reduce((sum, row) => sum + row.spend, 0),
        user_email: user.user_email,
        models: [],
        metadata: {},
        max_parallel_requests: null,
        tpm_limit: null,
        rpm_limit: null,
        budget_duration: null,
        budget_reset_at: null,
        model_spend: {},
        model_max_budget: {},
        organization_memberships: [],
        created_at: state.createdAt,
        updated_at: state.createdAt,
      },
      keys,
      teams: teams.map((team) => teamRow(state, team)),
    },
  };
}

function teamInfo(state: StandInState, teamId: string): Reply {
  const team = state.people.teams.find((t) => t.team_id === teamId);
  if (!team) return error(404, `{'message': 'Team not found, passed team id: ${teamId}.'}`, "auth_error", "None");
  const keys = state.rows().filter((row) => row.team_id === teamId);
  return {
    status: 200,
    payload: {
      team_id: teamId,
      team_info: teamRow(state, team),
      keys,
      team_memberships: ["default_user_id", ...team.members].map((user_id) => {
        const budget = state.memberBudgets.get(`${teamId}/${user_id}`);
        const table = budget === undefined ? null : { budget_id: `budget-${teamId}-${user_id}`, max_budget: budget, budget_duration: null };
        return { user_id, team_id: teamId, budget_id: table?.budget_id ?? null, spend: 0, total_spend: 0, litellm_budget_table: table, budget_source: table ? "custom" : "none" };
      }),
    },
  };
}

function spendLogs(state: StandInState, query: URLSearchParams): Reply {
  const [from, to] = [utc(query.get("start_date")), utc(query.get("end_date"))];
  if (Number.isNaN(from) || Number.isNaN(to)) return { status: 422, payload: { detail: [{ loc: ["query", "start_date"], msg: "Field required", type: "missing" }] } };
  const matches = state.spendLogs.filter((log) => {
    const at = Date.parse(String(log.startTime));
    return (
      at >= from &&
      at <= to + 999 &&
      (!query.get("api_key") || log.api_key === query.get("api_key")) &&
      (!query.get("user_id") || log.user === query.get("user_id")) &&
      (!query.get("team_id") || log.team_id === query.get("team_id")) &&
      // As LiteLLM filters: `model` by the deployment's provider model, `model_group` by the name called.
      (!query.get("model") || log.model === query.get("model")) &&
      (!query.get("model_group") || log.model_group === query.get("model_group"))
    );
  });
  const [pageNumber, size] = [positive(query.get("page"), 1), positive(query.get("page_size"), 50)];
  const { items, totalPages } = page(matches, pageNumber, size);
  return { status: 200, payload: { data: items, total: matches.length, page: pageNumber, page_size: size, total_pages: totalPages, total_is_capped: false } };
}

function listKeys(state: StandInState, query: URLSearchParams): Reply {
  const [user, team, alias] = [query.get("user_id"), query.get("team_id"), query.get("key_alias")];
  // LiteLLM 1.108.7 matches user and alias exactly, or as case-insensitive substrings when asked to.
  const substring = query.get("substring_matching") === "true";
  const matches = (value: string | null, wanted: string | null) =>
    !wanted || (substring ? (value ?? "").toLowerCase().includes(wanted.toLowerCase()) : value === wanted);
  const rows = state.rows().filter((row) => matches(row.user_id, user) && (!team || row.team_id === team) && matches(row.key_alias, alias));
  const [pageNumber, size] = [positive(query.get("page"), 1), positive(query.get("size"), 10)];
  const { items, totalPages } = page(rows, pageNumber, size);
  const full = query.get("return_full_object") === "true";
  return { status: 200, payload: { keys: full ? items : items.map((row) => row.token), total_count: rows.length, current_page: pageNumber, total_pages: totalPages } };
}

function regenerate(ctx: AdminContext): Reply {
  if (!ctx.enterprise) return error(500, ENTERPRISE_ONLY, "internal_server_error");
  const old = ctx.state.find(String(ctx.body?.key ?? ""));
  if (!old) return keyNotFound();
  const key = `sk-regenerated-${Math.random().toString(36).slice(2, 12)}`;
  const { models, user_id, team_id, key_alias, max_budget, metadata, budget_duration, expires, spend, key_type, allowed_routes } = old.row;
  ctx.state.delete([old.key], []);
  // The new secret inherits everything but the secret itself, and takes the settings the call gives, as
  // LiteLLM's regenerate applies the same update fields /key/update does.
  const { expires: newExpiry = expires, ...given } = updateFields(ctx.body ?? {});
  const row: KeyRow = Object.assign(ctx.state.mint(key, { models, user_id, team_id, key_alias, max_budget, metadata, budget_duration, key_type, allowed_routes, ...given }), { expires: newExpiry, spend });
  return { status: 200, payload: { ...row, key, token_id: row.token } };
}

/** The answer for one of these routes, or undefined when the route is not one of them. */
export function answerAdminRoute(route: string, ctx: AdminContext): Reply | undefined {
  const { state, url, body = {} } = ctx;
  const query = url.searchParams;
  switch (route) {
    case "POST /key/update": {
      const row = state.change(String(body.key ?? ""), updateFields(body));
      // LiteLLM writes this answer's expiry with +00:00, where key rows elsewhere end in Z.
      return row ? { status: 200, payload: { key: body.key, ...row, expires: withOffset(row.expires) } } : keyNotFound();
    }
    case "POST /key/block":
    case "POST /key/unblock": {
      const row = state.change(String(body.key ?? ""), { blocked: route === "POST /key/block" });
      return row ? { status: 200, payload: row } : keyNotFound();
    }
    case "POST /key/delete": {
      const deleted = state.delete((body.keys as string[] | undefined) ?? [], (body.key_aliases as string[] | undefined) ?? []);
      return deleted.length > 0 ? { status: 200, payload: { deleted_keys: deleted } } : error(404, "{'error': 'No keys found'}", "internal_server_error");
    }
    case "POST /key/regenerate":
      return regenerate(ctx);
    case "GET /key/list":
      return listKeys(state, query);
    case "GET /user/info":
      return userInfo(state, query.get("user_id") ?? "");
    case "GET /team/info":
      return teamInfo(state, query.get("team_id") ?? "");
    case "GET /spend/logs/v2":
      return spendLogs(state, query);
    case "GET /user/daily/activity/aggregated":
      return { status: 200, payload: activityFor(usageFixture(), query.get("start_date") ?? "", query.get("end_date") ?? "") };
    case "GET /health": {
      // LiteLLM sends a test call to each deployment of the model; one that is not configured is a 503 with nothing checked.
      const checked = deployments().filter((d) => d.model_name === query.get("model"));
      const healthy = checked.map((d) => ({ model: d.litellm_params.model, model_id: d.model_info.id }));
      return { status: checked.length > 0 ? 200 : 503, payload: { healthy_endpoints: healthy, unhealthy_endpoints: [], healthy_count: healthy.length, unhealthy_count: 0 } };
    }
    default:
      return undefined;
  }
}
