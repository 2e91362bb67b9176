// Who is on a team and with what budget, as LiteLLM holds it (GET /team/info): add_team_member and
// remove_team_member read it before and after their write, because LiteLLM's answers leave out what they
// skipped (members already on the team) and what went with a member (their keys for the team).

import type { Lookup } from "../../define-tool.js";

export interface Member {
  user_id: string | null;
  user_email: string | null;
}

/** A member as a call names them: by id, or by email. */
export type Person = { user_id?: string; user_email?: string };

export interface TeamState {
  members: Member[];
  /** Each member's own budget inside the team (max_budget_in_team), by user_id; absent when they have none. */
  budgets: Map<string, number>;
}

const text = (value: unknown) => (typeof value === "string" ? value : null);

export async function teamState(lookup: Lookup, teamId: string): Promise<TeamState> {
  const answer = (await lookup.get("/team/info", { params: { query: { team_id: teamId } } })) as {
    team_info?: { members_with_roles?: unknown } | null;
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
  return { members, budgets };
}

/** The member a call means: the same user_id, or the same email in any case. */
export function memberNamed(members: readonly Member[], person: Person): Member | undefined {
  if (person.user_id !== undefined) return members.find((m) => m.user_id === person.user_id);
  const email = person.user_email?.toLowerCase();
  return members.find((m) => m.user_email?.toLowerCase() === email);
}

/** How a sentence names a person: their id, or their email. */
export const personLabel = (person: Person) => person.user_id ?? person.user_email ?? "";

/** How many keys of `userId` belong to the team: remove_team_member deletes them with the membership. */
export async function teamKeyCount(lookup: Lookup, teamId: string, userId: string): Promise<number> {
  const answer = await lookup.get("/key/list", { params: { query: { team_id: teamId, user_id: userId, page: 1, size: 1 } } });
  return typeof answer.total_count === "number" ? answer.total_count : 0;
}
