// src/config/variables.ts is the one list of the server's variables: --help and the README's configuration
// tables are written from it, so it must name exactly what src/ reads, and each default it states must be
// what the server does with the variable unset.

import { describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../src/config/config.ts";
import { VARIABLES, type Variable } from "../../src/config/variables.ts";
import { HELP } from "../../src/cli/help.ts";
import { manifest } from "../../src/manifest/index.ts";
import { enabledTools } from "../../src/policy/toolsets.ts";
import { variablesReadBySource } from "../support/variables-read.ts";

const variables = Object.entries(VARIABLES) as [string, Variable][];

/** What a configuration does: its settings, with the toolsets it names judged by the tools they serve. */
function behaviour(config: Config) {
  return { ...config, policy: { ...config.policy, toolsets: undefined }, served: enabledTools(manifest, config.policy).map((tool) => tool.name) };
}

describe("the variables table", () => {
  it("names every variable src/ reads, and nothing else", () => {
    expect(variables.map(([name]) => name).sort()).toEqual(variablesReadBySource());
  });

  it.each(variables.filter(([, variable]) => variable.default !== undefined))("%s: set to the default it states, nothing changes", (name, variable) => {
    expect(behaviour(loadConfig({ [name]: String(variable.default) }))).toEqual(behaviour(loadConfig({})));
  });

  it("is what --help prints: each variable on its own line, with its default", () => {
    const lines = HELP.split("\n");
    for (const [name, variable] of variables) {
      const line = lines.find((l) => l.startsWith(`  ${name} `));
      expect(line, name).toContain(variable.help.split("\n")[0]);
      if (variable.default !== undefined) expect(line, name).toContain(`(default: ${variable.default})`);
    }
  });
});
