// The README's configuration tables are written from src/config/variables.ts (scripts/docs/configuration.ts):
// a variable added, renamed, given another default or meaning there must show in the README as it is.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_SECTIONS, configurationTable } from "../../scripts/docs/configuration.ts";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** What the README holds between a generated section's markers, without the markers' comment lines. */
function sectionText(name: string): string | undefined {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = README.indexOf(open);
  const end = README.indexOf(close);
  if (start < 0 || end < start) return undefined;
  return README.slice(start + open.length, end).split("\n").filter((line) => !line.startsWith("<!--")).join("\n").trim();
}

describe("README's configuration tables", () => {
  it.each(CONFIGURATION_SECTIONS)("$name: the variables of $groups, as src/config/variables.ts has them", ({ name, groups }) => {
    expect(sectionText(name), `README.md's ${name} section; write this there`).toBe(configurationTable(groups));
  });
});
