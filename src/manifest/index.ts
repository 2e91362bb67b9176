// The manifest: every tool the server offers, each mapped onto one LiteLLM operation. The server is
// built from this list alone; adding a tool means adding an entry here, its operation (with the fields
// it sends and reads) to spec/operations.json, then `npm run regen`.

import type { Tool } from "../define-tool.js";
import { blockKey } from "./block-key.js";
import { checkHealth } from "./check-health.js";
import { checkModelHealth } from "./check-model-health.js";
import { deleteKey } from "./delete-key.js";
import { generateKey } from "./generate-key.js";
import { getKeyInfo } from "./get-key-info.js";
import { getModelInfo } from "./get-model-info.js";
import { getSpendLogs } from "./get-spend-logs.js";
import { getTeamInfo } from "./get-team-info.js";
import { getUserInfo } from "./get-user-info.js";
import { listKeys } from "./list-keys.js";
import { listModels } from "./list-models.js";
import { proxyCompletion } from "./proxy-completion.js";
import { regenerateKey } from "./regenerate-key.js";
import { unblockKey } from "./unblock-key.js";
import { updateKey } from "./update-key.js";

export const manifest: readonly Tool[] = [
  generateKey,
  getKeyInfo,
  listModels,
  proxyCompletion,
  blockKey,
  unblockKey,
  updateKey,
  deleteKey,
  regenerateKey,
  listKeys,
  getUserInfo,
  getTeamInfo,
  getSpendLogs,
  getModelInfo,
  checkHealth,
  checkModelHealth,
];
