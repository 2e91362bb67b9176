// The usage view's HTML, one self-contained document that `npm run build` writes (scripts/build/view.ts).
// The bundled server carries it inline (the build swaps this module for one holding the text); a run from
// source (tests, tsx) reads the file the last build wrote.

import { readFileSync } from "node:fs";

export const USAGE_VIEW_FILE = "dist/usage-view.html";

let html: string | undefined;

/** Where a run from source finds the built view: dist/ of the checkout these sources are in. */
export function builtUsageViewUrl(): URL {
  return new URL(`../../../${USAGE_VIEW_FILE}`, import.meta.url);
}

export function usageViewHtml(): string {
  if (html !== undefined) return html;
  const file = builtUsageViewUrl();
  try {
    html = readFileSync(file, "utf8");
  } catch {
    throw new Error(`The usage view is not built (${USAGE_VIEW_FILE} is missing): run \`npm run build\`.`);
  }
  return html;
}
