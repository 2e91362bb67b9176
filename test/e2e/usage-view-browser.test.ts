// The usage view in a real browser (Debian's headless Chromium, driven by playwright-core), hosted by the MCP
// Apps extension's own AppBridge in a page served on loopback (test/support/app-host.ts), drawing what the
// built server answers from a real LiteLLM's recorded usage (test/support/usage-fixture.ts, served by the
// stand-in): the bars and budget lines per team with their figures, read back from the DOM; a switch of
// breakdown by keyboard is exactly one tool call through the bridge; the view makes no request of its own;
// no canary key reaches it. Screenshots (light, dark, narrow) go to LITELLM_MCP_SCREENSHOTS or a temp dir.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPENDERS_META_KEY } from "../../src/mcp/apps/usage-budgets.ts";
import type { Report } from "../../src/mcp/apps/usage-view/report.ts";
import { UI_EXTENSION, UI_MIME_TYPE } from "../../src/mcp/apps/ui-extension.ts";
import { USAGE_VIEW_URI } from "../../src/mcp/apps/views.ts";
import { startAppHost, type AppHost, type HostSession } from "../support/app-host.ts";
import { leaksCanary } from "../support/canary.ts";
import { capture } from "../support/capture.ts";
import { CANARY_MASTER_KEY, type ToolResult } from "../support/connect.ts";
import { FakeLiteLLM } from "../support/fake-litellm.ts";
import { REVISION } from "../support/revisions.ts";
import { BUILT_SERVER, spawnServer, type Spawned } from "../support/spawn-server.ts";
import { usageFixture } from "../support/usage-fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
/** Flags for a browser that reaches nothing but the loopback page it is given. */
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function browserMissing(): boolean {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.LITELLM_MCP_BROWSER === "require") throw new Error(`usage view: ${CHROMIUM} is missing, and LITELLM_MCP_BROWSER=require (apt-get install -y --no-install-recommends chromium).`);
  console.warn(`usage view browser test skipped: ${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium).`);
  return true;
}

