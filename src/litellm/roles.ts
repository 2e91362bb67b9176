// What each LiteLLM user role may do through these tools, as LiteLLM 1.108.7 decides it (measured on a
// real proxy with a database, one key per role). Only used to explain a refusal to a caller-mode user:
// LiteLLM enforces the roles, this server never second-guesses them.

/** One clause per role, written to follow "LiteLLM refused this for your key (…): ". */
const MAY: Record<string, string> = {
  proxy_admin_viewer: "a proxy_admin_viewer key may read everything (keys, users, teams, spend, models) but change nothing",
  internal_user:
    "an internal_user key may list, read and delete its own keys and read its own user and spend logs, but not mint keys here (each key this server mints carries a route limit that LiteLLM lets only a proxy_admin set), block, unblock or update keys, nor touch other users' keys or teams it is not in",
  internal_user_viewer: "an internal_user_viewer key may only read: its own keys, user and spend logs, and the models",
  [""]: "a key that belongs to no LiteLLM user may run completions, list the models, their deployments and health, and read its own key, nothing more",
};

/** The role a LiteLLM refusal names ("role= proxy_admin_viewer", "Your role=internal_user", "user_role=internal_user"). */
export function roleNamedIn(message: string | undefined): string | undefined {
  const role = /\b(?:user_)?role\s*=\s*([a-z_]+)/i.exec(message ?? "")?.[1];
  // LiteLLM says "role=unknown" for a key that belongs to no user.
  return role === undefined ? undefined : role === "unknown" ? "" : role;
}

/** "role internal_user", or what stands for the role of a key without a user ("" by the convention above). */
export function roleLabel(role: string): string {
  return role === "" ? "a key of no LiteLLM user" : `role ${role}`;
}

/** What that role may do, when this server knows it. */
export function whatRoleMay(role: string): string | undefined {
  return MAY[role];
}
