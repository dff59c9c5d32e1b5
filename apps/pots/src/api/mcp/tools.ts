// The tool table of `pots mcp`, in the order tools/list shows it.
import type { McpScope } from './scope.js';
import type { McpTool } from './tool.js';
import {
  agentOutput,
  agentSend,
  agentSpawn,
  agentState,
  agentStop,
  agentWait,
} from './tools-agents.js';
import { destructiveTools } from './tools-remove.js';
import { unitsList, worktreeCreate, worktreesList } from './tools-worktrees.js';

/**
 * The tools a server with this scope offers: worktree_remove and unit_kill only with allowRemove.
 * @example mcpTools(scope).map((tool) => tool.name) // ['worktrees_list', 'worktree_create', …]
 */
export function mcpTools(scope: Pick<McpScope, 'allowRemove' | 'allowForce'>): McpTool[] {
  const tools = [
    worktreesList,
    worktreeCreate,
    unitsList,
    agentSpawn,
    agentSend,
    agentOutput,
    agentWait,
    agentState,
    agentStop,
  ] as unknown as McpTool[];
  return scope.allowRemove ? [...tools, ...destructiveTools(scope.allowForce)] : tools;
}
