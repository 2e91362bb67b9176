// Derives spec/operations.json from the manifest: for each tool, the paths it sends (src/manifest's
// request mapping, and src/litellm/streaming.ts for a tool that streams), the generated fields its input is built
// on, and the answer paths its output mapping reads, with what the committed spec allowed at each when it
// was recorded. The manifest and the committed spec must agree (`npm run typecheck` passes) for the
// record to mean anything; regen then judges new documents against it.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { JsonObject } from "../regen/json.ts";
import { compareOperations, formatOperationList, operationLabel, parseOperationLabel, type AroundOperation, type BuiltOn, type Read, type ToolOperation } from "../regen/operations.ts";
import { answerSchema } from "../regen/request-schema.ts";
import { generatedFieldShape } from "../regen/fit.ts";
import { kindsAt, type Segment } from "../regen/schema-path.ts";
import { chainFailure, describeShape, formatChain, parseChain } from "../regen/zod-chain.ts";
import { readsOf } from "./reads.ts";
import { sampleArguments } from "./samples.ts";
import { sendsOf, type Request } from "./sends.ts";
import { aroundSends } from "./around-sends.ts";
import { builtOnFields, program, typedAccess, type FieldUse } from "./typed-access.ts";
import type { Tool } from "../../src/manifest/define-tool.ts";

const MARK_NULLABLE = { markNullable: true };

/** zod's JSON Schema of a tool's input, as the caller must send it (defaults optional). */
function inputSchema(tool: Tool): JsonObject {
  return z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as JsonObject;
}

/** "members.0.user_id" → "members[].user_id": where an output check failed, as a path. */
function outputPath(path: readonly PropertyKey[]): string {
  const segments: Segment[] = path.map((p) => (typeof p === "number" ? { item: true } : { prop: String(p) }));
  return segments.map((s, i) => ("prop" in s ? (i === 0 ? s.prop : `.${s.prop}`) : "[]")).join("") || "(the whole output)";
}

function builtOnFact(spec: JsonObject, op: ToolOperation, path: string, uses: readonly FieldUse[]): BuiltOn {
  const shape = generatedFieldShape(spec, op, path);
  if (!shape) throw new Error(`${op.tool} builds on ${path}, which the committed spec does not have: run \`npm run typecheck\` first.`);
  const chains = [...new Set(uses.map((u) => formatChain(u.chain)))].sort();
  // The model of zod's methods must agree with the compiler on the spec the manifest compiles against.
  for (const chain of chains) {
    const failure = chainFailure(shape, parseChain(chain));
    if (failure) throw new Error(`${op.tool}: \`${path.split(".").pop()} ${chain}\` compiles, but scripts/regen/zod-chain.ts says ${failure.step} fails (${failure.why}): teach it that method.`);
  }
  return { was: describeShape(shape), uses: chains };
}

/**
 * The operations of the document the tool's steps call besides its own, as its entry declares them, each with
 * what the files it reaches send it. Routes no tool serves (UNLISTED_READS) are left out: the document regen
 * keeps has none of them to hold them to.
 */
function aroundOf(tool: Tool, unlisted: readonly string[], sends: Map<string, Set<string>>): AroundOperation[] {
  return tool.aroundCalls
    .map((call) => parseOperationLabel(call)!)
    .filter((op) => !unlisted.includes(op.path))
    .sort(compareOperations)
    .map((op) => ({ ...op, sends: [...(sends.get(operationLabel(op)) ?? [])].sort() }));
}

export interface RecordOptions {
  /** The project whose manifest and spec/openapi.json are read; the repository by default. */
  root: string;
}

