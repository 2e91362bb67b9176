// One call of every tool, in an order where each finds what it needs: a key is minted, inspected, used,
// listed, changed, blocked and unblocked, looked up by user and team and in the spend logs, regenerated,
// and deleted at the end. `npm run demo` walks it, and the stand-in's test holds it to tools/list, so a
// new tool without a step here fails there.

import { DEMO_PEOPLE } from "./stand-in-state.ts";

export interface TourContext {
  model: string;
  key: string;
  user: string;
  team: string;
  alias: string;
  /** UTC date, YYYY-MM-DD: the spend logs of today. */
  today: string;
}

export interface TourStep {
  tool: string;
  args: (ctx: TourContext) => Record<string, unknown>;
  /** Reads what the next steps need from this step's structured result. */
  then?: (result: Record<string, unknown>, ctx: TourContext) => void;
  /** Why the step is skipped against a real proxy (it costs money or needs what a plain proxy lacks). */
  standInOnly?: string;
}

/** The demo's user and team: the stand-in has them (DEMO_PEOPLE); on a real proxy the user must exist (generate_key mints only for users it has), the team is not used. */
export function tourContext(standIn: boolean, now = new Date()): TourContext {
  return {
    model: "",
    key: "",
    user: DEMO_PEOPLE.users[0]!.user_id,
    team: standIn ? DEMO_PEOPLE.teams[0]!.team_id : "",
    alias: `litellm-mcp-demo-${now.getTime().toString(36)}`,
    today: now.toISOString().slice(0, 10),
  };
}

export const TOUR: TourStep[] = [
  { tool: "list_models", args: () => ({}), then: (r, ctx) => void (ctx.model = (r.models as { id: string }[])[0]?.id ?? "") },
  {
    tool: "generate_key",
    args: (ctx) => ({ models: [ctx.model], user_id: ctx.user, ...(ctx.team ? { team_id: ctx.team } : {}), duration: "1h", key_alias: ctx.alias }),
    then: (r, ctx) => void (ctx.key = String(r.key ?? "")),
  },
  { tool: "get_key_info", args: (ctx) => ({ key: ctx.key }) },
  { tool: "proxy_completion", args: (ctx) => ({ model: ctx.model, key: ctx.key, messages: [{ role: "user", content: "Say hello in five words." }], max_tokens: 50 }) },
  { tool: "list_keys", args: (ctx) => ({ key_alias: ctx.alias }) },
  { tool: "update_key", args: (ctx) => ({ key: ctx.key, max_budget: 1 }) },
  { tool: "block_key", args: (ctx) => ({ key: ctx.key }) },
  { tool: "unblock_key", args: (ctx) => ({ key: ctx.key }) },
  // generate_key mints only for a user the proxy has, so the user this reads exists wherever the tour got this far.
  { tool: "get_user_info", args: (ctx) => ({ user_id: ctx.user }) },
  {
    tool: "get_team_info",
    args: (ctx) => ({ team_id: ctx.team }),
    standInOnly: "it needs a team that exists on your proxy",
  },
  { tool: "get_spend_logs", args: (ctx) => ({ start_date: ctx.today, end_date: ctx.today, user_id: ctx.user }) },
  { tool: "get_model_info", args: (ctx) => ({ model: ctx.model }) },
  { tool: "check_health", args: () => ({}) },
  { tool: "check_model_health", args: (ctx) => ({ model: ctx.model }), standInOnly: "it has LiteLLM send a paid test call to every deployment of the model" },
  {
    tool: "regenerate_key",
    // A regenerated key is held to the limits of a minted one: by default, no key without expiry.
    args: (ctx) => ({ key: ctx.key, duration: "1h" }),
    then: (r, ctx) => void (ctx.key = String(r.key ?? ctx.key)),
    standInOnly: "LiteLLM offers it only with an Enterprise license",
  },
  { tool: "delete_key", args: (ctx) => ({ key_aliases: [ctx.alias] }) },
];
