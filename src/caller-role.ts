// In caller mode, a refusal should name the caller's LiteLLM role, and most of LiteLLM's refusals do not
// ("You are not authorized to delete this key"). So, only after such a refusal, the caller's own key asks
// LiteLLM who it is: GET /user/info without a user_id answers for the key's own user, which every role may
// read. Nothing is kept: the next refusal asks again.

import type { Client } from "openapi-fetch";
import type { paths } from "../generated/litellm-api.js";

/** The role of the user `bearer` belongs to; "" for a key of no user; undefined when LiteLLM would not say. */
export async function callerRole(client: Client<paths>, bearer: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    const { data, response } = await client.GET("/user/info", { headers: { authorization: `Bearer ${bearer}` }, signal });
    // LiteLLM answers 404 "User None not found" for a key minted without a user.
    if (response.status === 404) return "";
    const role = (data?.user_info as { user_role?: unknown } | undefined)?.user_role;
    return typeof role === "string" ? role : undefined;
  } catch {
    // The refusal is still worth reporting without the role.
    return undefined;
  }
}
