// What each destructive tool asks the person before it sends anything: the object as LiteLLM shows it, and
// what goes with it, counted from LiteLLM's own answers. A tool's steps (its entry's `around`) ask through
// ToolCall.confirm, after their own refusals; the reads here go through the call's one reader, so what is
// shown is what LiteLLM holds now, and where the steps already read the object for their own checks, the
// question is made from those rows. An object LiteLLM does not have is said at once: nothing is asked.

import { z } from "zod";
import { InputError } from "../errors.js";
import { knownBudget } from "./budgets/budget-summary.js";
import { keyHash } from "../litellm/key-hash.js";
import type { AroundCall, Lookup } from "../litellm/lookup.js";

const text = z.string().nullable().catch(null);
const amount = z.number().nullable().catch(null);
const rows = <T extends z.ZodType>(row: T) => z.array(row).catch([]);

/** A key row as /key/info (its `info`) and /key/list show it. */
export const keyRow = z.object({ token: text, key_alias: text, key_name: text, user_id: text, team_id: text, spend: amount, max_budget: amount });
export type KeyRow = z.infer<typeof keyRow>;
const keyInfo = z.object({ info: keyRow });
const teamInfo = z.object({ team_info: z.object({ team_alias: text, members_with_roles: rows(z.unknown()) }).nullable().catch(null) });
const keyCount = z.object({ total_count: amount });
const userInfo = z.object({
  user_info: z.object({ user_email: text, user_role: text }).nullable().catch(null),
  keys: rows(z.unknown()),
  teams: rows(z.unknown()),
});
const budgets = z.array(z.object({ budget_id: text, max_budget: amount, budget_duration: text })).catch([]);

/** What each question reads: the entry that asks it declares these among its calls. */
export const RESET_KEY_SPEND_READS = ["GET /key/info"] as const satisfies readonly AroundCall[];
export const DELETE_USER_READS = ["GET /user/info"] as const satisfies readonly AroundCall[];
export const DELETE_TEAM_READS = ["GET /team/info", "GET /key/list"] as const satisfies readonly AroundCall[];
export const BLOCK_TEAM_READS = DELETE_TEAM_READS;
export const DELETE_BUDGET_READS = ["POST /budget/info"] as const satisfies readonly AroundCall[];

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function usd(value: number | null): string {
  return value === null ? "an unknown amount" : `$${value.toFixed(2)}`;
}

/** How a key is named to a person: its alias and LiteLLM's abbreviation, never the secret. */
function keyName(k: KeyRow): string {
  const shown = k.key_name ?? (k.token ? `key ${k.token.slice(0, 10)}…` : "a key");
  return k.key_alias ? `"${k.key_alias}" (${shown})` : shown;
}

function keyLine(k: KeyRow): string {
  const owner = [k.user_id && `user ${k.user_id}`, k.team_id && `team ${k.team_id}`].filter(Boolean).join(", ");
  const spent = `spent ${usd(k.spend)}${k.max_budget === null ? "" : ` of ${usd(k.max_budget)}`}`;
  return `- ${keyName(k)}${owner ? `, ${owner}` : ""}, ${spent}`;
}

/** How a team is named to a person: its alias and id, or its id. */
export function teamName(teamId: string, alias: string | null): string {
  return alias ? `"${alias}" (${teamId})` : teamId;
}

/** A team's keys, counted by LiteLLM's own key listing (exact team id); null when it does not say. */
async function teamKeyCount(lookup: Lookup, teamId: string): Promise<number | null> {
  return keyCount.parse(await lookup.get("/key/list", { params: { query: { team_id: teamId, page: 1, size: 1 } } })).total_count;
}

function teamKeys(n: number | null): string {
  return n === null ? "its keys" : count(n, "key");
}

async function readTeam(lookup: Lookup, teamId: string): Promise<{ name: string; members: number }> {
  const { team_info } = teamInfo.parse(await lookup.get("/team/info", { params: { query: { team_id: teamId } } }));
  return { name: teamName(teamId, team_info?.team_alias ?? null), members: team_info?.members_with_roles.length ?? 0 };
}

async function sequentially<T, R>(items: readonly T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await each(item));
  return out;
}

/** delete_key, from the rows its steps read: the keys that go, and those LiteLLM does not have. */
export function deleteKeyQuestion(held: readonly KeyRow[], notFound: readonly string[]): string {
  const missing = notFound.length > 0 ? `\nLiteLLM does not have ${notFound.join(", ")}: nothing to delete there.` : "";
  return `Delete ${count(held.length, "virtual key")} for good?\n${held.map(keyLine).join("\n")}\nWhoever uses ${held.length === 1 ? "it" : "them"} is refused from then on.${missing}`;
}

