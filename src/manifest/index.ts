// The manifest: every tool the server offers, each mapped onto one LiteLLM operation. The server is
// built from this list alone; adding a tool means adding an entry here (its file in the folder of its
// toolset) and its operation to spec/operations.json, then `npm run regen`, and `npm run operations` to
// record what it sends and reads. The order here is the order of tools/list.

import type { Tool } from "./define-tool.js";
import { createBudget } from "./budgets/create-budget.js";
import { deleteBudget } from "./budgets/delete-budget.js";
import { getBudget } from "./budgets/get-budget.js";
import { listBudgets } from "./budgets/list-budgets.js";
import { updateBudget } from "./budgets/update-budget.js";
import { proxyCompletion } from "./completions/proxy-completion.js";
import { checkHealth } from "./health/check-health.js";
import { checkModelHealth } from "./health/check-model-health.js";
import { blockKey } from "./keys/block-key.js";
import { deleteKey } from "./keys/delete-key.js";
import { generateKey } from "./keys/generate-key.js";
import { getKeyInfo } from "./keys/get-key-info.js";
import { listKeys } from "./keys/list-keys.js";
import { regenerateKey } from "./keys/regenerate-key.js";
import { resetKeySpend } from "./keys/reset-key-spend.js";
import { unblockKey } from "./keys/unblock-key.js";
import { updateKey } from "./keys/update-key.js";
import { addModel } from "./models/add-model.js";
import { deleteModel } from "./models/delete-model.js";
import { getModelInfo } from "./models/get-model-info.js";
import { listModels } from "./models/list-models.js";
import { updateModel } from "./models/update-model.js";
import { addTeamMember } from "./teams/add-team-member.js";
import { createTeam } from "./teams/create-team.js";
import { deleteTeam } from "./teams/delete-team.js";
import { getTeamInfo } from "./teams/get-team-info.js";
import { listTeams } from "./teams/list-teams.js";
import { removeTeamMember } from "./teams/remove-team-member.js";
import { updateTeam } from "./teams/update-team.js";
import { getSpendLogs } from "./usage/get-spend-logs.js";
import { getUsageReport } from "./usage/get-usage-report.js";
import { createUser } from "./users/create-user.js";
import { deleteUser } from "./users/delete-user.js";
import { getUserInfo } from "./users/get-user-info.js";
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
