// What the LiteLLM stand-in remembers between calls: the virtual keys it minted (as LiteLLM stores them,
// under the sha256 of the key), the users and teams those keys name, and one spend log row per
// completion. Rows are shaped like LiteLLM 1.108.7's (recorded from a real proxy with a database) and
// every date is derived from the clock, so a key minted for 7 days expires 7 days from now.

import { createHash } from "node:crypto";
import { durationSeconds } from "../../src/litellm/duration.ts";
import { keyRoutes } from "./litellm-answers.ts";
import { usageFixture } from "./usage-fixture.ts";

/** sha256 hex of the key: what LiteLLM stores, returns as `token`, and accepts in place of the key. */
export const tokenOf = (key: string): string => createHash("sha256").update(key).digest("hex");

/** LiteLLM's timestamps: microseconds, in UTC, ending in Z (key rows) or +00:00 (/key/info). */
export function litellmTime(date: Date, zone: "Z" | "+00:00" = "Z"): string {
  return `${date.toISOString().slice(0, 23)}000${zone}`;
}

/** A key row's timestamp as /key/info and /key/update write it: the same instant, ending in +00:00. */
export function withOffset(time: unknown): string | null {
  return typeof time === "string" ? time.replace(/Z$/, "+00:00") : null;
}

const UNIT_SECONDS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86_400n, w: 604_800n };
const C_INT_MAX = 2_147_483_647n;

/**
 * The Python error LiteLLM 1.108.7 answers (HTTP 500) for a duration it cannot turn into an expiry, as
 * recorded from the real proxy: timedelta refuses more than 999,999,999 days (and counts past a C int),
 * adding it to now must stay before the year 10000, and months go through relativedelta's year.
 */
export function durationOverflow(duration: unknown, now = new Date()): string | undefined {
  const match = /^(\d+)(s|m|h|d|w|mo)$/.exec(typeof duration === "string" ? duration : "");
  if (!match) return undefined;
  const count = BigInt(match[1]!);
  if (match[2] === "mo") {
    const year = BigInt(now.getUTCFullYear()) + (BigInt(now.getUTCMonth()) + count) / 12n;
    if (year > C_INT_MAX) return "signed integer is greater than maximum";
    return year > 9999n ? `year ${year} is out of range` : undefined;
  }
  const days = (count * UNIT_SECONDS[match[2]!]!) / 86_400n;
  if (days > C_INT_MAX) return "Python int too large to convert to C int";
  if (days > 999_999_999n) return `days=${days}; must have magnitude <= 999999999`;
  return BigInt(now.getTime()) + days * 86_400_000n >= BigInt(Date.UTC(10000, 0, 1)) ? "date value out of range" : undefined;
}

/** What a LiteLLM duration ("30m", "7d", "1mo") adds to now, or null for none. */
export function expiryFrom(duration: unknown, now = new Date()): string | null {
  const seconds = typeof duration === "string" ? durationSeconds(duration) : undefined;
  return seconds === undefined ? null : litellmTime(new Date(now.getTime() + seconds * 1000));
}

/** Invented but stable per model: what the deployments cost per token, like gpt-3.5-turbo's price. */
export const PRICE = { input: 5e-7, output: 1.5e-6 };

export type KeyRow = Record<string, unknown> & { token: string; user_id: string | null; team_id: string | null; key_alias: string | null; models: string[]; spend: number; blocked: boolean | null };

interface StoredKey {
  key: string;
  row: KeyRow;
  deleted: boolean;
}

/** A team's settings, as create_team and update_team set them; absent ones are LiteLLM's defaults. */
export interface TeamSettings {
  models?: string[];
  max_budget?: number | null;
  budget_duration?: string | null;
  blocked?: boolean;
  metadata?: Record<string, unknown>;
}

/** Who exists on the stand-in besides keys: LiteLLM answers /user/info only for users it has a row for. */
export interface StandInPeople {
  users: { user_id: string; user_email: string | null }[];
  teams: ({ team_id: string; team_alias: string | null; members: string[] } & TeamSettings)[];
}

/** A deployment added through the API (/model/new), on a stored credential by name. */
export interface DbDeployment {
  id: string;
  model_name: string;
  model: string;
  credential: string | undefined;
  rpm?: number;
  tpm?: number;
}

/**
 * The user and team the demo's key belongs to, as if an admin had created them; and the teams of the recorded
 * usage the stand-in serves (test/fixtures/usage/), with their budgets, so the usage view finds them.
 */
export const DEMO_PEOPLE: StandInPeople = {
  users: [{ user_id: "litellm-mcp-demo", user_email: "demo@example.com" }],
  teams: [
    { team_id: "litellm-mcp-demo-team", team_alias: "Demo team", members: ["litellm-mcp-demo"] },
    ...usageFixture().teams.teams.map((team) => ({
      team_id: String(team.team_id),
      team_alias: (team.team_alias as string | null) ?? null,
      members: [],
      max_budget: (team.max_budget as number | null) ?? null,
      budget_duration: (team.budget_duration as string | null) ?? null,
    })),
  ],
};

export class StandInState {
  private readonly keys = new Map<string, StoredKey>();
  readonly spendLogs: Record<string, unknown>[] = [];
  /** When each user and team was created: now, when the stand-in starts. */
  readonly createdAt = litellmTime(new Date());

  /** Its own copy of the people it starts with: teams and members change as tools call it. */
  readonly people: StandInPeople;
  /** Names of the provider credentials stored (their values are never needed: no provider is called). */
  readonly credentials = new Set<string>();
  readonly dbDeployments: DbDeployment[] = [];
  /** Each member's own budget inside a team (max_budget_in_team), keyed "team/user". */
  readonly memberBudgets = new Map<string, number>();

