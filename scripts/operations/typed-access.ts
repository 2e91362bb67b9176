// What the compiler checks of each tool against the generated code, found with the compiler itself: which
// file defines the tool, which answer paths its output mapping names on LiteLLM's typed answer (and calls
// methods on), and which generated request fields (generated/request-schemas.ts) its input is built on.
// A property whose declaration is in generated/ is one a regen can take away, and then `npm run
// typecheck` fails where it is used; one declared by a cast in the manifest is not.

import { join, relative, sep } from "node:path";
import ts from "typescript";
import { operationIdentifier, type OperationRef, type RequestPart } from "../regen/operations.ts";
import type { ChainStep } from "../regen/zod-chain.ts";

export interface ToolAccess {
  tool: string;
  /** Repository-relative, "/"-separated. */
  file: string;
  /** Answer paths named on the typed answer. */
  typedReads: Set<string>;
  /** Of those, paths a method is called on (`.map`): their kind of value matters to the compiler too. */
  calls: Set<string>;
  /** Generated fields used, with the operation identifier they belong to. */
  builtOn: FieldUse[];
  /**
   * Request paths the mapping fills straight from an argument (`model: args.model`), with that argument:
   * such a value has the argument's type, so it follows the generated field the argument is built on.
   */
  direct: Map<string, string>;
}

/** One use of a generated field: which, the calls made on it, and the input argument it builds (if one). */
export interface FieldUse {
  identifier: string;
  part: RequestPart;
  field: string;
  chain: ChainStep[];
  argument?: string;
}

const PARTS: Record<string, RequestPart> = { Path: "path", Query: "query", Body: "body" };
const ITERATING = new Set(["map", "flatMap", "forEach", "filter", "find", "findIndex", "some", "every", "reduce"]);

export function program(root: string): ts.Program {
  const configPath = join(root, "tsconfig.json");
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  return ts.createProgram([join(root, "src/manifest/index.ts")], { ...config.options, noEmit: true });
}

function declaredIn(symbol: ts.Symbol | undefined, file: string): boolean {
  return (symbol?.declarations ?? []).some((d) => d.getSourceFile().fileName.endsWith(file));
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
    else if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) current = current.left;
    else return current;
  }
}

/** The answer path an expression stands for in the mapping, or undefined when it is not one. */
function answerPath(node: ts.Expression, data: ts.Symbol, checker: ts.TypeChecker, generated: string): string | undefined {
  const expression = unwrap(node);
  if (ts.isIdentifier(expression)) {
    const symbol = checker.getSymbolAtLocation(expression);
    if (symbol === data) return "";
    const declaration = symbol?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) {
      return answerPath(declaration.initializer, data, checker, generated);
    }
    // The item parameter of a callback given to an iterating method of an answer array.
    if (declaration && ts.isParameter(declaration) && declaration.parent.parameters[0] === declaration) {
      const callback = declaration.parent;
      const call = callback.parent;
      if (ts.isCallExpression(call) && call.arguments[0] === callback && ts.isPropertyAccessExpression(call.expression) && ITERATING.has(call.expression.name.text)) {
        const array = answerPath(call.expression.expression, data, checker, generated);
        return array === undefined ? undefined : `${array}[]`;
      }
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(expression) && declaredIn(checker.getSymbolAtLocation(expression.name), generated)) {
    const parent = answerPath(expression.expression, data, checker, generated);
    return parent === undefined ? undefined : parent ? `${parent}.${expression.name.text}` : expression.name.text;
  }
  if (ts.isElementAccessExpression(expression) && ts.isNumericLiteral(expression.argumentExpression)) {
    const parent = answerPath(expression.expression, data, checker, generated);
    return parent === undefined ? undefined : `${parent}[]`;
  }
  return undefined;
}

