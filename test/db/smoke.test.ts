// The database suite's first check: the built server over stdio reaches the kit's LiteLLM, and that LiteLLM
// has its database: a key the bridge mints is a key LiteLLM then describes.

import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createUser } from "../support/db-proxy.ts";
import { useDbServer } from "../support/db-server.ts";

const proxy = inject("dbProxy");

describe.skipIf(!proxy)("the bridge against a real LiteLLM with its database", () => {
  const run = randomBytes(4).toString("hex");
  const bridge = useDbServer("db-smoke", proxy);

  it("check_health reports the database connected", async () => {
    expect(await bridge().answer("check_health", {})).toMatchObject({ status: "healthy", db: "connected" });
  });

  it("a key generate_key mints is one get_key_info then describes", async () => {
    await createUser(proxy!, `smoke-user-${run}`);
    const minted = await bridge().answer<{ key: string; expires: string | null }>("generate_key", {
      models: [proxy!.models[0]],
      user_id: `smoke-user-${run}`,
      key_alias: `smoke-key-${run}`,
      duration: "1h",
    });
    expect(minted.key).toMatch(/^sk-/);
    const { info } = await bridge().answer<{ info: Record<string, unknown> }>("get_key_info", { key: minted.key });
    expect(info).toMatchObject({ key_alias: `smoke-key-${run}`, user_id: `smoke-user-${run}`, models: [proxy!.models[0]], spend: 0 });
  });
});
