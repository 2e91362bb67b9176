// The SDK's answers to the opening requests, as `npm run build` recorded them (src/cli/stdio-opening-record.ts).
// Run from source there are none, and the stdio start leaves the opening to the SDK; the build puts its
// recording in place of this file in the bin (scripts/build/catalog.ts).

import type { RecordedOpenings } from "./stdio-opening.js";

export const RECORDED_OPENING_ANSWERS: RecordedOpenings | undefined = undefined;