/** The string literals of an `extract([...])` argument's type, e.g. GRANTABLE_ROLES. */
function literalValues(node: ts.Expression, checker: ts.TypeChecker): string[] {
  const type = checker.getTypeAtLocation(node);
  const elements = checker.isTupleType(type) ? checker.getTypeArguments(type as ts.TypeReference) : [checker.getIndexTypeOfType(type, ts.IndexKind.Number)].filter((t): t is ts.Type => !!t);
  return elements.flatMap((t) => (t.isUnion() ? t.types : [t])).flatMap((t) => (t.isStringLiteral() ? [t.value] : []));
}

/** The calls made on a generated field, from the access outwards: `.unwrap().min(1)`, `required(...)`. */
function chainOf(access: ts.PropertyAccessExpression, checker: ts.TypeChecker): { chain: ChainStep[]; end: ts.Expression } {
  const chain: ChainStep[] = [];
  let node: ts.Expression = access;
  for (;;) {
    const parent = node.parent;
    if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === "required" && parent.arguments[0] === node) {
      chain.push({ method: "required" });
      node = parent;
    } else if (ts.isPropertyAccessExpression(parent) && parent.expression === node && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      const method = parent.name.text;
      const argument = parent.parent.arguments[0];
      chain.push(method === "extract" || method === "exclude" ? { method, values: argument ? literalValues(argument, checker) : [] } : { method });
      node = parent.parent;
    } else return { chain, end: node };
  }
}

/** The input argument a chain builds: the property it is given to in the `input:` object of defineTool. */
function argumentOf(end: ts.Expression): string | undefined {
  const assignment = end.parent;
  if (!ts.isPropertyAssignment(assignment) || !ts.isIdentifier(assignment.name) && !ts.isStringLiteral(assignment.name)) return undefined;
  for (let node: ts.Node = assignment.parent; node; node = node.parent) {
    if (ts.isPropertyAssignment(node)) return ts.isIdentifier(node.name) && node.name.text === "input" ? assignment.name.text : undefined;
    if (ts.isSourceFile(node)) return undefined;
  }
  return undefined;
}

/** Whether `node` runs only where `Array.isArray(<path>)` held: in the true branch of such a test or after `&&`. */
function checkedArray(node: ts.Node, path: string, pathOf: (e: ts.Expression) => string | undefined): boolean {
  const tests = (condition: ts.Expression) =>
    ts.isCallExpression(condition) &&
    condition.expression.getText() === "Array.isArray" &&
    condition.arguments[0] !== undefined &&
    pathOf(condition.arguments[0]) === path;
  for (let child: ts.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child && tests(parent.condition)) return true;
    if (ts.isIfStatement(parent) && parent.thenStatement === child && tests(parent.expression)) return true;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === child && tests(parent.left)) return true;
  }
  return false;
}

/** The expression a request mapping returns, for `(args) => ({...})` and `(args) => { return {...}; }`. */
function returned(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  if (!ts.isBlock(fn.body)) return fn.body;
  const last = fn.body.statements.find(ts.isReturnStatement);
  return last?.expression;
}

/** Request paths whose value is an argument as it is (`args.x`, or `args.x ?? constant`), with its name. */
function directPaths(fn: ts.ArrowFunction | ts.FunctionExpression): Map<string, string> {
  const out = new Map<string, string>();
  const parameter = fn.parameters[0];
  const args = parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
  const visit = (node: ts.Expression | undefined, path: string): void => {
    const expression = node && unwrap(node);
    if (!expression || !args) return;
    if (ts.isObjectLiteralExpression(expression)) {
      for (const member of expression.properties) {
        if (!ts.isPropertyAssignment(member) || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) continue;
        const name = member.name.text;
        // The request's top level names its parts: body, and params.path / params.query.
        const child = path === "" ? (name === "params" ? "params" : name) : path === "params" ? name : `${path}.${name}`;
        visit(member.initializer, child);
      }
    } else if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === args) {
      out.set(path, expression.name.text);
    }
  };
  visit(returned(fn), "");
  return out;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const member of object.properties) {
    if (ts.isPropertyAssignment(member) && ts.isIdentifier(member.name) && member.name.text === name) return member.initializer;
    if (ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name) return undefined;
  }
  return undefined;
}

