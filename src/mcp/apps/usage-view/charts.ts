// The two charts, as plain SVG sized to the width the view has: spend per day, stacked by the top spenders,
// and the top spenders over the range with their budget lines. Every mark carries its figures (data-*)
// and a <title> tooltip; the tables beside them hold the same figures for screen readers and keyboards.

import { svg } from "./dom.js";
import { day, usd } from "./format.js";
import type { Report, SpenderInfo } from "./report.js";

/** How many spenders get a colour of their own; the rest are "Others". */
export const COLOURED = 6;

export interface Named {
  id: string;
  name: string;
  /** s0..s5 for the first COLOURED spenders overall, "other" for the rest. */
  tone: string;
}

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
function ceiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function dailyChart(dates: readonly string[], report: Report, named: ReadonlyMap<string, Named>, width: number): SVGSVGElement {
  const height = 180;
  const left = 56;
  const bottom = 22;
  const top = 8;
  const plot = { w: width - left - 8, h: height - top - bottom };
  const byDate = new Map(report.days.map((d) => [d.date, d]));
  const max = ceiling(Math.max(0, ...report.days.map((d) => d.spend)));
  const y = (value: number) => (value / max) * plot.h;
  const step = plot.w / Math.max(1, dates.length);
  const barWidth = Math.max(1, step * 0.7);
  const labelEvery = Math.max(1, Math.ceil(dates.length / Math.max(1, Math.floor(plot.w / 48))));

  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "daily-title", class: "chart" });
  for (const fraction of [0, 0.5, 1]) {
    const at = top + plot.h - y(max * fraction);
    chart.append(svg("line", { x1: left, x2: width - 8, y1: round(at), y2: round(at), class: "grid" }));
    chart.append(svg("text", { x: left - 6, y: round(at + 4), "text-anchor": "end", class: "axis" }, usd(max * fraction)));
  }
  dates.forEach((date, i) => {
    const entry = byDate.get(date);
    const x = round(left + i * step + (step - barWidth) / 2);
    const group = svg("g", { "data-day": date, "data-spend": entry?.spend ?? 0 });
    let base = top + plot.h;
    const stack = (id: string, tone: string, spend: number, name: string) => {
      if (!(spend > 0)) return;
      const h = y(spend);
      base -= h;
      group.append(svg("rect", { x, y: round(base), width: round(barWidth), height: round(Math.max(h, 0.5)), class: `bar ${tone}`, "data-spender": id, "data-spend": spend }, svg("title", {}, `${day(date)}: ${name} ${usd(spend)}`)));
    };
    let coloured = 0;
    for (const s of entry?.top ?? []) {
      const who = named.get(s.id);
      if (!who || who.tone === "other") continue;
      coloured += s.spend;
      stack(s.id, who.tone, s.spend, who.name);
    }
    // What the day's top list leaves out, or names no colour for, is its spend less the coloured part.
    if (entry) stack("", "other", Math.max(0, entry.spend - coloured), "others");
    chart.append(group);
    if (i % labelEvery === 0) chart.append(svg("text", { x: round(left + i * step + step / 2), y: height - 6, "text-anchor": "middle", class: "axis" }, day(date)));
  });
  return chart;
}

export function spendersChart(report: Report, named: ReadonlyMap<string, Named>, info: Readonly<Record<string, SpenderInfo>>, width: number, rows = 10): SVGSVGElement {
  const shown = report.top.slice(0, rows);
  const rowHeight = 40;
  const height = Math.max(1, shown.length) * rowHeight + 4;
  const budgetOf = (id: string) => info[id]?.max_budget ?? null;
  const max = Math.max(0, ...shown.map((s) => Math.max(s.spend, budgetOf(s.id) ?? 0))) || 1;
  const x = (value: number) => (value / max) * (width - 2);

  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "top-title", class: "chart" });
  shown.forEach((s, i) => {
    const who = named.get(s.id);
    const name = who?.name ?? s.id;
    const budget = budgetOf(s.id);
    const at = i * rowHeight;
    const row = svg("g", { "data-spender": s.id, "data-spend": s.spend, ...(budget !== null ? { "data-budget": budget } : {}) });
    const figure = budget !== null ? `${usd(s.spend)} of ${usd(budget)} budget` : usd(s.spend);
    // Long names are cut to what fits beside the figure; the table has them whole.
    const room = Math.max(8, Math.floor((width - figure.length * 7) / 7.5));
    row.append(svg("text", { x: 0, y: at + 13, class: "label" }, name.length > room ? `${name.slice(0, room - 1)}…` : name));
    row.append(svg("text", { x: width, y: at + 13, "text-anchor": "end", class: "figure" }, figure));
    row.append(svg("rect", { x: 0, y: at + 18, width: round(Math.max(x(s.spend), 1)), height: 14, rx: 2, class: `bar ${who?.tone ?? "other"}` }, svg("title", {}, `${name}: ${figure}`)));
    if (budget !== null) {
      const bx = round(Math.min(x(budget), width - 1));
      row.append(svg("line", { x1: bx, x2: bx, y1: at + 15, y2: at + 35, class: "budget" }, svg("title", {}, `${name}: budget ${usd(budget)}${info[s.id]?.budget_duration ? ` per ${info[s.id]!.budget_duration}` : ""}`)));
    }
    chart.append(row);
  });
  return chart;
}
