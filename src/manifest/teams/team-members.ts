// Who is on a team and with what budget, as LiteLLM holds it (GET /team/info): add_team_member and
// remove_team_member read it before and after their write, because LiteLLM's answers leave out what they
// skipped (members already on the team) and what went with a member (their keys for the team).

import type { AroundCall, Lookup } from "../../litellm/lookup.js";

/** What reading a team's members (and a member's team keys) calls: an entry using these declares it. */
export const TEAM_MEMBERS_READS = ["GET /team/info"] as const satisfies readonly AroundCall[];
export const MEMBER_KEYS_READS = ["GET /key/list"] as const satisfies readonly AroundCall[];

export interface Member {
  user_id: string | null;
  user_email: string | null;
}

/** A member as a call names them: by id, or by email. */
export type Person = { user_id?: string; user_email?: string };

export interface TeamState {
  /** The team's display name, when it has one. */
  alias: string | null;
  members: Member[];
  /** Each member's own budget inside the team (max_budget_in_team), by user_id; absent when they have none. */
  budgets: Map<string, number>;
}

const text = (value: unknown) => (typeof value === "string" ? value : null);

export async function teamState(lookup: Lookup, teamId: string): Promise<TeamState> {
  const answer = (await lookup.get("/team/info", { params: { query: { team_id: teamId } } })) as {
    team_info?: { team_alias?: unknown; members_with_roles?: unknown } | null;
    team_memberships?: unknown;
  } | null;
  const rows = answer?.team_info?.members_with_roles;
  const members = (Array.isArray(rows) ? rows : []).map((row) => {
    const { user_id, user_email } = (row ?? {}) as Record<string, unknown>;
    return { user_id: text(user_id), user_email: text(user_email) };
  });
  const budgets = new Map<string, number>();
  for (const membership of Array.isArray(answer?.team_memberships) ? answer.team_memberships : []) {
    const { user_id, litellm_budget_table } = (membership ?? {}) as { user_id?: unknown; litellm_budget_table?: { max_budget?: unknown } | null };
    const max = litellm_budget_table?.max_budget;
    if (typeof user_id === "string" && typeof max === "number") budgets.set(user_id, max);
  }
  return { alias: text(answer?.team_info?.team_alias), members, budgets };
}

/** The member a call means: the same user_id, or the same email in any case. */
export function memberNamed(members: readonly Member[], person: Person): Member | undefined {
  if (person.user_id !== undefined) return members.find((m) => m.user_id === person.user_id);
  const email = person.user_email?.toLowerCase();
  return members.find((m) => m.user_email?.toLowerCase() === email);
}

/** How a sentence names a person: their id, or their email. */
export const personLabel = (person: Person) => person.user_id ?? person.user_email ?? "";

/** Rows read at once when counting a member's team keys: a member rarely has more; past it, LiteLLM's count is taken. */
const MEMBER_KEYS_PAGE = 100;

/**
 * How many keys of `userId` belong to the team: remove_team_member deletes them with the membership. Counted
 * from the rows whose user_id is exactly the member's (whatever matching the listing does), or, past a page of
 * them, as LiteLLM counts them.
 */
export async function memberTeamKeyCount(lookup: Lookup, teamId: string, userId: string): Promise<number> {
  const answer = await lookup.get("/key/list", { params: { query: { team_id: teamId, user_id: userId, return_full_object: true, page: 1, size: MEMBER_KEYS_PAGE } } });
  const rows = Array.isArray(answer.keys) ? answer.keys : [];
  const total = typeof answer.total_count === "number" ? answer.total_count : rows.length;
  return total > rows.length ? total : rows.filter((row) => (row as { user_id?: unknown } | null)?.user_id === userId).length;
}
