// One built server per database test file, against the suite's shared LiteLLM: started before the file's
// tests, closed after them, with all it emitted captured for the run's canary scan and checked at once.

import { afterAll, beforeAll, expect } from "vitest";
import { leaksCanary } from "./canary.ts";
import { capture } from "./capture.ts";
import { startCheckedServer, type CheckedServer } from "./checked-server.ts";
import type { DbProxy } from "./db-proxy.ts";

/** Registers the hooks; the returned function gives the file's server. `env` adds settings (a policy, toolsets). */
export function useDbServer(suite: string, proxy: DbProxy | null, env: Record<string, string> = {}): () => CheckedServer {
  let server: CheckedServer | undefined;
  beforeAll(async () => {
    if (proxy) server = await startCheckedServer({ LITELLM_HOST: proxy.url, LITELLM_MASTER_KEY: proxy.masterKey, ...env });
  });
  afterAll(async () => {
    if (!server) return;
    await server.close();
    capture(suite, server.emitted());
    expect(leaksCanary(server.emitted())).toBe(false);
  });
  return () => {
    if (!server) throw new Error("useDbServer: no server outside the file's tests");
    return server;
  };
}