export async function resetKeySpendQuestion(lookup: Lookup, key: string, resetTo: number): Promise<string> {
  const { info } = keyInfo.parse(await lookup.get("/key/info", { params: { query: { key: keyHash(key) } } }));
  const budget = info.max_budget === null ? "It has no max_budget." : `Its max_budget of ${usd(info.max_budget)} is available again from there.`;
  return `Reset the spend of key ${keyName(info)} from ${usd(info.spend)} to ${usd(resetTo)}? ${budget} Spend logs keep the history; the old counter is gone.`;
}

export async function deleteUserQuestion(lookup: Lookup, userIds: readonly string[]): Promise<string> {
  const lines = await sequentially(userIds, async (userId) => {
    const info = userInfo.parse(await lookup.get("/user/info", { params: { query: { user_id: userId } } }));
    if (!info.user_info) throw new InputError(`LiteLLM has no user "${userId}", so nobody was deleted. list_users shows the users there are.`);
    const who = [info.user_info.user_email, info.user_info.user_role].filter(Boolean).join(", ");
    return `- ${userId}${who ? ` (${who})` : ""}: ${count(info.keys.length, "key")}, member of ${count(info.teams.length, "team")}`;
  });
  return `Delete ${count(lines.length, "user")} for good?\n${lines.join("\n")}\nEvery key they own goes with them, team keys included, and they leave their teams. Teams and spend logs stay.`;
}

export async function deleteTeamQuestion(lookup: Lookup, teamIds: readonly string[]): Promise<string> {
  const lines = await sequentially(teamIds, async (teamId) => {
    const team = await readTeam(lookup, teamId);
    return `- ${team.name}: ${teamKeys(await teamKeyCount(lookup, teamId))}, ${count(team.members, "member")}`;
  });
  return `Delete ${count(lines.length, "team")} for good?\n${lines.join("\n")}\nEvery key of ${lines.length === 1 ? "the team" : "these teams"} goes with it, members' team keys too. Members stay as users and keep their own keys.`;
}

/** update_team with blocked: true; `others`: the call changes more than that. */
export async function blockTeamQuestion(lookup: Lookup, teamId: string, others: boolean): Promise<string> {
  const team = await readTeam(lookup, teamId);
  const keys = await teamKeyCount(lookup, teamId);
  const refused = keys === null ? "Every key of the team is" : keys === 1 ? "The team's 1 key is" : `All ${keys} keys of the team are`;
  return `Block team ${team.name}? ${refused} refused until it is unblocked (update_team with blocked: false); its ${count(team.members, "member")} keep their own keys.${others ? " The other changes asked for are made too." : ""}`;
}

/** remove_team_member, from what its steps read: who goes, from which team, and how many of their keys with them. */
export function removeMemberQuestion(member: { user_id: string; user_email: string | null }, team: string, keys: number): string {
  const who = member.user_email ? `${member.user_id} (${member.user_email})` : member.user_id;
  return `Remove ${who} from team ${team}? Their ${count(keys, "key")} for this team ${keys === 1 ? "is" : "are"} deleted for good; the user and their own keys stay.`;
}

/** delete_model, from the deployments its steps read: the one that goes, and how many of its name stay. */
export function deleteModelQuestion(id: string, name: string | null, provider: string | null, siblings: number): string {
  const shown = name ?? "(unnamed)";
  const after =
    siblings === 0
      ? `It is the last deployment named "${shown}": calls to that model fail from then on.`
      : `${count(siblings, "other deployment")} of "${shown}" ${siblings === 1 ? "keeps" : "keep"} serving it.`;
  return `Delete the deployment ${id} of model "${shown}"${provider ? ` (${provider})` : ""} for good? ${after} Keys, users and teams keep the name in their model lists.`;
}

export async function deleteBudgetQuestion(lookup: Lookup, budgetId: string): Promise<string> {
  const found = budgets.parse(await lookup.post("/budget/info", { body: { budgets: [budgetId] } })).find((b) => b.budget_id === budgetId);
  const budget = found ?? (knownBudget(null, budgetId) as never);
  const limit = `${usd(budget.max_budget)}${budget.budget_duration ? ` every ${budget.budget_duration}` : ""}`;
  return `Delete the budget "${budgetId}" (${limit}) for good? The keys, end users and team memberships that use it lose its limits: a key without a max_budget of its own becomes unlimited. LiteLLM does not say how many use it.`;
}
