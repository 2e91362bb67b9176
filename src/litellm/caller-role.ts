// In caller mode, a refusal should name the caller's LiteLLM role, and most of LiteLLM's refusals do not
// ("You are not authorized to delete this key"). So, only after such a refusal, the caller's own key asks
// LiteLLM who it is: GET /user/info without a user_id answers for the key's own user, which every role may
// read. Nothing is kept: the next refusal asks again. The answer is read as untyped JSON, like every other
// answer outside the manifest, so no LiteLLM release's schema is built into this.

/** One GET with the caller's key: its status and parsed JSON body (undefined when there is none). */
export type GetWithCallerKey = (path: string) => Promise<{ status: number; body: unknown }>;

/** The role of the user the caller's key belongs to; "" for a key of no user; undefined when LiteLLM would not say. */
export async function callerRole(get: GetWithCallerKey): Promise<string | undefined> {
  try {
    const { status, body } = await get("/user/info");
    // LiteLLM answers 404 "User None not found" for a key minted without a user.
    if (status === 404) return "";
    const role = (body as { user_info?: { user_role?: unknown } } | null)?.user_info?.user_role;
    return typeof role === "string" ? role : undefined;
  } catch {
    // The refusal is still worth reporting without the role.
    return undefined;
  }
}
