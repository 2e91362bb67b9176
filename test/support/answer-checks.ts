// Calls whose answer must say what the proxy did, or refuse what could never work: deleting keys some of
// which do not exist, a duration too large for LiteLLM, a second team with an alias, members already on a
// team, a credential LiteLLM lacks, a config-file model to delete, a deployment without its credential, a
// key past its expiry. The database suite walks them on the real LiteLLM and on the stand-in, which must
// answer alike.

export interface CheckContext {
  run: string;
  /** A model the proxy's config file serves, and its deployment's id. */
  model: string;
  configModelId: string;
  /** A credential both proxies store, and a deployment put on a missing one around the tools. */
  credential: string;
  brokenModel: string;
  /** Keys by name: "expiring" is minted around the tools (they take no duration under a minute). */
  keys: Record<string, string>;
  addedModelId: string;
}

export interface AnswerCheck {
  name: string;
  tool: string;
  args: (ctx: CheckContext) => Record<string, unknown>;
  /** Reads what later checks need from this one's structured result. */
  then?: (result: Record<string, unknown>, ctx: CheckContext) => void;
  /** The part of the answer that compares, where the rest carries times of its own (a key's expiry). */
  compare?: (answer: Record<string, unknown>) => unknown;
  /** Milliseconds to wait first, for something to expire. */
  waitMs?: number;
}

const hello = [{ role: "user", content: "hi" }];
const team = (ctx: CheckContext, n: number) => `checks-team${n}-${ctx.run}`;
const mint = (name: string, extra: (ctx: CheckContext) => Record<string, unknown> = () => ({})): AnswerCheck => ({
  name: `generate_key (${name})`,
  tool: "generate_key",
  args: (ctx) => ({ models: [ctx.model], user_id: `agree-user-${ctx.run}`, duration: "1h", key_alias: `agree-${name}-${ctx.run}`, ...extra(ctx) }),
  then: (r, ctx) => void (ctx.keys[name] = String(r.key)),
  compare: (r) => Object.keys(r).sort(),
});

