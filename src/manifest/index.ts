// The manifest: every tool the server offers, each mapped onto one LiteLLM operation. The server is
// built from this list alone; adding a tool means adding an entry here (its file in the folder of its
// toolset), its operation (with the fields it sends and reads) to spec/operations.json, then
// `npm run regen`. The order here is the order of tools/list.

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
import { createBudget } from "./budgets/create-budget.js";
import { deleteBudget } from "./budgets/delete-budget.js";
import { getBudget } from "./budgets/get-budget.js";
import { listBudgets } from "./budgets/list-budgets.js";
import { updateBudget } from "./budgets/update-budget.js";
import { resetKeySpend } from "./keys/reset-key-spend.js";
import { addModel } from "./models/add-model.js";
import { deleteModel } from "./models/delete-model.js";
import { updateModel } from "./models/update-model.js";
import { addTeamMember } from "./teams/add-team-member.js";
import { createTeam } from "./teams/create-team.js";
import { deleteTeam } from "./teams/delete-team.js";
import { listTeams } from "./teams/list-teams.js";
import { removeTeamMember } from "./teams/remove-team-member.js";
import { updateTeam } from "./teams/update-team.js";
import { getUsageReport } from "./usage/get-usage-report.js";
import { createUser } from "./users/create-user.js";
import { deleteUser } from "./users/delete-user.js";
import { listUsers } from "./users/list-users.js";
import { updateUser } from "./users/update-user.js";

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
  resetKeySpend,
  listUsers,
  createUser,
  updateUser,
  deleteUser,
  listTeams,
  createTeam,
  updateTeam,
  deleteTeam,
  addTeamMember,
  removeTeamMember,
  addModel,
  updateModel,
  deleteModel,
  listBudgets,
  getBudget,
  createBudget,
  updateBudget,
  deleteBudget,
  getUsageReport,
];
