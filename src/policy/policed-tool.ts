// What the policy reads of a tool: its name and toolset, its hints, the key it sends, its schemas and whose
// limits it sets. Every manifest entry (src/manifest/define-tool.ts) is one, so which tools are served and
// what they may do is decided on the facts the server serves, with no import from the manifest back down here.

import type { z } from "zod";
import type { Credential } from "../litellm/credential.js";
import type { Holder } from "./ceilings.js";

/**
 * What choosing the served tools and writing their policy notes read of a tool: its facts and the names of its
 * input and output fields. A PolicedTool is one; so is a tool's static listing (src/mcp/tool-listing.ts), which
 * serves them without building the tool's zod schemas.
 */
export type ToolOutline = Omit<PolicedTool, "input" | "output"> & { input: { shape: object }; output: { shape: object } };

export interface PolicedTool {
  name: string;
  /** One of TOOLSETS' names (src/policy/toolsets.ts); the manifest's entries are typed to them. */
  toolset: string;
  byDefault: boolean;
  credential: Credential;
  annotations: { readOnlyHint: boolean; idempotentHint: boolean };
  input: z.ZodObject;
  output: z.ZodObject;
  limits?: Holder;
  removesLimits?: true;
  /** Names a model LiteLLM calls on the operator's account, booked to no budget: held to the allowed models. */
  callsModel?: true;
}