export const ANSWER_CHECKS: AnswerCheck[] = [
  { name: "get_model_info (a config-file model)", tool: "get_model_info", args: (ctx) => ({ model: ctx.model }), then: (r, ctx) => void (ctx.configModelId = String((r.models as { id: string }[])[0]?.id)) },

  mint("deleted"),
  { name: "delete_key: a live key and an unknown one", tool: "delete_key", args: (ctx) => ({ keys: [ctx.keys.deleted, `sk-unknown-${ctx.run}-none`] }) },
  { name: "delete_key: a key LiteLLM does not have", tool: "delete_key", args: (ctx) => ({ keys: [`sk-unknown-${ctx.run}-a1b2`] }) },
  mint("by-alias"),
  { name: "delete_key: aliases, one unknown", tool: "delete_key", args: (ctx) => ({ key_aliases: [`agree-by-alias-${ctx.run}`, `agree-nobody-${ctx.run}`] }) },
  { name: "delete_key: neither keys nor aliases", tool: "delete_key", args: () => ({}) },
  ...["99999999999d", "1500000000d", "9999999d", "99999mo", "99999999999mo"].map((duration) => ({
    name: `generate_key: duration ${duration}`,
    tool: "generate_key",
    args: (ctx: CheckContext) => ({ models: [ctx.model], user_id: `agree-user-${ctx.run}`, duration }),
  })),

  { name: "create_team", tool: "create_team", args: (ctx) => ({ team_alias: `Checks ${ctx.run}`, team_id: team(ctx, 1), models: [ctx.model], max_budget: 5 }) },
  { name: "create_team: the alias of another, in other case", tool: "create_team", args: (ctx) => ({ team_alias: `checks ${ctx.run.toUpperCase()}`, team_id: team(ctx, 2) }) },
  { name: "create_team (another)", tool: "create_team", args: (ctx) => ({ team_alias: `Other ${ctx.run}`, team_id: team(ctx, 3) }) },
  { name: "update_team: renaming onto another's alias", tool: "update_team", args: (ctx) => ({ team_id: team(ctx, 3), team_alias: `Checks ${ctx.run}` }) },
  { name: "update_team: its own alias in other case", tool: "update_team", args: (ctx) => ({ team_id: team(ctx, 3), team_alias: `other ${ctx.run}` }) },
  {
    name: "add_team_member: a new user by id and one by email",
    tool: "add_team_member",
    args: (ctx) => ({ team_id: team(ctx, 1), members: [{ user_id: `agree-ana-${ctx.run}` }, { user_email: `agree-new-${ctx.run}@example.com` }], max_budget_in_team: 2 }),
  },
  { name: "add_team_member: one on the team, one not", tool: "add_team_member", args: (ctx) => ({ team_id: team(ctx, 1), members: [{ user_id: `agree-ana-${ctx.run}` }, { user_id: `agree-bo-${ctx.run}` }] }) },
  { name: "add_team_member: all on the team", tool: "add_team_member", args: (ctx) => ({ team_id: team(ctx, 1), members: [{ user_id: `agree-bo-${ctx.run}` }] }) },
  { name: "add_team_member: a member with neither id nor email", tool: "add_team_member", args: (ctx) => ({ team_id: team(ctx, 1), members: [{}] }) },
  mint("ana-team", (ctx) => ({ user_id: `agree-ana-${ctx.run}`, team_id: team(ctx, 1) })),
  { name: "remove_team_member", tool: "remove_team_member", args: (ctx) => ({ team_id: team(ctx, 1), user_id: `agree-ana-${ctx.run}` }) },
  { name: "remove_team_member: not on the team", tool: "remove_team_member", args: (ctx) => ({ team_id: team(ctx, 1), user_id: `agree-ana-${ctx.run}` }) },
  { name: "remove_team_member: neither id nor email", tool: "remove_team_member", args: (ctx) => ({ team_id: team(ctx, 1) }) },

  { name: "add_model: a credential LiteLLM does not have", tool: "add_model", args: (ctx) => ({ model_name: `agree-model-${ctx.run}`, model: "openai/gpt-4o-mini", litellm_credential_name: `${ctx.credential}-typo` }) },
  {
    name: "add_model",
    tool: "add_model",
    args: (ctx) => ({ model_name: `agree-model-${ctx.run}`, model: "openai/gpt-4o-mini", litellm_credential_name: ctx.credential }),
    then: (r, ctx) => void (ctx.addedModelId = String(r.model_id)),
  },
  { name: "delete_model: a config-file model", tool: "delete_model", args: (ctx) => ({ model_id: ctx.configModelId }) },
  { name: "delete_model", tool: "delete_model", args: (ctx) => ({ model_id: ctx.addedModelId }) },
  { name: "delete_model: one already deleted", tool: "delete_model", args: (ctx) => ({ model_id: ctx.addedModelId }) },

  mint("broken", (ctx) => ({ models: [ctx.brokenModel] })),
  { name: "proxy_completion: a deployment without its credential", tool: "proxy_completion", args: (ctx) => ({ model: ctx.brokenModel, key: ctx.keys.broken, messages: hello }) },
  { name: "get_key_info: a key past its expiry", tool: "get_key_info", args: (ctx) => ({ key: ctx.keys.expiring }), compare: (r) => (r.info as { status: unknown }).status, waitMs: 1_500 },
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** An outcome with what differs between two proxies by nature taken out: ids, keys, names of this run. */
export function neutral(value: unknown, ctx: CheckContext): unknown {
  let text = JSON.stringify(value);
  // Values a check has not learnt yet are empty: replacing "" would insert the placeholder everywhere.
  const named: [string, string][] = [...Object.entries(ctx.keys).flatMap(([name, key]) => [[key, `<key ${name}>`], [`sk-...${key.slice(-4)}`, `<key ${name}>`]] as [string, string][]), [ctx.configModelId, "<config model id>"], [ctx.model, "<model>"]];
  for (const [value, placeholder] of named) if (value) text = text.replaceAll(value, placeholder);
  text = text
    .replace(UUID, "<uuid>")
    // The credentials a proxy stores besides this run's: the real one keeps other suites' too.
    .replace(/It has [^]*?\. Store the credential first/, "It has <credentials>. Store the credential first");
  return JSON.parse(text);
}
