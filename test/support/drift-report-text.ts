// Reads back the drift report regen prints (scripts/regen/drift-format.ts), for tests that assert on the
// text a user sees: which section lists a tool, the tokens of one part, the breaking sentences.

export type Section = "affects" | "other";

const HEADINGS: Record<Section, string> = {
  affects: "  Affects the tools ",
  other: "  Does not affect the tools ",
};

/** The lines of one section, from its heading to the next line indented two spaces or less. */
function sectionLines(report: string, section: Section): string[] {
  const lines = report.split("\n");
  const start = lines.findIndex((line) => line.startsWith(HEADINGS[section]));
  if (start === -1) return [];
  const end = lines.findIndex((line, i) => i > start && !line.startsWith("    "));
  return lines.slice(start + 1, end === -1 ? lines.length : end);
}

/** Splits on spaces outside parentheses, so "~x(+a, +b)" stays one token. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth -= 1;
    if (char === " " && depth === 0) {
      if (current) out.push(current);
      current = "";
    } else current += char;
  }
  if (current) out.push(current);
  return out;
}

/**
 * The tokens a section shows for one tool and one part of its request or answer ("body", "response"),
 * wrapped lines joined; [] when the section has no such line. A status such as "gone from the document!"
 * comes back as the tokens of part "status".
 */
export function partTokens(report: string, tool: string, part: string, section: Section): string[] {
  const lines = sectionLines(report, section);
  const head = lines.findIndex((line) => line.startsWith(`    ${tool} (`));
  if (head === -1) return [];
  if (part === "status") return tokens(lines[head]!.split("): ")[1] ?? "");
  const entry = lines.slice(head + 1);
  const next = entry.findIndex((line) => /^ {4}\S/.test(line));
  const own = entry.slice(0, next === -1 ? entry.length : next);
  const start = own.findIndex((line) => line.startsWith(`      ${part}: `));
  if (start === -1) return [];
  const rest = own.slice(start + 1);
  const more = rest.findIndex((line) => /^ {6}\S/.test(line));
  const text = [own[start]!.slice(`      ${part}: `.length), ...rest.slice(0, more === -1 ? rest.length : more).map((line) => line.trim())].join(" ");
  return tokens(text);
}

/** Tools listed on the "Unchanged:" line. */
export function unchangedTools(report: string): string[] {
  const match = /^ {2}Unchanged: ((?:.*\n {4}.*)*.*)$/m.exec(report);
  return match ? match[1]!.replace(/\n {4}/g, " ").split(", ") : [];
}

/** The breaking sentences, each joined back onto one line; [] for "breaking: none". */
export function breakingSentences(report: string): string[] {
  const lines = report.split("\n");
  const start = lines.indexOf("  breaking:");
  if (start === -1) return [];
  const sentences: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("      ")) sentences[sentences.length - 1] += ` ${line.trim()}`;
    else if (line.startsWith("    ")) sentences.push(line.trim());
    else break;
  }
  return sentences;
}