  constructor(people: StandInPeople = DEMO_PEOPLE) {
    this.people = structuredClone(people);
  }

  /** Stores a new key the way /key/generate does and returns the row. */
  mint(key: string, body: Record<string, unknown>): KeyRow {
    const now = litellmTime(new Date());
    const row: KeyRow = {
      token: tokenOf(key),
      key_name: `sk-...${key.slice(-4)}`,
      key_alias: (body.key_alias as string | undefined) ?? null,
      spend: 0,
      max_budget: (body.max_budget as number | undefined) ?? null,
      expires: expiryFrom(body.duration),
      models: (body.models as string[] | undefined) ?? [],
      aliases: {},
      config: {},
      user_id: (body.user_id as string | undefined) ?? null,
      team_id: (body.team_id as string | undefined) ?? null,
      max_parallel_requests: null,
      metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
      tpm_limit: null,
      rpm_limit: null,
      budget_duration: (body.budget_duration as string | undefined) ?? null,
      budget_reset_at: null,
      allowed_cache_controls: [],
      // As LiteLLM does: the routes given, unless a key_type other than "default" replaces them with its group.
      ...keyRoutes(body),
      permissions: {},
      model_spend: {},
      model_max_budget: {},
      blocked: null,
      budget_id: null,
      org_id: null,
      created_at: now,
      created_by: "default_user_id",
      updated_at: now,
      updated_by: "default_user_id",
    };
    this.keys.set(row.token, { key, row, deleted: false });
    return row;
  }

  /** A live key by the key itself or its hash, as every LiteLLM key route accepts either. */
  find(keyOrToken: string): { key: string; row: KeyRow } | undefined {
    const found = this.keys.get(keyOrToken) ?? this.keys.get(tokenOf(keyOrToken));
    return found && !found.deleted ? found : undefined;
  }

  /** A deleted key: /key/info still describes it (status "deleted"), nothing else finds it. */
  findDeleted(keyOrToken: string): { key: string; row: KeyRow } | undefined {
    const found = this.keys.get(keyOrToken) ?? this.keys.get(tokenOf(keyOrToken));
    return found?.deleted ? found : undefined;
  }

  /** Whether a bearer may call models: minted, not deleted, not blocked, not expired. */
  usable(bearer: string): KeyRow | undefined {
    const row = this.find(bearer)?.row;
    if (!row || row.blocked === true) return undefined;
    return typeof row.expires === "string" && Date.parse(row.expires) < Date.now() ? undefined : row;
  }

  isBlocked(bearer: string): boolean {
    return this.find(bearer)?.row.blocked === true;
  }

  change(keyOrToken: string, fields: Record<string, unknown>): KeyRow | undefined {
    const found = this.find(keyOrToken);
    if (!found) return undefined;
    Object.assign(found.row, fields, { updated_at: litellmTime(new Date()) });
    return found.row;
  }

  /** Deletes by keys (or hashes) or by aliases; returns what was asked for that existed, as LiteLLM echoes it. */
  delete(keys: string[], aliases: string[]): string[] {
    const deleted: string[] = [];
    for (const stored of this.keys.values()) {
      if (stored.deleted) continue;
      const byKey = keys.find((k) => k === stored.key || k === stored.row.token);
      const byAlias = aliases.find((a) => a === stored.row.key_alias);
      if (byKey === undefined && byAlias === undefined) continue;
      stored.deleted = true;
      deleted.push((byKey ?? byAlias)!);
    }
    return deleted;
  }

  /** Deletes a member's keys for a team, as LiteLLM does when they leave it. */
  deleteTeamKeys(teamId: string, userId: string): void {
    for (const stored of this.keys.values()) if (stored.row.team_id === teamId && stored.row.user_id === userId) stored.deleted = true;
  }

  rows(): KeyRow[] {
    return [...this.keys.values()].filter((k) => !k.deleted).map((k) => k.row);
  }

  /** Records a completion the way LiteLLM's spend log does, and charges it to the key. */
  logCompletion(bearer: string, model: string, usage: { prompt_tokens: number; completion_tokens: number }, tags: unknown, requestId: string): void {
    const row = this.find(bearer)?.row;
    const spend = usage.prompt_tokens * PRICE.input + usage.completion_tokens * PRICE.output;
    if (row) row.spend += spend;
    const now = withOffset(new Date().toISOString());
    this.spendLogs.unshift({
      request_id: requestId,
      call_type: "acompletion",
      api_key: tokenOf(bearer),
      spend,
      total_tokens: usage.prompt_tokens + usage.completion_tokens,
      prompt_tokens: usage.prompt_tokens,
      completion_tokens: usage.completion_tokens,
      startTime: now,
      endTime: now,
      completionStartTime: now,
      model: "openai/gpt-3.5-turbo",
      model_group: model,
      custom_llm_provider: "openai",
      api_base: "",
      user: row?.user_id ?? "",
      metadata: { status: null, user_api_key_alias: row?.key_alias ?? null, user_api_key_team_id: row?.team_id ?? null, user_api_key_user_id: row?.user_id ?? null },
      cache_hit: "None",
      cache_key: "Cache OFF",
      request_tags: Array.isArray(tags) ? tags : [],
      team_id: row?.team_id ?? "",
      organization_id: "",
      end_user: "",
      requester_ip_address: "127.0.0.1",
      status: "success",
    });
  }
}
