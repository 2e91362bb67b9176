// The generated document's operations as types: which paths have a method, what openapi-fetch takes for one
// and what its 2xx answer parses to. The manifest types its entries with them and the reader of LiteLLM's
// state (./lookup.ts) its reads, so both fail `npm run typecheck` where the spec drifts.

import type { FetchResponse, ParamsOption, RequestBodyOption } from "openapi-fetch";
import type { paths } from "../../generated/litellm-api.js";
import type { HttpMethod } from "./client.js";

export type { HttpMethod };

/** Paths of the generated document that have method M. */
export type PathWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M] extends never | undefined ? never : P;
}[keyof paths];

export type Operation<P extends PathWith<M>, M extends HttpMethod> = NonNullable<paths[P][M]>;

/** What the manifest hands openapi-fetch for this operation: its params and body, nothing else. */
export type OperationRequest<P extends PathWith<M>, M extends HttpMethod> = ParamsOption<Operation<P, M>> &
  RequestBodyOption<Operation<P, M>>;

/** The parsed 2xx body as the spec types it (`unknown` where LiteLLM declares `{}`). */
export type OperationResponse<P extends PathWith<M>, M extends HttpMethod> = NonNullable<
  FetchResponse<Operation<P, M>, object, "application/json">["data"]
>;

