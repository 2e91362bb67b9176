// What each tool sends when it calls LiteLLM around its own operation (src/manifest/tool-call.ts), found with the
// compiler: every call of the one reader (a Lookup's get, find or post) or of an Undo with the operation's
// path written out and its request written as an object, in the files a tool's entry reaches through its
// imports. Each gives request paths of that operation ("query.key_alias", "body.keys"); a tool is held to
// those of the operations its entry declares, so the drift report names it when LiteLLM stops taking one.

import { readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import ts from "typescript";
import { operationLabel, type HttpMethod } from "../regen/operations.ts";

/** The shape every entry imports: following it would hand every tool every other tool's calls. */
const SHARED_BY_ALL = new Set(["src/manifest/define-tool.ts", "src/manifest/tool-call.ts"]);
const READER_METHODS: Record<string, HttpMethod> = { get: "get", find: "get", post: "post" };

/** Request paths of one object literal given as a request: params.query.x → "query.x", body.y → "body.y". */
function requestPaths(request: ts.Expression | undefined): string[] {
  const object = request && ts.isObjectLiteralExpression(request) ? request : undefined;
  if (!object) return [];
  const paths: string[] = [];
  const named = (member: ts.ObjectLiteralElementLike): { name: string; value: ts.Expression } | undefined => {
    if (ts.isShorthandPropertyAssignment(member)) return { name: member.name.text, value: member.name };
    return ts.isPropertyAssignment(member) && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? { name: member.name.text, value: member.initializer } : undefined;
  };
  for (const member of object.properties.map(named)) {
    if (!member) continue;
    if (member.name === "body") {
      if (ts.isObjectLiteralExpression(member.value)) for (const field of member.value.properties.map(named)) field && paths.push(`body.${field.name}`);
      else paths.push("body");
    }
    if (member.name === "params" && ts.isObjectLiteralExpression(member.value)) {
      for (const part of member.value.properties.map(named)) {
        if (!part || !ts.isObjectLiteralExpression(part.value)) continue;
        for (const field of part.value.properties.map(named)) field && paths.push(`${part.name}.${field.name}`);
      }
    }
  }
  return paths;
}

/** The operation and request of a call of the reader or an undo; undefined for any other call. */
function aroundCall(call: ts.CallExpression, checker: ts.TypeChecker): { label: string; paths: string[] } | undefined {
  const [path, request] = call.arguments;
  if (!path || !ts.isStringLiteral(path)) return undefined;
  let method: HttpMethod | undefined;
  if (ts.isPropertyAccessExpression(call.expression) && READER_METHODS[call.expression.name.text]) {
    const receiver = checker.getTypeAtLocation(call.expression.expression);
    if ((receiver.aliasSymbol ?? receiver.getSymbol())?.getName() === "Lookup") method = READER_METHODS[call.expression.name.text];
  } else if (checker.getTypeAtLocation(call.expression).aliasSymbol?.getName() === "Undo") {
    method = "post";
  }
  return method ? { label: operationLabel({ method, path: path.text }), paths: requestPaths(request) } : undefined;
}

export interface AroundSends {
  /** The request paths each operation is sent with around a tool's own call, for a tool's file. */
  of(file: string): Map<string, Set<string>>;
}

/** Every call around a tool's own in src/, by file, and the files each file reaches through its imports. */
export function aroundSends(program: ts.Program, root: string): AroundSends {
  const checker = program.getTypeChecker();
  const src = join(root, "src") + sep;
  const byFile = new Map<string, Map<string, Set<string>>>();
  for (const source of program.getSourceFiles()) {
    const file = relative(root, source.fileName).split(sep).join("/");
    if (!source.fileName.replaceAll("/", sep).startsWith(src)) continue;
    const calls = new Map<string, Set<string>>();
    const visit = (node: ts.Node): void => {
      const found = ts.isCallExpression(node) ? aroundCall(node, checker) : undefined;
      if (found) calls.set(found.label, new Set([...(calls.get(found.label) ?? []), ...found.paths]));
      ts.forEachChild(node, visit);
    };
    visit(source);
    byFile.set(file, calls);
  }

  const reached = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const match of readFileSync(join(root, file), "utf8").matchAll(/from "(\.[^"]+)\.js"/g)) {
      const target = relative(root, join(root, dirname(file), `${match[1]}.ts`)).split(sep).join("/");
      if (target.startsWith("src/") && !SHARED_BY_ALL.has(target)) reached(target, seen);
    }
    return seen;
  };

  return {
    of(file) {
      const sends = new Map<string, Set<string>>();
      for (const each of reached(file)) for (const [label, paths] of byFile.get(each) ?? []) sends.set(label, new Set([...(sends.get(label) ?? []), ...paths]));
      return sends;
    },
  };
}
