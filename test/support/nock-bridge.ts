// One in-process bridge per test with the network shut off: each test declares exactly the LiteLLM calls
// it expects with nock, and fails if one was left unmade.

import nock from "nock";
import { afterEach, beforeAll, beforeEach, expect } from "vitest";
import { CANARY_MASTER_KEY, connect, type Connected } from "./connect.ts";

/** nock options that match only requests carrying the master key. */
export const asMaster = { reqheaders: { authorization: `Bearer ${CANARY_MASTER_KEY}` } };

/**
 * Shuts the network off for the file, and fails each test that left a LiteLLM call it declared unmade.
 * `first` runs after each test before the check (closing what the test spoke through).
 */
export function useNockChecks(first?: () => Promise<void>): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(async () => {
    await first?.();
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
}

/** Registers the hooks; the returned function gives the current test's bridge. */
export function useBridge(env: Record<string, string | undefined> = {}): () => Connected {
  let bridge: Connected | undefined;
  beforeEach(async () => {
    bridge = await connect(env);
  });
  useNockChecks(async () => bridge?.close());
  return () => {
    if (!bridge) throw new Error("useBridge: no bridge outside a test");
    return bridge;
  };
}
