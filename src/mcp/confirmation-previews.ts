// What each destructive tool asks the person before it sends anything: the object as LiteLLM shows it, and
// what goes with it, counted from LiteLLM's own answers. The reads go through the manifest's read tools
// (same key, timeouts, retries and redaction as any call), so what is shown is what LiteLLM holds now.
// An object LiteLLM does not have is said at once: the call would destroy nothing, so nothing is asked.

import { z } from "zod";
import type { Tool } from "../manifest/define-tool.js";
import { InputError } from "../errors.js";
import { knownBudget } from "../manifest/budgets/budget-summary.js";

/** The manifest's read tools a preview runs, by name: the server builds each when a preview first needs it. */
export const PREVIEW_READS = ["list_keys", "get_key_info", "get_team_info", "get_user_info", "get_model_info", "get_budget"] as const;
export type PreviewRead = (typeof PREVIEW_READS)[number];

/** Runs a read tool with the call's own key and returns its checked structured result. */
export type ReadTool = (tool: PreviewRead, args: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface Preview {
  /** The question: what is destroyed, and what goes with it. */
  question: string;
}

type Describe = (args: Record<string, unknown>, read: ReadTool) => Promise<Preview>;

const text = z.string().nullable().catch(null);
const amount = z.number().nullable().catch(null);
const key = z.object({ token: text, key_alias: text, key_name: text, user_id: text, team_id: text, spend: amount, max_budget: amount });
const keyInfo = z.object({ info: key.extend({ status: text }) });
const keyPage = z.object({ keys: z.array(key), total_count: amount, truncated: z.boolean() });
const member = z.object({ user_id: text, user_email: text });
const teamInfo = z.object({
  team: z.object({ team_alias: text }).nullable(),
  members: z.array(member),
  members_truncated: z.boolean(),
});
const userInfo = z.object({
  user: z.object({ user_email: text, user_role: text }).nullable(),
  keys: z.array(key),
  keys_truncated: z.boolean(),
  teams: z.array(z.object({ team_id: text, team_alias: text })),
  teams_truncated: z.boolean(),
});
const deployments = z.object({ models: z.array(z.object({ model_name: text, id: text, provider: text })), truncated: z.boolean() });
const budgets = z.object({ budgets: z.array(z.object({ budget_id: text, max_budget: amount, budget_duration: text })), missing: z.array(z.string()) });

function count(n: number, one: string, many = `${one}s`, atLeast = false): string {
  return `${atLeast ? "at least " : ""}${n} ${n === 1 && !atLeast ? one : many}`;
}

function usd(value: number | null): string {
  return value === null ? "an unknown amount" : `$${value.toFixed(2)}`;
}

/** How a key is named to a person: its alias and LiteLLM's abbreviation, never the secret. */
function keyName(k: z.infer<typeof key>): string {
  const shown = k.key_name ?? (k.token ? `key ${k.token.slice(0, 10)}…` : "a key");
  return k.key_alias ? `"${k.key_alias}" (${shown})` : shown;
}

function keyLine(k: z.infer<typeof key>, status?: string | null): string {
  const owner = [k.user_id && `user ${k.user_id}`, k.team_id && `team ${k.team_id}`].filter(Boolean).join(", ");
  const spent = `spent ${usd(k.spend)}${k.max_budget === null ? "" : ` of ${usd(k.max_budget)}`}`;
  return `- ${keyName(k)}${owner ? `, ${owner}` : ""}, ${spent}${status === "deleted" ? " (already deleted)" : ""}`;
}

function teamName(teamId: string, info: z.infer<typeof teamInfo>): string {
  return info.team?.team_alias ? `"${info.team.team_alias}" (${teamId})` : teamId;
}

/** A team's keys, counted by LiteLLM's own key listing (exact team id); null when it does not say. */
async function teamKeyCount(read: ReadTool, teamId: string): Promise<number | null> {
  return keyPage.parse(await read("list_keys", { team_id: teamId, size: 1 })).total_count;
}

function teamKeys(n: number | null): string {
  return n === null ? "its keys" : count(n, "key");
}

async function readTeam(read: ReadTool, teamId: string): Promise<z.infer<typeof teamInfo>> {
  return teamInfo.parse(await read("get_team_info", { team_id: teamId }));
}

async function keysByAlias(read: ReadTool, alias: string): Promise<z.infer<typeof key>[]> {
  // list_keys matches aliases by substring; /key/delete by the exact alias.
  const page = keyPage.parse(await read("list_keys", { key_alias: alias, size: 50 }));
  const exact = page.keys.filter((k) => k.key_alias === alias);
  if (exact.length === 0) throw new InputError(`LiteLLM has no key with the alias "${alias}", so nothing was deleted. list_keys shows the aliases there are.`);
  return exact;
}

async function sequentially<T, R>(items: readonly T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await each(item));
  return out;
}

