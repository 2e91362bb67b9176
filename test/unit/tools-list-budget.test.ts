// The assistant pays for every byte of tools/list on every turn. The default tool set's listing has a
// committed budget (README states it), and so does every toolset at once (LITELLM_MCP_TOOLSETS=all): a tool
// that needs more must earn it by trimming elsewhere or by raising the budget here, in review.

import { beforeAll, describe, expect, it } from "vitest";
import { UI_EXTENSION, UI_MIME_TYPE } from "../../src/mcp/apps/ui-extension.ts";
import { usageViewHtml } from "../../src/mcp/apps/usage-view-html.ts";
import { USAGE_VIEW_URI } from "../../src/mcp/apps/views.ts";
import { ensureUsageViewBuilt } from "../support/built-view.ts";
import { connect } from "../support/connect.ts";

/**
 * Bytes of the serialized tools/list result, per selection. Bounding every string argument (maxLength) cost
 * about 600 bytes of the default set; answers that say what LiteLLM did (delete_key's not_found,
 * add_team_member's already_members and budgets, remove_team_member's keys_deleted, delete_model's
 * deployments_left) about 560 bytes of all; generate_key naming the five routes its keys may call, about 175.
 */
const BUDGETS = { default: 26_600, all: 57_200 } as const;
/** No single tool may take more than this. */
const PER_TOOL_BYTES = 2_600;

const tokens = (bytes: number) => Math.round(bytes / 4);

/** What a host that draws MCP Apps pays on top of the "all" listing: get_usage_report's link to its view, in both spellings (122 bytes). */
const VIEW_LINK_BYTES = 130;
/** The usage view's one HTML document (script and styles inline), as resources/read hands it over. */
const VIEW_BYTES = 20_000;

describe("tools/list budget", () => {
  beforeAll(ensureUsageViewBuilt);

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

  it(`a host that draws MCP Apps pays at most ${VIEW_LINK_BYTES} bytes more for the view link; the view itself stays within ${VIEW_BYTES} bytes`, async () => {
    const drawing = await connect({ LITELLM_MCP_TOOLSETS: "all" }, {}, { capabilities: { extensions: { [UI_EXTENSION]: { mimeTypes: [UI_MIME_TYPE] } } } });
    const plain = await connect({ LITELLM_MCP_TOOLSETS: "all" });
    const withLink = Buffer.byteLength(JSON.stringify(await drawing.client.listTools()));
    const without = Buffer.byteLength(JSON.stringify(await plain.client.listTools()));
    const read = await drawing.client.readResource({ uri: USAGE_VIEW_URI });
    await Promise.all([drawing.close(), plain.close()]);

    const view = Buffer.byteLength((read.contents[0] as { text: string }).text);
    console.info(`tools/list (all, drawing views): +${withLink - without} bytes; usage view: ${view} bytes (budget ${VIEW_BYTES})`);
    expect(withLink - without).toBeGreaterThan(0);
    expect(withLink - without).toBeLessThanOrEqual(VIEW_LINK_BYTES);
    expect(view).toBe(Buffer.byteLength(usageViewHtml()));
    expect(view).toBeLessThanOrEqual(VIEW_BYTES);
  });
});
