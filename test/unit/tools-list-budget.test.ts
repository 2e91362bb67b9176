// The assistant pays for every byte of tools/list on every turn. The default tool set's listing has a
// committed budget (README states it), and so does every toolset at once (LITELLM_MCP_TOOLSETS=all): a tool
// that needs more must earn it by trimming elsewhere or by raising the budget here, in review.

import { describe, expect, it } from "vitest";
import { connect } from "../support/connect.ts";

/**
 * Bytes of the serialized tools/list result, per selection. Bounding every string argument (maxLength) cost
 * about 600 bytes of the default set; answers that say what LiteLLM did (delete_key's not_found,
 * add_team_member's already_members and budgets, remove_team_member's keys_deleted, delete_model's
 * deployments_left) about 560 bytes of all.
 */
const BUDGETS = { default: 26_400, all: 57_000 } as const;
/** No single tool may take more than this. */
const PER_TOOL_BYTES = 2_600;

const tokens = (bytes: number) => Math.round(bytes / 4);

describe("tools/list budget", () => {
  it.each(Object.entries(BUDGETS))(`LITELLM_MCP_TOOLSETS=%s stays within %i bytes, ${PER_TOOL_BYTES} per tool`, async (selection, budget) => {
    const bridge = await connect({ LITELLM_MCP_TOOLSETS: selection });
    const listing = await bridge.client.listTools();
    await bridge.close();

    const bytes = Buffer.byteLength(JSON.stringify(listing));
    const perTool = listing.tools.map((t) => [t.name, Buffer.byteLength(JSON.stringify(t))] as const);
    console.info(`tools/list (${selection}): ${listing.tools.length} tools, ${bytes} bytes ≈ ${tokens(bytes)} tokens (budget ${budget})`);

    expect(bytes).toBeLessThanOrEqual(budget);
    expect(perTool.filter(([, size]) => size > PER_TOOL_BYTES)).toEqual([]);
  });
});