describe.skipIf(browserMissing())(`the usage view in headless Chromium, hosted by AppBridge (${REVISION})`, () => {
  const fixture = usageFixture();
  const args = { start_date: fixture.recorded.start_date, end_date: fixture.recorded.end_date, group_by: "team" };
  const shots = process.env.LITELLM_MCP_SCREENSHOTS ?? join(tmpdir(), `litellm-mcp-app-screenshots-${REVISION}`);
  const profile = mkdtempSync(join(tmpdir(), "litellm-mcp-chromium-"));
  let standIn: FakeLiteLLM;
  let server: Spawned;
  let host: AppHost;
  let context: BrowserContext;
  let page: Page;
  let first: ToolResult;
  let html: string;
  let theme: "light" | "dark" = "light";
  const requests: { method: string; url: string; fromView: boolean }[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    standIn = await new FakeLiteLLM({ masterKey: CANARY_MASTER_KEY }).start();
    server = await spawnServer({ LITELLM_HOST: standIn.url, LITELLM_MASTER_KEY: CANARY_MASTER_KEY, LITELLM_MCP_TOOLSETS: "usage" }, BUILT_SERVER, {
      capabilities: { extensions: { [UI_EXTENSION]: { mimeTypes: [UI_MIME_TYPE] } } },
    });
    const { tools } = await server.client.listTools();
    const tool = tools.find((t) => t.name === "get_usage_report")!;
    expect(tool._meta).toMatchObject({ ui: { resourceUri: USAGE_VIEW_URI } });
    const read = await server.client.readResource({ uri: USAGE_VIEW_URI });
    html = (read.contents[0] as { text: string }).text;
    first = await server.call("get_usage_report", args);
    expect(first.isError, JSON.stringify(first.content)).toBeFalsy();
    const session = (): HostSession => ({ html, args, result: first, tool: tool as unknown as Record<string, unknown>, theme });
    host = await startAppHost(server.client, session);

    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 900, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    context.on("request", (request) => requests.push({ method: request.method(), url: request.url(), fromView: request.frame() !== page.mainFrame() }));
    page.on("websocket", (socket) => requests.push({ method: "WEBSOCKET", url: socket.url(), fromView: true }));
    await page.goto(host.url);
    await view().waitForSelector("svg.chart g[data-spender]");
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await host?.stop();
    await server?.close();
    await standIn?.stop();
    rmSync(profile, { recursive: true, force: true });
  });

  function view(): Frame {
    const frame = page.frames().find((f) => f !== page.mainFrame());
    if (!frame) throw new Error("the host page has no view frame");
    return frame;
  }

  const report = () => first.structuredContent as unknown as Report;

  it("draws one bar per team with its spend, budget lines where LiteLLM has a budget, and the totals", async () => {
    const teams = report().top;
    expect(teams.length).toBeGreaterThanOrEqual(3);
    const rows = await view().$$eval("section.top svg g[data-spender]", (gs) =>
      gs.map((g) => ({ id: g.getAttribute("data-spender"), spend: Number(g.getAttribute("data-spend")), budget: g.getAttribute("data-budget"), bar: Number(g.querySelector("rect")?.getAttribute("width")), label: g.querySelector("text")?.textContent })),
    );
    expect(rows.map((r) => r.id)).toEqual(teams.map((t) => t.id));
    for (const [i, team] of teams.entries()) expect(rows[i]!.spend).toBeCloseTo(team.spend, 12);
    // Bars in proportion to spend: the first (largest) bar is the longest.
    expect(rows[0]!.bar).toBeGreaterThanOrEqual(Math.max(...rows.map((r) => r.bar)));
    const budgets = (first._meta?.[SPENDERS_META_KEY] ?? {}) as Record<string, { alias: string; max_budget: number | null }>;
    for (const row of rows) {
      const budget = budgets[row.id!]?.max_budget ?? null;
      expect(row.budget === null ? null : Number(row.budget)).toBe(budget);
      if (budgets[row.id!]) expect(row.label).toBe(budgets[row.id!]!.alias);
    }
    expect(Object.values(budgets).filter((b) => b.max_budget !== null).length).toBeGreaterThanOrEqual(2);
    expect(await view().$$eval("section.top line.budget", (lines) => lines.length)).toBe(Object.values(budgets).filter((b) => b.max_budget !== null).length);

    // Spend per day: every day of the range, each stacked to that day's total.
    const days = await view().$$eval("section.daily g[data-day]", (gs) => gs.map((g) => ({ day: g.getAttribute("data-day"), spend: Number(g.getAttribute("data-spend")), stacked: Array.from(g.querySelectorAll("rect")).reduce((sum, r) => sum + Number(r.getAttribute("data-spend")), 0) })));
    expect(days).toHaveLength(7);
    for (const d of days) expect(d.stacked).toBeCloseTo(report().days.find((r) => r.date === d.day)?.spend ?? 0, 12);
    expect(days.reduce((sum, d) => sum + d.spend, 0)).toBeCloseTo(report().total.spend, 12);
    expect(await view().textContent('[data-total="requests"]')).toBe(String(report().total.requests));

    // The table behind the charts: a caption, column and row headers, one row per team.
    const table = await view().$$eval("table.spenders tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-spender")));
    expect(table).toEqual(teams.map((t) => t.id));
    expect(await view().$$eval("table.spenders th[scope=col]", (ths) => ths.map((th) => th.textContent))).toEqual(["Team", "Spend", "Requests", "Tokens", "Budget"]);
    await page.screenshot({ path: join(shots, "usage-light.png"), fullPage: true });
  });

  it("follows the host into dark mode", async () => {
    theme = "dark";
    await page.evaluate(() => window.setHostTheme("dark"));
    await view().waitForFunction(() => document.documentElement.dataset.theme === "dark");
    const background = await view().evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe("rgb(27, 27, 31)");
    await page.screenshot({ path: join(shots, "usage-dark.png"), fullPage: true });
    await page.evaluate(() => window.setHostTheme("light"));
  });

  it("fits a narrow host without scrolling sideways", async () => {
    await page.setViewportSize({ width: 360, height: 900 });
    await view().waitForFunction(() => Number(document.querySelector("section.top svg")?.getAttribute("width")) <= 340);
    const overflow = await view().evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(shots, "usage-narrow.png"), fullPage: true });
    await page.setViewportSize({ width: 900, height: 900 });
  });

  it("switching the breakdown by keyboard is one tool call through the host, and draws the users", async () => {
    expect(host.calls).toEqual([]);
    await view().focus('input[name="group_by"][value="team"]');
    await page.keyboard.press("ArrowDown");
    await view().waitForFunction(() => document.querySelector("h1")?.textContent === "Spend by user" && document.querySelector("section.top svg g[data-spender]") !== null);
    // Time for any second call to show up, were the view to make one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(host.calls).toEqual([{ name: "get_usage_report", arguments: { ...args, group_by: "user" } }]);
    const users = (host.results[0]!.structuredContent as unknown as Report).top.map((u) => u.id);
    expect(await view().$$eval("section.top svg g[data-spender]", (gs) => gs.map((g) => g.getAttribute("data-spender")))).toEqual(users.slice(0, 10));
    expect(await view().evaluate(() => document.activeElement?.getAttribute("value"))).toBe("user");
  });

  it("says so when LiteLLM truncated: complete false, and more spenders than shown", async () => {
    expect(await view().$$eval("p.warning", (ps) => ps.length)).toBe(0);
    const truncated = { ...first, structuredContent: { ...first.structuredContent, complete: false, top_truncated: true } };
    await page.evaluate((result) => window.sendResult(result), truncated as unknown as Record<string, unknown>);
    await view().waitForSelector("p.warning");
    const warnings = await view().$$eval("p.warning", (ps) => ps.map((p) => [p.getAttribute("role"), p.textContent]));
    expect(warnings).toEqual([
      ["alert", expect.stringMatching(/^Incomplete: more keys spent in this range than LiteLLM breaks down/)],
      ["alert", expect.stringMatching(/^Showing the top \d+ spenders/)],
    ]);
  });

  it("the view made no request of its own; the page only the host's", async () => {
    expect(requests.filter((r) => r.fromView)).toEqual([]);
    const own = requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
    expect(new Set(own)).toEqual(new Set(["GET /", "GET /host.js", "GET /session", "POST /call"]));
    expect(own.filter((r) => r === "POST /call")).toHaveLength(1);
  });

  it("no canary key in the view's document or in any message the view was sent", async () => {
    const sent = await page.evaluate(() => window.sentToView);
    const methods = (sent as { method?: string }[]).map((m) => m.method).filter(Boolean);
    expect(methods).toEqual(expect.arrayContaining(["ui/notifications/tool-input", "ui/notifications/tool-result", "ui/notifications/host-context-changed"]));
    capture("usage-view-browser", html, ...sent);
    expect(leaksCanary(html)).toBe(false);
    expect(leaksCanary(JSON.stringify(sent))).toBe(false);
    console.info(`usage view screenshots: ${shots}`);
  });
});
