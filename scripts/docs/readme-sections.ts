// The README's generated sections: each sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`
// and is rewritten whole by `npm run docs` from its source of truth; test/unit/readme-docs.test.ts fails
// when the README holds anything else there. A new generated section is one more entry here.

import { CONFIGURATION_SECTIONS, configurationTable } from "./configuration.ts";
import { renderTools, renderToolsets } from "./tool-reference.ts";

export interface GeneratedSection {
  name: string;
  /** Where its facts come from, for the README's marker comment and the check's message. */
  source: string;
  render: () => Promise<string>;
}

export const SECTIONS: GeneratedSection[] = [
  { name: "toolsets", source: "src/policy/toolsets.ts and tools/list", render: renderToolsets },
  { name: "tools", source: "src/manifest/ and tools/list", render: renderTools },
  ...CONFIGURATION_SECTIONS.map(({ name, source, groups }) => ({ name, source, render: async () => configurationTable(groups) })),
];

const markers = (name: string) => [`<!-- generated:${name} -->`, `<!-- /generated:${name} -->`] as const;

/** The README with every generated section rendered again; throws when a section's markers are missing. */
export async function renderReadme(readme: string): Promise<string> {
  let text = readme;
  for (const section of SECTIONS) {
    const [open, close] = markers(section.name);
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md has no "${open}" … "${close}" pair for the ${section.name} section.`);
    const body = `${open}\n<!-- written by \`npm run docs\` from ${section.source}; edit those, not this -->\n\n${await section.render()}\n\n`;
    text = text.slice(0, start) + body + text.slice(end);
  }
  return text;
}

/** The names of the sections whose text differs from what `npm run docs` would write. */
export async function staleSections(readme: string): Promise<string[]> {
  const fresh = await renderReadme(readme);
  const between = (text: string, name: string) => {
    const [open, close] = markers(name);
    return text.slice(text.indexOf(open), text.indexOf(close));
  };
  return SECTIONS.map((s) => s.name).filter((name) => between(readme, name) !== between(fresh, name));
}
