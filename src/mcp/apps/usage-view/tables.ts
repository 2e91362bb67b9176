// The tables behind the charts: the same figures as text, with a caption and column and row headers, for
// screen readers, keyboards and anyone who wants the numbers. A table wider than a narrow view scrolls in
// its own region (focusable, named) instead of the page scrolling sideways.

import type { Named } from "./charts.js";
import { h } from "./dom.js";
import { count, day, usd } from "./format.js";
import { NOUN, type Grouping, type Report, type SpenderInfo } from "./report.js";


function scrolling(label: string, table: HTMLTableElement): HTMLElement {
  return h("div", { class: "scroll", role: "region", tabindex: 0, "aria-label": label }, table);
}

const head = (columns: string[]) => h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { scope: "col" }, c))));

export function spenderTable(report: Report, grouping: Grouping, named: ReadonlyMap<string, Named>, info: Readonly<Record<string, SpenderInfo>>): HTMLElement {
  const rows = report.top.map((s) => {
    const name = named.get(s.id)?.name ?? s.id;
    const budget = info[s.id]?.max_budget ?? null;
    const duration = info[s.id]?.budget_duration;
    return h(
      "tr",
      { "data-spender": s.id },
      // Names break between words; only one too long for any line (a key's hash) breaks anywhere.
      h("th", { scope: "row", class: name.length > 24 ? "long" : undefined }, name),
      h("td", {}, usd(s.spend)),
      h("td", {}, count(s.requests)),
      h("td", {}, count(s.tokens)),
      h("td", {}, budget === null ? "—" : `${usd(budget)}${duration ? ` per ${duration}` : ""}`),
    );
  });
  const caption = `Spend by ${grouping} over the range`;
  return scrolling(caption, h("table", { class: "spenders" }, h("caption", {}, caption), head([NOUN[grouping], "Spend", "Requests", "Tokens", "Budget"]), h("tbody", {}, ...rows)));
}

export function dayTable(report: Report): HTMLElement {
  const rows = report.days.map((d) => h("tr", { "data-day": d.date }, h("th", { scope: "row" }, day(d.date, true)), h("td", {}, usd(d.spend)), h("td", {}, count(d.requests)), h("td", {}, count(d.tokens))));
  return scrolling("Spend per day", h("table", { class: "days" }, h("caption", {}, "Spend per day"), head(["Day", "Spend", "Requests", "Tokens"]), h("tbody", {}, ...rows)));
}
