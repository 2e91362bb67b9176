// Every measured figure the README's Benchmarks section gives (times, ratios, sizes, rates, shares) is one
// the committed run in BENCHMARKS.md holds: the README explains the run, it does not keep figures of its own
// that no run can show.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const BENCHMARKS = readFileSync(new URL("../../BENCHMARKS.md", import.meta.url), "utf8");

/** A number with the unit of a measurement after it: "152 ms", "0.88×", "+26.6 MB", "1,118 calls/s", "23.4%". */
const FIGURE = /[+−-]?\d[\d,]*(?:\.\d+)?\s?(?:ms|s|×|MB|kB|GiB|B|%|calls\/s|cores?)(?![\w/])/g;

/** Figures a text gives that BENCHMARKS.md does not. */
const notInBenchmarks = (text: string) => [...text.matchAll(FIGURE)].map((m) => m[0]).filter((figure) => !BENCHMARKS.includes(figure));

describe("README's Benchmarks section", () => {
  const section = README.slice(README.indexOf("\n## Benchmarks"));
  const figures = [...section.matchAll(FIGURE)].map((m) => m[0]);

  it("gives figures", () => {
    expect(figures.length).toBeGreaterThan(30);
  });

  it("gives only figures of the committed run (BENCHMARKS.md)", () => {
    expect(notInBenchmarks(section)).toEqual([]);
  });
});

describe("README's paragraphs elsewhere that cite BENCHMARKS.md", () => {
  const citing = README.slice(0, README.indexOf("\n## Benchmarks")).split(/\n\s*\n/).filter((paragraph) => paragraph.includes("BENCHMARKS.md"));

  it.each(citing.map((paragraph) => [paragraph.slice(0, 60).replace(/\s+/g, " "), paragraph]))("%s…: only its figures", (_, paragraph) => {
    expect(notInBenchmarks(paragraph)).toEqual([]);
  });
});
