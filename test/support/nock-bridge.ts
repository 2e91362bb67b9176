// One in-process bridge per test with the network shut off: each test declares exactly the LiteLLM calls
// it expects with nock, and fails if one was left unmade.

import nock from "nock";
import { afterEach, beforeAll, beforeEach, expect } from "vitest";
import { CANARY_MASTER_KEY, connect, type Connected } from "./connect.ts";

/** nock options that match only requests carrying the master key. */
export const asMaster = { reqheaders: { authorization: `Bearer ${CANARY_MASTER_KEY}` } };

/** Registers the hooks; the returned function gives the current test's bridge. */
export function useBridge(env: Record<string, string | undefined> = {}): () => Connected {
  let bridge: Connected | undefined;
  beforeAll(() => nock.disableNetConnect());
  beforeEach(async () => {
    bridge = await connect(env);
  });
  afterEach(async () => {
    await bridge?.close();
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  return () => {
    if (!bridge) throw new Error("useBridge: no bridge outside a test");
    return bridge;
  };
}
