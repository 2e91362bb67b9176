// Builds the usage view (src/mcp/apps/usage-view/) into one self-contained HTML document: its script bundled
// and minified by esbuild, its stylesheet minified, both inline, under a Content-Security-Policy that allows
// exactly those two by hash and nothing else (no origin, no fetch, no frame, no form target). Written to
// dist/usage-view.html; the server bundle carries the same text (scripts/build.ts).

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { build, transform } from "esbuild";
import { USAGE_VIEW_FILE } from "../../src/mcp/apps/usage-view-html.ts";
import { VERSION } from "../../src/version.ts";

const SOURCE = "src/mcp/apps/usage-view";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The policy: the inline script and style by hash; everything a document could otherwise reach, nothing. */
export function viewPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "img-src 'none'",
    "connect-src 'none'",
    "font-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

export async function buildUsageView(outfile: string = USAGE_VIEW_FILE): Promise<string> {
  const bundled = await build({
    entryPoints: [`${SOURCE}/main.ts`],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    platform: "browser",
    write: false,
    legalComments: "none",
    logLevel: "warning",
    define: { VIEW_VERSION: JSON.stringify(VERSION) },
  });
  if (bundled.errors.length > 0 || bundled.warnings.length > 0) throw new Error("build: the usage view did not bundle cleanly");
  // "</script" inside the code would end the element early; in a string it means the same escaped.
  const script = bundled.outputFiles[0]!.text.trim().replaceAll("</script", "<\\/script");
  const style = (await transform(readFileSync(`${SOURCE}/view.css`, "utf8"), { loader: "css", minify: true })).code.trim();
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${viewPolicy(script, style)}">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>LiteLLM usage</title>` +
    `<style>${style}</style></head><body><main><p id="status" class="status" role="status"></p><div id="app"></div></main>` +
    `<script>${script}</script></body></html>`;
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, html);
  return html;
}
