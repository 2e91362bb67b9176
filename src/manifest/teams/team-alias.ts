// LiteLLM accepts any number of teams with the same alias, and list_teams by that alias then shows them
// all, so an admin can no longer tell which is meant. create_team and update_team refuse an alias another
// team has, as a person reads it: case, and spaces of any kind, do not make two aliases different.

import type { AroundCall, Lookup } from "../../litellm/lookup.js";
import { InputError } from "../../errors.js";
import { nameKey } from "../name-key.js";

/** What looking for a taken alias reads: an entry using refuseTakenAlias declares it. */
export const TEAM_ALIAS_READS = ["GET /v2/team/list"] as const satisfies readonly AroundCall[];

/** Pages read at most while looking for a taken alias: LiteLLM's search is by substring, so a short alias matches many. */
const MAX_PAGES = 10;
const PAGE_SIZE = 100;

/** What to ask LiteLLM's substring search for: the alias's longest word, which every spelling of it contains. */
function searchTerm(alias: string): string {
  return nameKey(alias)
    .split(" ")
    .reduce((longest, word) => (word.length > longest.length ? word : longest), "");
}

interface TeamRow {
  team_id?: unknown;
  team_alias?: unknown;
}

/** The team, other than `except`, whose alias reads like `alias`; undefined when there is none. */
async function teamWithAlias(lookup: Lookup, alias: string, except: string | undefined): Promise<{ team_id: string; team_alias: string } | undefined> {
  const wanted = nameKey(alias);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await lookup.get("/v2/team/list", { params: { query: { team_alias: searchTerm(alias), page, page_size: PAGE_SIZE } } });
    const rows = (Array.isArray(answer.teams) ? answer.teams : []) as TeamRow[];
    const taken = rows.find((row) => typeof row.team_alias === "string" && nameKey(row.team_alias) === wanted && row.team_id !== except);
    if (taken) return { team_id: String(taken.team_id), team_alias: taken.team_alias as string };
    if (typeof answer.total_pages !== "number" || page >= answer.total_pages) return undefined;
  }
  return undefined;
}

/** Throws an InputError naming the team that already reads as `alias` (a team keeps its own alias: `except`). */
export async function refuseTakenAlias(lookup: Lookup, alias: string, except?: string): Promise<void> {
  const taken = await teamWithAlias(lookup, alias, except);
  if (!taken) return;
  const same = taken.team_alias === alias ? "" : ` ("${taken.team_alias}" differs only in case or spacing)`;
  throw new InputError(
    `Team ${taken.team_id} already has the alias "${taken.team_alias}"${same}. LiteLLM would accept a second, and list_teams by that alias would then show both: pick another alias, or change team ${taken.team_id} itself.`,
  );
}
