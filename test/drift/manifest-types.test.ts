// Spec drift must surface as type errors at the manifest entry: fixtures that use what the generated
// types lack fail to compile, at the offending line; the well-formed control compiles.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));

function compile(files: string[]): ts.Diagnostic[] {
  const configPath = `${root}tsconfig.json`;
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram(files, config.options);
  return [...ts.getPreEmitDiagnostics(program)];
}

function errorsIn(diagnostics: ts.Diagnostic[], file: string): { line: string; message: string }[] {
  const lines = readFileSync(file, "utf8").split("\n");
  return diagnostics
    .filter((d) => d.file?.fileName === file)
    .map((d) => ({
      line: lines[d.file!.getLineAndCharacterOfPosition(d.start!).line]!.trim(),
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    }));
}

describe("manifest entries are type-checked against the generated LiteLLM types", () => {
  const files = ["unknown-body-field", "unknown-operation", "wrong-field-type", "well-formed"].map(fixture);
  const diagnostics = compile(files);

  it("a body field the spec lacks fails at that field", () => {
    const errors = errorsIn(diagnostics, fixture("unknown-body-field"));
    expect(errors).toContainEqual({ line: "request: (args) => ({ body: { user_identifier: args.user } }),", message: expect.stringContaining("never") });
  });

  it("an operation the spec lacks fails at the operation", () => {
    const errors = errorsIn(diagnostics, fixture("unknown-operation"));
    expect(errors.map((e) => e.line)).toContain('operation: { method: "post", path: "/key/frobnicate" },');
  });

  it("a field of the wrong type fails at that field", () => {
    const errors = errorsIn(diagnostics, fixture("wrong-field-type"));
    expect(errors).toContainEqual({ line: "request: (args) => ({ body: { max_budget: args.budget } }),", message: expect.stringContaining("not assignable to type 'number") });
  });

  it("the well-formed control compiles", () => {
    expect(errorsIn(diagnostics, fixture("well-formed"))).toEqual([]);
  });
});
