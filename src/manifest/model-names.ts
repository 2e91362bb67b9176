// The models a key, user or team may call. LiteLLM reads an empty or missing list as "every model", so
// the tools accept only a non-empty list of names; leaving the field out is how a caller asks for all.

import { z } from "zod";

export const modelNames = z.array(z.string().min(1)).min(1);
