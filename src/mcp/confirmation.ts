// Asks the person before a tool destroys something, wherever the MCP client can ask: a 2026-07-28 request
// that declares form elicitation is answered with an input_required result; a 2025-11-25 client that
// declared it at initialize (over stdio) gets an elicitation/create request, which the SDK's legacy shim
// sends for that same result. Nothing destructive is sent until the answer is yes. A client that cannot be
// asked (it declares no form elicitation; or 2025-11-25 over HTTP, where each request meets a fresh server
// with no way to send it a request) is served as before, unless the operator requires confirmation
// (LITELLM_MCP_REQUIRE_CONFIRMATION): then the call is refused with a sentence.

import { inputRequired, inputResponse, type ClientCapabilities, type InputRequiredResult, type ServerContext } from "@modelcontextprotocol/server";
import { clientCapabilities, type ClientDeclaration } from "./client-capabilities.js";
import { askedAbout, sameQuestion, type AskedAbout, type ConfirmationState } from "./confirmation-state.js";
import type { Tool } from "../manifest/define-tool.js";
import { DeclinedError, PolicyError } from "../errors.js";

/** The key of the one question in inputRequests (and of its answer in inputResponses). */
const QUESTION = "confirm";

const ANSWER_SCHEMA = {
  type: "object" as const,
  properties: { confirm: { type: "boolean" as const, title: "Yes, go ahead", description: "Tick to confirm; anything else sends nothing." } },
  required: ["confirm"],
};

export interface ConfirmationOptions extends ClientDeclaration {
  /** LITELLM_MCP_REQUIRE_CONFIRMATION: refuse what would need a yes where nobody can be asked. */
  required: boolean;
  state: ConfirmationState;
}

/** Form elicitation: `elicitation: {}` (the 2025-06-18 spelling) or one that names the form mode. */
function asksByForm(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation as Record<string, unknown> | undefined;
  return elicitation !== undefined && (Object.keys(elicitation).length === 0 || "form" in elicitation);
}

/**
 * The call stops at its question: the tool's steps end here, and the handler answers with `result`. The
 * client's answer comes with the next call of the tool, whose steps run again from the start.
 */
export class QuestionAsked extends Error {
  override readonly name = "QuestionAsked";
  constructor(readonly result: InputRequiredResult) {
    super("The call waits for the person's answer to its question.");
  }
}

/**
 * Before a destructive write (a tool's steps call it through ToolCall.confirm): returns to go ahead (the
 * person said yes, or nobody can be asked and the operator allows that), or throws QuestionAsked with the
 * input_required result that asks `question()`, or a DeclinedError or PolicyError that becomes the call's
 * isError result. The question is read only when it is asked.
 */
export async function confirmFirst(
  tool: Tool,
  args: Record<string, unknown>,
  ctx: ServerContext,
  options: ConfirmationOptions,
  question: () => Promise<string>,
  shown: (text: string) => string,
): Promise<void> {
  if (!asksByForm(clientCapabilities(ctx, options))) {
    if (!options.required) return;
    throw new PolicyError(
      `${tool.name} is refused: this server asks a person to confirm it first (LITELLM_MCP_REQUIRE_CONFIRMATION), and this MCP client cannot be asked${options.era === "legacy" && options.initializedCapabilities() === undefined ? " over this connection (MCP 2025-11-25 over HTTP; 2026-07-28 clients and stdio can be)" : " (it offers no form elicitation)"}. Nothing was sent to LiteLLM. Use a client that supports elicitation, or ask the operator.`,
    );
  }
  const asked = askedAbout(tool.name, args);
  // Only an answer beside state this server minted for these very arguments counts (src/mcp/confirmation-state.ts).
  if (sameQuestion(ctx.mcpReq.requestState<AskedAbout>(), asked)) {
    const answer = inputResponse(ctx.mcpReq.inputResponses, QUESTION);
    if (answer.kind === "elicit") {
      if (answer.action === "accept" && answer.content?.confirm === true) return;
      const how = answer.action === "cancel" ? "The question was dismissed without an answer" : "The person did not confirm";
      throw new DeclinedError(`${how}, so ${tool.name} sent nothing to LiteLLM: nothing was deleted or changed. Call it again to be asked again.`);
    }
  }
  const message = shown(await question());
  throw new QuestionAsked(
    inputRequired({
      inputRequests: { [QUESTION]: inputRequired.elicit({ message, requestedSchema: ANSWER_SCHEMA }) },
      requestState: await options.state.mint(asked, ctx),
    }),
  );
}
