// The assistant pays for every byte of tools/list on every turn. The default tool set's listing has a
// committed budget (README states it): a tool that needs more must earn it by trimming elsewhere or by
// raising the budget here, in review.

import { describe, expect, it } from "vitest";
import { connect } from "../support/connect.ts";

/** Bytes of the serialized tools/list result for the default tool set (the whole manifest). */
const BUDGET_BYTES = 25_600;
/** No single tool may take more than this. */
const PER_TOOL_BYTES = 2_600;

const tokens = (bytes: number) => Math.round(bytes / 4);

describe("tools/list budget", () => {
  it(`stays within ${BUDGET_BYTES} bytes (≈ ${tokens(BUDGET_BYTES)} tokens), ${PER_TOOL_BYTES} per tool`, async () => {
    const bridge = await connect();
    const listing = await bridge.client.listTools();
    await bridge.close();

    const bytes = Buffer.byteLength(JSON.stringify(listing));
    const perTool = listing.tools.map((t) => [t.name, Buffer.byteLength(JSON.stringify(t))] as const);
    console.info(`tools/list: ${listing.tools.length} tools, ${bytes} bytes ≈ ${tokens(bytes)} tokens (budget ${BUDGET_BYTES})`);

    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(perTool.filter(([, size]) => size > PER_TOOL_BYTES)).toEqual([]);
  });
});
