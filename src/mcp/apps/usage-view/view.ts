// The page: what was asked (breakdown, days), the totals, the warnings LiteLLM's answer calls for, the two
// charts and the tables with the same figures. Switching the breakdown or the days asks the host to call
// get_usage_report again; the view itself reaches nothing and nobody else.

import { COLOURED, dailyChart, spendersChart, type Named } from "./charts.js";
import { dayTable, spenderTable } from "./tables.js";
import { h } from "./dom.js";
import { count, day, usd } from "./format.js";
import type { Host } from "./host.js";
import { daysBetween, GROUPINGS, NOUN, reportOf, type Args, type Grouping, type Report, type SpenderInfo } from "./report.js";

const TOOL = "get_usage_report";

interface Shown {
  report: Report;
  spenders: Record<string, SpenderInfo>;
}

export class UsageView {
  private args: Args = {};
  private shown: Shown | undefined;
  private status = "Waiting for the usage report…";
  private error: string | undefined;
  private host: Host | undefined;
  /** At most one call in flight; a change made meanwhile is sent when it returns (the last one wins). */
  private inFlight = false;
  private queued: Args | undefined;

  /** `status` stays in the page across renders, so screen readers announce what it says. */
  constructor(
    private readonly root: HTMLElement,
    private readonly statusLine: HTMLElement,
  ) {}

  connected(host: Host): void {
    this.host = host;
    this.render();
  }

  input(args: Args): void {
    this.args = args;
    this.status = "Loading the usage report…";
    this.render();
  }

  result(result: Record<string, unknown>): void {
    const read = reportOf(result);
    if ("error" in read) this.error = read.error;
    else {
      this.shown = read;
      this.error = undefined;
    }
    this.status = "";
    this.render();
  }

  cancelled(reason: string): void {
    this.status = `The call was cancelled (${reason}).`;
    this.render();
  }

  /** Asks the host for the report with these arguments: one tools/call through the host. */
  private ask(args: Args): void {
    if (!this.host?.callsTools) return;
    if (this.inFlight) {
      this.queued = args;
      return;
    }
    this.inFlight = true;
    this.args = args;
    this.status = "Loading the usage report…";
    this.render();
    this.host
      .callTool(TOOL, args)
      .then((result) => this.result(result))
      .catch((error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
        this.status = "";
        this.render();
      })
      .finally(() => {
        this.inFlight = false;
        const next = this.queued;
        this.queued = undefined;
        if (next) this.ask(next);
      });
  }

  render(): void {
    const grouping = GROUPINGS.includes(this.args.group_by as Grouping) ? (this.args.group_by as Grouping) : "team";
    const report = this.shown?.report;
    const start = this.args.start_date ?? report?.days[0]?.date;
    const end = this.args.end_date ?? report?.days.at(-1)?.date;
    const width = Math.max(240, Math.floor(this.root.clientWidth || 600));
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.focusKey : undefined;

    this.root.setAttribute("aria-busy", String(this.inFlight));
    if (this.statusLine.textContent !== this.status) this.statusLine.textContent = this.status;
    const parts: (Node | null)[] = [
      h("header", {}, h("h1", {}, `Spend by ${grouping}`), start && end ? h("p", { class: "range" }, `${day(start, true)} – ${day(end, true)} (UTC)${this.filterNote()}`) : null),
      this.controls(grouping, start, end),
      this.error ? h("p", { role: "alert", class: "error" }, this.error) : null,
      report ? this.body(report, grouping, start, end, width) : null,
    ];
    this.root.replaceChildren(...parts.filter((p): p is Node => p !== null));
    if (focused) this.root.querySelector<HTMLElement>(`[data-focus-key="${focused}"]`)?.focus();
  }

  private filterNote(): string {
    const only = [typeof this.args.user_id === "string" ? `user ${this.args.user_id}` : "", typeof this.args.key === "string" ? "one key" : ""].filter(Boolean);
    return only.length > 0 ? ` · only ${only.join(", ")}` : "";
  }

  private controls(grouping: Grouping, start: string | undefined, end: string | undefined): HTMLElement {
    const canAsk = this.host?.callsTools ?? false;
    const radios = GROUPINGS.map((g) => {
      const input = h("input", { type: "radio", name: "group_by", value: g, checked: g === grouping, disabled: !canAsk, "data-focus-key": `group-${g}` });
      input.addEventListener("change", () => this.ask({ ...this.args, group_by: g }));
      return h("label", { class: "choice" }, input, ` ${NOUN[g]}`);
    });
    const from = h("input", { type: "date", name: "start_date", value: start ?? "", required: true, disabled: !canAsk, "data-focus-key": "from" });
    const to = h("input", { type: "date", name: "end_date", value: end ?? "", required: true, disabled: !canAsk, "data-focus-key": "to" });
    const form = h(
      "form",
      { class: "controls", "aria-label": "Which usage to show" },
      h("fieldset", {}, h("legend", {}, "Break down by"), ...radios),
      h("label", { class: "date" }, "From ", from),
      h("label", { class: "date" }, "To ", to),
      h("button", { type: "submit", disabled: !canAsk, "data-focus-key": "show" }, "Show these days"),
      canAsk ? null : h("p", { class: "note" }, "This host does not pass the view's requests on: ask the assistant for another breakdown or other days."),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.ask({ ...this.args, group_by: grouping, start_date: from.value, end_date: to.value });
    });
    return form;
  }

  private body(report: Report, grouping: Grouping, start: string | undefined, end: string | undefined, width: number): HTMLElement {
    const info = this.shown?.spenders ?? {};
    const named = new Map<string, Named>(
      report.top.map((s, i) => [s.id, { id: s.id, name: info[s.id]?.alias ?? s.label ?? s.id, tone: i < COLOURED ? `s${i}` : "other" }]),
    );
    const dates = start && end ? daysBetween(start, end) : report.days.map((d) => d.date);
    const warnings = [
      report.complete === false ? "Incomplete: more keys spent in this range than LiteLLM breaks down, so key and team figures leave out the smallest spenders." : "",
      report.top_truncated ? `Showing the top ${report.top.length} spenders; others spent less.` : "",
    ].filter(Boolean);

    return h(
      "div",
      { class: "report" },
      h(
        "dl",
        { class: "totals" },
        h("div", {}, h("dt", {}, "Spend"), h("dd", { "data-total": "spend" }, usd(report.total.spend))),
        h("div", {}, h("dt", {}, "Requests"), h("dd", { "data-total": "requests" }, count(report.total.requests))),
        h("div", {}, h("dt", {}, "Tokens"), h("dd", { "data-total": "tokens" }, count(report.total.tokens))),
      ),
      ...warnings.map((text) => h("p", { role: "alert", class: "warning" }, text)),
      h(
        "section",
        { class: "daily" },
        h("h2", { id: "daily-title" }, `Spend per day, by ${grouping}`),
        dailyChart(dates, report, named, width),
        h("ul", { class: "legend", "aria-label": "Colours" }, ...[...named.values()].filter((n) => n.tone !== "other").map((n) => h("li", {}, h("span", { class: `swatch ${n.tone}` }), n.name)), h("li", {}, h("span", { class: "swatch other" }), "Others")),
      ),
      h("section", { class: "top" }, h("h2", { id: "top-title" }, `Top spenders, by ${grouping}`), report.top.length > 0 ? spendersChart(report, named, info, width) : h("p", {}, "No spend in these days.")),
      h("section", { class: "tables" }, spenderTable(report, grouping, named, info), dayTable(report)),
    );
  }
}
