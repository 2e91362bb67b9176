// The usage view's entry: connect to the host, draw what it hands over, follow its theme and locale.

import { setLocale } from "./format.js";
import { connect, type HostContext } from "./host.js";
import type { Args } from "./report.js";
import { UsageView } from "./view.js";

declare const VIEW_VERSION: string;

const root = document.getElementById("app")!;
const view = new UsageView(root, document.getElementById("status")!);

function applyContext(context: HostContext): void {
  const style = document.documentElement.style;
  if (context.theme === "light" || context.theme === "dark") {
    document.documentElement.dataset.theme = context.theme;
    style.colorScheme = context.theme;
  }
  // The host's own colours and fonts, where it offers them; the view's defaults stand for the rest.
  for (const [name, value] of Object.entries(context.styles?.variables ?? {})) {
    if (name.startsWith("--") && typeof value === "string") style.setProperty(name, value);
  }
  if (context.locale !== undefined) setLocale(context.locale);
  view.render();
}

let width = root.clientWidth;
new ResizeObserver(() => {
  if (root.clientWidth === width) return;
  width = root.clientWidth;
  view.render();
}).observe(root);

connect(
  { name: "litellm-mcp usage view", version: VIEW_VERSION },
  {
    toolInput: (args) => view.input(args as Args),
    toolResult: (result) => view.result(result),
    toolCancelled: (reason) => view.cancelled(reason),
    context: applyContext,
  },
).then(
  (host) => view.connected(host),
  (error: unknown) => {
    root.textContent = `The host did not connect to the view: ${error instanceof Error ? error.message : String(error)}`;
  },
);
