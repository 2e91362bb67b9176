// Bundled in place of @modelcontextprotocol/server/_shims (scripts/build.ts). The SDK's Node shim loads its
// Ajv-based JSON Schema validator when the SDK loads, some 30 ms of every start, though the server passes a
// validator of its own and never builds the SDK's. This is the same class, loading Ajv on first use instead.

import process from "node:process";
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from "@modelcontextprotocol/server";

export { process };

export class DefaultJsonSchemaValidator implements jsonSchemaValidator {
  private loaded: jsonSchemaValidator | undefined;

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    // A require inside the call: esbuild then evaluates the Ajv bundle when this line first runs.
    const { AjvJsonSchemaValidator } = require("@modelcontextprotocol/server/validators/ajv") as typeof import("@modelcontextprotocol/server/validators/ajv");
    this.loaded ??= new AjvJsonSchemaValidator();
    return this.loaded.getValidator<T>(schema);
  }
}