const describeDeleteKey: Describe = async (args, read) => {
  const keyArgs = args.keys as string[] | undefined;
  const lines = keyArgs
    ? await sequentially(keyArgs, async (k) => {
        const { info } = keyInfo.parse(await read("get_key_info", { key: k }));
        return keyLine(info, info.status);
      })
    : (await sequentially(args.key_aliases as string[], (alias) => keysByAlias(read, alias))).flat().map((k) => keyLine(k));
  return {
    question: `Delete ${count(lines.length, "virtual key")} for good?\n${lines.join("\n")}\nWhoever uses ${lines.length === 1 ? "it" : "them"} is refused from then on.`
  };
};

const describeResetKeySpend: Describe = async (args, read) => {
  const { info } = keyInfo.parse(await read("get_key_info", { key: args.key }));
  const budget = info.max_budget === null ? "It has no max_budget." : `Its max_budget of ${usd(info.max_budget)} is available again from there.`;
  return {
    question: `Reset the spend of key ${keyName(info)} from ${usd(info.spend)} to ${usd(args.reset_to as number)}? ${budget} Spend logs keep the history; the old counter is gone.`
  };
};

const describeDeleteUser: Describe = async (args, read) => {
  const userIds = args.user_ids as string[];
  const lines = await sequentially(userIds, async (userId) => {
    const info = userInfo.parse(await read("get_user_info", { user_id: userId }));
    if (!info.user) throw new InputError(`LiteLLM has no user "${userId}", so nobody was deleted. list_users shows the users there are.`);
    const who = [info.user.user_email, info.user.user_role].filter(Boolean).join(", ");
    const keys = count(info.keys.length, "key", "keys", info.keys_truncated);
    const teams = count(info.teams.length, "team", "teams", info.teams_truncated);
    return `- ${userId}${who ? ` (${who})` : ""}: ${keys}, member of ${teams}`;
  });
  return {
    question: `Delete ${count(lines.length, "user")} for good?\n${lines.join("\n")}\nEvery key they own goes with them, team keys included, and they leave their teams. Teams and spend logs stay.`
  };
};

const describeDeleteTeam: Describe = async (args, read) => {
  const teamIds = args.team_ids as string[];
  const lines = await sequentially(teamIds, async (teamId) => {
    const info = await readTeam(read, teamId);
    return `- ${teamName(teamId, info)}: ${teamKeys(await teamKeyCount(read, teamId))}, ${count(info.members.length, "member", "members", info.members_truncated)}`;
  });
  return {
    question: `Delete ${count(lines.length, "team")} for good?\n${lines.join("\n")}\nEvery key of ${lines.length === 1 ? "the team" : "these teams"} goes with it, members' team keys too. Members stay as users and keep their own keys.`
  };
};

const describeBlockTeam: Describe = async (args, read) => {
  const teamId = args.team_id as string;
  const info = await readTeam(read, teamId);
  const others = Object.keys(args).some((field) => !["team_id", "blocked"].includes(field) && args[field] !== undefined);
  const keys = await teamKeyCount(read, teamId);
  const refused = keys === null ? "Every key of the team is" : keys === 1 ? "The team's 1 key is" : `All ${keys} keys of the team are`;
  return {
    question: `Block team ${teamName(teamId, info)}? ${refused} refused until it is unblocked (update_team with blocked: false); its ${count(info.members.length, "member", "members", info.members_truncated)} keep their own keys.${others ? " The other changes asked for are made too." : ""}`
  };
};

