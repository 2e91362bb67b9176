// PostgreSQL stops under a running LiteLLM: check_health must say the database is disconnected (LiteLLM's 503
// readiness report is the answer, not a fault to retry), and a key tool must name the database as the cause.
// The database is started again before the file ends; the other files never see it gone (one file at a time).

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createUser, DB_MODELS, startDatabase, stopDatabase } from "../support/db-proxy.ts";
import { useDbServer } from "../support/db-server.ts";

const proxy = inject("dbProxy");

/** LiteLLM caches its database check for up to 15 s, so noticing the outage takes that long at most, and more under load. */
const NOTICE_MS = 60_000;

describe.skipIf(!proxy)("LiteLLM losing its database, through the bridge", () => {
  const bridge = useDbServer("db-outage", proxy);
  let key: string;
  let stopped = false;

  beforeAll(async () => {
    const user = `outage-${randomBytes(4).toString("hex")}`;
    await createUser(proxy!, user);
    key = (await bridge().answer<{ key: string }>("generate_key", { models: [DB_MODELS[0].name], user_id: user, duration: "1h" })).key;
  });

  // Returns once LiteLLM reports its database connected again and answers a key listing.
  afterAll(async () => {
    if (stopped) await startDatabase(proxy!);
  }, 2 * NOTICE_MS);

  it("check_health reports the database disconnected, as a result, once LiteLLM notices", async () => {
    await stopDatabase(proxy!);
    stopped = true;
    await expect.poll(async () => (await bridge().answer<{ db: string }>("check_health", {})).db, { timeout: NOTICE_MS, interval: 1000 }).toBe("disconnected");
    expect(await bridge().answer("check_health", {})).toEqual({ status: "healthy", db: "disconnected", cache: null, litellm_version: null });
  }, 2 * NOTICE_MS);

  it("a key tool meanwhile says LiteLLM cannot reach its database, not that the key or the request is wrong", async () => {
    // Refused at once with 503 "the authentication database is temporarily unreachable". LiteLLM then resets
    // the kept-alive connection, so the next call meets a dropped connection first (a read is sent again).
    expect(await bridge().failure("block_key", { key })).toMatch(/^LiteLLM cannot reach its database right now \(HTTP 503\), so nothing that needs keys, users, teams or spend works\./);
    // Reads fail in whatever way LiteLLM's reconnect loop is at: "Can't reach database server" while its query
    // engine runs, "All connection attempts failed" while it restarts it. Neither may read as the key's fault.
    const text = await bridge().failure("get_key_info", { key });
    expect(text).not.toMatch(/did not accept|found nothing|rejected/);
  });
});