/** spec/operations.json as the manifest under `root` implies it. */
export async function recordOperations({ root }: RecordOptions): Promise<string> {
  const spec = JSON.parse(await readFile(join(root, "spec/openapi.json"), "utf8")) as JsonObject;
  const { manifest } = (await import(pathToFileURL(join(root, "src/manifest/index.ts")).href)) as { manifest: readonly Tool[] };
  const { streamingCall } = (await import(pathToFileURL(join(root, "src/litellm/streaming.ts")).href)) as typeof import("../../src/litellm/streaming.ts");
  const { BridgeError } = (await import(pathToFileURL(join(root, "src/errors.ts")).href)) as typeof import("../../src/errors.ts");
  const { UNLISTED_READS } = (await import(pathToFileURL(join(root, "src/litellm/lookup.ts")).href)) as typeof import("../../src/litellm/lookup.ts");
  const compiled = program(root);
  const access = new Map(typedAccess(root, compiled).map((a) => [a.tool, a]));
  const sentAround = aroundSends(compiled, root);

  const entries = manifest.map((tool): ToolOperation => {
    const found = access.get(tool.name);
    if (!found) throw new Error(`${tool.name}: no defineTool({ name: "${tool.name}" }) found under src/manifest/.`);
    const op = { tool: tool.name, file: found.file, method: tool.operation.method, path: tool.operation.path, sends: {}, builtOn: {}, reads: {}, around: aroundOf(tool, UNLISTED_READS, sentAround.of(found.file)) } as ToolOperation;
    const input = inputSchema(tool);

    const streamed = tool.streams
      ? (request: Request) => {
          const ctx = { mcpReq: { _meta: { progressToken: "token" }, notify: async () => undefined } } as unknown as Parameters<typeof streamingCall>[1];
          return streamingCall(request, ctx, { secrets: [], budgetBytes: 1 })!.request as Request;
        }
      : undefined;
    let sent: ReturnType<typeof sendsOf>;
    try {
      sent = sendsOf({ inputSchema: input, buildRequest: (args) => tool.buildRequest(args) as Request, ...(streamed ? { streamed } : {}) });
    } catch (error) {
      throw new Error(`${tool.name}: its request mapping threw on sample arguments made from its input schema (${(error as Error).message}); the recorder cannot tell what it sends.`);
    }

    const fields = builtOnFields(found, op);
    for (const [path, uses] of fields) op.builtOn[path] = builtOnFact(spec, op, path, uses);
    // A value the mapping takes straight from an argument built on a generated field has that field's
    // type, whatever LiteLLM makes of it: it follows the field (a helper with types of its own does not).
    const arguments_ = new Map([...fields].flatMap(([path, uses]) => uses.flatMap((u) => (u.argument ? [[u.argument, path] as const] : []))));
    op.sends = Object.fromEntries(
      Object.entries(sent).map(([path, { inputs, ...fact }]) => {
        const argument = found.direct.get(path);
        const follows = argument !== undefined && inputs.length === 1 && inputs[0] === argument ? arguments_.get(argument) : undefined;
        return [path, { ...fact, ...(follows ? { follows } : {}) }];
      }),
    );

    // An answer its steps made from what they read says nothing of LiteLLM's answer to the write: no path of it is read.
    if (tool.answersFromState) return op;
    const answer = answerSchema(spec, op, MARK_NULLABLE);
    const reads: Record<string, Read> = readsOf({
      name: tool.name,
      answerSchema: answer,
      args: sampleArguments(input) as Record<string, unknown>,
      buildResult: (data, args) => tool.buildResult(data, args),
      checkOutput: (value) => {
        const parsed = tool.output.safeParse(value);
        return parsed.success ? { ok: true } : { ok: false, at: outputPath(parsed.error.issues[0]?.path ?? []) };
      },
      isOwnError: (error) => error instanceof BridgeError,
    });
    for (const path of found.typedReads) {
      const kinds = kindsAt(answer, path);
      reads[path] = { ...(reads[path] ?? { was: kinds.length ? kinds : ["absent"] }), typed: true };
    }
    for (const path of found.calls) if (reads[path]?.typed) reads[path] = { ...reads[path]!, calls: true };
    op.reads = reads;
    return op;
  });
  return formatOperationList(entries);
}

