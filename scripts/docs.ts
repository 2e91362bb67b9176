// `npm run docs [-- --check]`: rewrites the README's generated sections (scripts/docs/readme-sections.ts)
// from their sources. With --check it writes nothing and exits 1 when a section is out of date.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { renderReadme, staleSections } from "./docs/readme-sections.ts";

const README = fileURLToPath(new URL("../README.md", import.meta.url));
const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });

const readme = readFileSync(README, "utf8");
if (values.check) {
  const stale = await staleSections(readme);
  if (stale.length > 0) {
    console.error(`README.md: the generated section${stale.length > 1 ? "s" : ""} ${stale.join(", ")} ${stale.length > 1 ? "are" : "is"} out of date: run \`npm run docs\`.`);
    process.exit(1);
  }
  console.log("README.md: every generated section is current.");
} else {
  const written = await renderReadme(readme);
  writeFileSync(README, written);
  console.log(written === readme ? "README.md: already current." : "README.md: generated sections rewritten.");
}
