// get_spend_logs: /spend/logs/v2 for a date range, one bounded page, no prompt or reply content.

import { createHash } from "node:crypto";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { TEST_HOST, textOf } from "../support/connect.ts";
import { spendLogRow } from "../support/litellm-admin-answers.ts";
import { asMaster, useBridge } from "../support/nock-bridge.ts";

const bridge = useBridge();

describe("get_spend_logs", () => {
  it("GETs /spend/logs/v2 with whole-day bounds and a bounded page, and keeps only who spent what", async () => {
    nock(TEST_HOST, asMaster)
      .get("/spend/logs/v2")
      .query({ start_date: "2026-11-01 00:00:00", end_date: "2026-11-25 23:59:59", user_id: "u-42", page: "1", page_size: "20" })
      .reply(200, { data: [spendLogRow()], total: 1, page: 1, page_size: 20, total_pages: 1 });

    const result = await bridge().call("get_spend_logs", { start_date: "2026-11-01", end_date: "2026-11-25", user_id: "u-42" });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      logs: [
        {
          request_id: "chatcmpl-0",
          startTime: "2026-11-25T22:00:00.000Z",
          model: "mock-gpt",
          user: "u-42",
          team_id: null,
          key_alias: "ci-bot",
          spend: 0.00042,
          prompt_tokens: 8,
          completion_tokens: 5,
          status: "success",
          request_tags: ["litellm-mcp", "tool:proxy_completion"],
        },
      ],
      total: 1,
      page: 1,
      total_pages: 1,
      truncated: false,
      next_page: null,
    });
    expect(textOf(result)).not.toMatch(/must not come back/);
  });

  it("filters by model through model_group: the name callers use, not the provider model behind it", async () => {
    nock(TEST_HOST)
      .get("/spend/logs/v2")
      .query((q) => q.model_group === "mock-gpt" && q.model === undefined)
      .reply(200, { data: [spendLogRow()], total: 1, page: 1, page_size: 20, total_pages: 1 });
    const result = await bridge().call("get_spend_logs", { start_date: "2026-11-25", end_date: "2026-11-25", model: "mock-gpt" });
    expect(result.structuredContent).toMatchObject({ logs: [{ model: "mock-gpt" }], total: 1 });
  });

  it("filters by a virtual key through its hash, as LiteLLM logs it", async () => {
    const key = "sk-minted-Ab12Cd34Ef56Gh78";
    const hash = createHash("sha256").update(key).digest("hex");
    nock(TEST_HOST)
      .get("/spend/logs/v2")
      .query((q) => q.api_key === hash && q.start_date === "2026-11-25 08:00:00")
      .reply(200, { data: [], total: 0, page: 1, page_size: 20, total_pages: 0 });
    const result = await bridge().call("get_spend_logs", { start_date: "2026-11-25 08:00:00", end_date: "2026-11-25", key });
    expect(result.structuredContent).toMatchObject({ logs: [], total: 0, truncated: false });
  });

  it("marks a page that is not the last and says which page comes next", async () => {
    nock(TEST_HOST)
      .get("/spend/logs/v2")
      .query((q) => q.page === "2" && q.page_size === "50")
      .reply(200, { data: Array.from({ length: 50 }, (_, i) => spendLogRow(i)), total: 180, page: 2, page_size: 50, total_pages: 4 });
    const result = await bridge().call("get_spend_logs", { start_date: "2026-11-01", end_date: "2026-11-30", page: 2, page_size: 50 });
    expect(result.structuredContent).toMatchObject({ total: 180, page: 2, total_pages: 4, truncated: true, next_page: 3 });
  });

  it.each([
    [{ start_date: "1 Nov", end_date: "2026-11-30" }, "start_date"],
    [{ end_date: "2026-11-30" }, "start_date"],
    [{ start_date: "2026-11-01", end_date: "2026-11-30", page_size: 100 }, "page_size"],
  ])("refuses %j before calling LiteLLM, naming %s", async (args, field) => {
    const result = await bridge().call("get_spend_logs", args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(field);
  });
});
