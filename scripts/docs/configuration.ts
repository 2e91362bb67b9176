// The README's configuration tables, written from src/config/variables.ts (and from the manifest where a
// meaning names tools): the general settings, then the policy and tool selection, each a table of variable,
// default and meaning. Each sits in the README between `<!-- generated:NAME -->` and
// `<!-- /generated:NAME -->`, written by `npm run docs` (./readme-sections.ts lists them with the others).

import { VARIABLES, type Group, type Variable } from "../../src/config/variables.ts";
import { manifest } from "../../src/manifest/index.ts";

/** The README's generated configuration sections, and the groups each one tables. */
export const CONFIGURATION_SECTIONS: { name: string; source: string; groups: readonly Group[] }[] = [
  { name: "configuration", source: "src/config/variables.ts", groups: ["proxy", "limits", "http"] },
  { name: "configuration-policy", source: "src/config/variables.ts", groups: ["policy", "tools"] },
];

/** Facts a meaning takes from the manifest, which src/config/ sits below: said after the meaning. */
const FROM_MANIFEST: Record<string, () => string> = {
  LITELLM_MCP_READ_ONLY: () =>
    `Of the default tools: ${manifest.filter((tool) => tool.byDefault && tool.annotations.readOnlyHint).map((tool) => `\`${tool.name}\``).join(", ")}.`,
};

/** The default column: the value as the operator would write it, else what leaving it unset means, else a dash. */
function shownDefault(variable: Variable): string {
  if (variable.default !== undefined) return `\`${variable.default}\``;
  return variable.unset ?? "—";
}

/** One Markdown table of the variables in `groups`, in the order src/config/variables.ts lists them. */
export function configurationTable(groups: readonly Group[]): string {
  const rows = (Object.entries(VARIABLES) as [string, Variable][])
    .filter(([, variable]) => groups.includes(variable.group))
    .sort(([, a], [, b]) => groups.indexOf(a.group) - groups.indexOf(b.group))
    .map(([name, variable]) => {
      const meaning = [variable.meaning, FROM_MANIFEST[name]?.()].filter(Boolean).join(" ");
      return `| \`${name}\` | ${shownDefault(variable)} | ${meaning} |`;
    });
  return ["| variable | default | meaning |", "|---|---|---|", ...rows].join("\n");
}