/** Each tool's file, typed reads and generated fields, for every `defineTool({...})` in the manifest. */
export function typedAccess(root: string, built: ts.Program = program(root)): ToolAccess[] {
  const checker = built.getTypeChecker();
  const generatedTypes = `${sep}generated${sep}litellm-api.ts`.replaceAll(sep, "/");
  const generatedFields = `${sep}generated${sep}request-schemas.ts`.replaceAll(sep, "/");
  const tools: ToolAccess[] = [];
  const manifest = join(root, "src", "manifest");

  for (const source of built.getSourceFiles()) {
    if (!source.fileName.startsWith(manifest.replaceAll(sep, "/")) && !source.fileName.startsWith(manifest)) continue;
    const file = relative(root, source.fileName).split(sep).join("/");
    const builtOnHere: ToolAccess["builtOn"] = [];
    const definitions: ts.ObjectLiteralExpression[] = [];

    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "defineTool" && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
        definitions.push(node.arguments[0]);
      }
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const declaration = symbol?.declarations?.[0];
        if (declaration && declaredIn(symbol, generatedFields)) {
          const holder = declaration.parent?.parent;
          const name = holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
          const match = name ? /^(.+)(Path|Query|Body)Fields$/.exec(name) : null;
          if (match) {
            const { chain, end } = chainOf(node, checker);
            const argument = argumentOf(end);
            builtOnHere.push({ identifier: match[1]!, part: PARTS[match[2]!]!, field: node.name.text, chain, ...(argument ? { argument } : {}) });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);

    for (const definition of definitions) {
      const name = property(definition, "name");
      if (!name || !ts.isStringLiteral(name)) continue;
      const request = property(definition, "request");
      const direct = request && (ts.isArrowFunction(request) || ts.isFunctionExpression(request)) ? directPaths(request) : new Map<string, string>();
      const access: ToolAccess = { tool: name.text, file, typedReads: new Set(), calls: new Set(), builtOn: builtOnHere, direct };
      const result = property(definition, "result");
      const data = result && (ts.isArrowFunction(result) || ts.isFunctionExpression(result)) ? result.parameters[0] : undefined;
      const dataSymbol = data && ts.isIdentifier(data.name) ? checker.getSymbolAtLocation(data.name) : undefined;
      if (result && dataSymbol) {
        const inResult = (node: ts.Node): void => {
          if (ts.isPropertyAccessExpression(node)) {
            const symbol = checker.getSymbolAtLocation(node.name);
            if (declaredIn(symbol, generatedTypes)) {
              const path = answerPath(node, dataSymbol, checker, generatedTypes);
              if (path === undefined) throw new Error(`${file}: cannot tell which answer path \`${node.getText()}\` reads; name it from the mapping's first parameter.`);
              access.typedReads.add(path);
            } else {
              // A method of a value the mapping read by name: `(data.models ?? []).map(...)`; one called
              // only once `Array.isArray` said it is an array compiles whatever the value becomes.
              const receiver = answerPath(node.expression, dataSymbol, checker, generatedTypes);
              if (receiver && !checkedArray(node, receiver, (e) => answerPath(e, dataSymbol, checker, generatedTypes))) access.calls.add(receiver);
            }
          }
          ts.forEachChild(node, inResult);
        };
        inResult(result);
      }
      tools.push(access);
    }
  }
  return tools;
}

/** The generated fields a tool's input is built on, by request path of its own operation ("body.user_role"). */
export function builtOnFields(access: ToolAccess, op: OperationRef): Map<string, FieldUse[]> {
  const own = operationIdentifier(op);
  const foreign = access.builtOn.find((b) => b.identifier !== own);
  if (foreign) throw new Error(`${access.file}: ${access.tool} builds on ${foreign.identifier}'s fields, not on those of its own operation (${own}).`);
  const fields = new Map<string, FieldUse[]>();
  for (const use of access.builtOn) fields.set(`${use.part}.${use.field}`, [...(fields.get(`${use.part}.${use.field}`) ?? []), use]);
  return fields;
}