const describeRemoveTeamMember: Describe = async (args, read) => {
  const teamId = args.team_id as string;
  const info = await readTeam(read, teamId);
  const given = (args.user_id ?? args.user_email) as string;
  const found = info.members.find((m) => (args.user_id !== undefined ? m.user_id === args.user_id : m.user_email === args.user_email));
  if (!found && !info.members_truncated) {
    throw new InputError(`${given} is not a member of team ${teamName(teamId, info)}, so nothing changed. get_team_info shows its members.`);
  }
  const userId = found?.user_id ?? (args.user_id as string | undefined);
  let keys = "Their keys for this team are";
  if (userId) {
    // list_keys matches user ids by substring; the member's keys are those with exactly their id.
    const page = keyPage.parse(await read("list_keys", { team_id: teamId, user_id: userId, size: 50 }));
    const theirs = page.keys.filter((k) => k.user_id === userId).length;
    keys = `Their ${count(theirs, "key", "keys", page.truncated)} for this team ${theirs === 1 && !page.truncated ? "is" : "are"}`;
  }
  const who = found?.user_email && found.user_id ? `${found.user_id} (${found.user_email})` : given;
  return {
    question: `Remove ${who} from team ${teamName(teamId, info)}? ${keys} deleted for good; the user and their own keys stay.`
  };
};

const describeDeleteModel: Describe = async (args, read) => {
  const id = args.model_id as string;
  const { models, truncated } = deployments.parse(await read("get_model_info", {}));
  const deployment = models.find((m) => m.id === id);
  if (!deployment) {
    if (!truncated) throw new InputError(`LiteLLM has no deployment with the id "${id}", so nothing was deleted. get_model_info shows the deployment ids.`);
    return { question: `Delete the deployment ${id} for good?` };
  }
  const name = deployment.model_name ?? "(unnamed)";
  const siblings = models.filter((m) => m.model_name === deployment.model_name && m.id !== id).length;
  const after =
    siblings === 0 && !truncated
      ? `It is the last deployment named "${name}": calls to that model fail from then on.`
      : `${count(siblings, "other deployment", "other deployments", truncated)} of "${name}" ${siblings === 1 && !truncated ? "keeps" : "keep"} serving it.`;
  return {
    question: `Delete the deployment ${id} of model "${name}"${deployment.provider ? ` (${deployment.provider})` : ""} for good? ${after} Keys, users and teams keep the name in their model lists.`
  };
};

const describeDeleteBudget: Describe = async (args, read) => {
  const id = args.budget_id as string;
  const answer = budgets.parse(await read("get_budget", { budget_ids: [id] }));
  const budget = answer.budgets.find((b) => b.budget_id === id) ?? (knownBudget(null, id) as never);
  const limit = `${usd(budget.max_budget)}${budget.budget_duration ? ` every ${budget.budget_duration}` : ""}`;
  return {
    question: `Delete the budget "${id}" (${limit}) for good? The keys, end users and team memberships that use it lose its limits: a key without a max_budget of its own becomes unlimited. LiteLLM does not say how many use it.`
  };
};

/** The tools that ask first, and for which arguments (blocking a team, but not every team update). */
interface Confirmed {
  applies?: (args: Record<string, unknown>) => boolean;
  describe: Describe;
}

export const CONFIRMED: ReadonlyMap<string, Confirmed> = new Map<string, Confirmed>([
  ["delete_key", { describe: describeDeleteKey }],
  ["reset_key_spend", { describe: describeResetKeySpend }],
  ["delete_user", { describe: describeDeleteUser }],
  ["delete_team", { describe: describeDeleteTeam }],
  ["update_team", { applies: (args) => args.blocked === true, describe: describeBlockTeam }],
  ["remove_team_member", { describe: describeRemoveTeamMember }],
  ["delete_model", { describe: describeDeleteModel }],
  ["delete_budget", { describe: describeDeleteBudget }],
]);

/** What to ask before this call, or undefined when it destroys nothing that needs a person's yes. */
export function previewFor(tool: Tool, args: Record<string, unknown>): Describe | undefined {
  const entry = CONFIRMED.get(tool.name);
  return entry && (entry.applies?.(args) ?? true) ? entry.describe : undefined;
}
