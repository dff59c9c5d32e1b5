// The destructive tools of `pots mcp`, listed only with `--allow-remove`: remove a worktree by
// plum's rules (refused, changing nothing, when work would be lost) and kill a unit. `force` exists
// in their schemas only when the user started the server with `--allow-force`.
import { RefusedError } from '@plumpots/core';
import { z } from '@plumpots/core/schema';
import { removeWorktrees } from '@plumpots/plum';
import { removeResultSchema } from '@plumpots/plum/schemas';
import { listPaneStates } from '../../tmux/pane-state.js';
import { executeKill, planKillOf } from '../kill.js';
import { killGraceSecondsOf, reapUnitProcesses } from '../reap.js';
import { unitSchema } from '../schemas.js';
import { scopedUnit, scopedWorktree } from './scope.js';
import { defineTool, type McpTool } from './tool.js';

const force = z
  .boolean()
  .optional()
  .describe('lose that work anyway (this server was started with --allow-force)');

/** worktree_remove and unit_kill, with `force` in their input only when `allowForce`. */
export function destructiveTools(allowForce: boolean): McpTool[] {
  return [worktreeRemove(allowForce), unitKill(allowForce)];
}

function worktreeRemove(allowForce: boolean) {
  const input = z.object({
    worktree: z.string().min(1).describe("the worktree's name, branch or path"),
    deleteBranch: z
      .boolean()
      .optional()
      .describe('also delete its branch, when merged into the base or pushed to its upstream'),
    dryRun: z.boolean().optional().describe('change nothing; report what would happen'),
  });
  return defineTool({
    name: 'worktree_remove',
    title: 'Remove a worktree',
    description: `Removes a worktree of this repository exactly as \`plum remove\` does: refused, changing nothing (exit 4), when it holds work that would be lost — modified, untracked or ignored files that are not disposable, commits on no branch, an operation in progress, a lock — or with deleteBranch, an unmerged unpushed branch. The error lists what is at risk. ${allowForce ? '`force` removes it anyway (the user allowed it with --allow-force).' : 'There is no force through this server (the user did not start it with --allow-force).'} The main worktree is never removed.`,
    input: allowForce ? input.extend({ force }) : input,
    output: z.object({ results: z.array(removeResultSchema) }),
    annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
    async run(scope, args) {
      const worktree = await scopedWorktree(scope, args.worktree);
      const forced = allowForce && (args as { force?: boolean }).force === true;
      const results = await removeWorktrees(scope.plum, [worktree.path], {
        force: forced,
        deleteBranch: args.deleteBranch === true,
        dryRun: args.dryRun === true,
        // No confirm and no confirmTrust: nothing is asked, an unapproved repository is refused.
        yes: true,
      });
      return { results };
    },
  });
}

function unitKill(allowForce: boolean) {
  const input = z.object({
    name: z.string().min(1).describe('the unit’s exact name (units_list)'),
    reap: z
      .boolean()
      .optional()
      .describe('first stop every process of its panes (SIGTERM, grace, SIGKILL)'),
  });
  return defineTool({
    name: 'unit_kill',
    title: 'Kill a unit',
    description: `Kills one of this repository's tmux sessions (a window, in window mode) by its exact name, as \`pots kill\` does. Refused (exit 4) while a command agent_spawn started still runs in it — stop it first (agent_stop) — ${allowForce ? 'unless `force` (allowed with --allow-force)' : 'there is no force through this server (it was not started with --allow-force)'}; sessions pots did not make are never killed.`,
    input: allowForce ? input.extend({ force }) : input,
    output: z.object({
      killed: z.array(unitSchema),
      stopped: z.array(
        z.object({ pid: z.number().int(), command: z.string(), signal: z.string() }),
      ),
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
    async run(scope, args) {
      const unit = await scopedUnit(scope, args.name);
      const forced = allowForce && (args as { force?: boolean }).force === true;
      const running = (await listPaneStates(scope.pots.tmux)).filter(
        (pane) =>
          pane.spawned &&
          !pane.dead &&
          (unit.mode === 'session' ? pane.sessionId : pane.windowId) === unit.id,
      );
      if (running.length > 0 && !forced) {
        throw new RefusedError(
          'ERR_POTS_UNIT_BUSY',
          `refusing to kill ${unit.name}: ${running.length === 1 ? 'a command' : `${running.length} commands`} started by pots spawn still ${running.length === 1 ? 'runs' : 'run'} in it; nothing was killed`,
          {
            details: running.map((pane) => `${pane.id} ${pane.agentName ?? pane.currentCommand}`),
            hint: 'stop them first (agent_stop)',
          },
        );
      }
      const plan = await planKillOf(scope.pots, unit.mode, [unit]);
      const reaped = args.reap
        ? await reapUnitProcesses(scope.pots, [unit], {
            graceSeconds: await killGraceSecondsOf(scope.pots),
          })
        : { stopped: [] };
      const killed = await executeKill(scope.pots, plan);
      return { killed, stopped: reaped.stopped };
    },
  });
}
