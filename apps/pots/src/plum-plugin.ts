// The plum plugin pots ships (`plugins: ["@plumpots/pots/plum-plugin"]`): plum opens a session
// after `plum create` (when `pots.autoStart` is on), stops a worktree's processes and kills its
// sessions and windows when `plum remove` removes it, runs `plum remove` (no name, inside a linked
// worktree) in a pane of the main worktree, and shows a `session` column in `plum list`. Importing it loads nothing
// but this file: the tmux and api modules load inside the hooks that need them. The tmux server is
// the one the environment names (`POTS_TMUX_SOCKET_NAME`, else `$TMUX`'s, else the default).
import { definePlugin, isPlumError, type HookContext } from '@plumpots/core';
import type { PotsSettings } from './api/context.js';

export default definePlugin({
  name: '@plumpots/pots/plum-plugin',
  hooks: {
    async 'worktree:afterCreate'({ worktree }, context) {
      const settings = settingsFrom(context);
      if (!settings.autoStart) return;
      const [{ openPots }, { startWorktreeUnit }] = await Promise.all([
        import('./api/context.js'),
        import('./api/worktree-units.js'),
      ]);
      const { unit, created } = await startWorktreeUnit(
        openPots({ cwd: worktree.path, settings }),
        worktree,
      );
      context.log(`pots: ${created ? 'started' : 'already running:'} ${unit.mode} ${unit.name}`);
    },

    async 'worktree:beforeRemove'({ worktree }, context) {
      // First the processes (agents and dev servers survive kill-session and keep writing into
      // the worktree; plum re-checks it after this hook), then the units. A unit holding plum's
      // own pane would take plum down with it (SIGHUP): its client is switched away now and the
      // unit itself is killed after the removal (afterRemove) — or, when plum runs in the pane
      // `plum remove` handed the removal to, by that pane once it has moved the client.
      await withTmux(async () => {
        const { pots } = await load(context);
        const removal = await import('./api/worktree-removal.js');
        const { reaped, killed, spared } = await removal.prepareWorktreeRemoval(
          pots,
          worktree.path,
          {
            graceSeconds: graceSecondsFrom(context),
            // Processes pots did not start (an editor, a language server) only with consent.
            reapAll: context.options.reapAll === true || context.options.force === true,
          },
        );
        for (const p of reaped.stopped) {
          context.log(`pots: stopped ${p.pid} ${p.command} (${p.signal})`);
        }
        for (const p of reaped.survivors) {
          context.log(`pots: could not stop ${p.pid} ${p.command}`);
        }
        for (const unit of killed) context.log(`pots: killed ${unit.mode} ${unit.name}`);
        if (spared)
          context.log(`pots: ${spared.name} (where plum runs) goes once the worktree is removed`);
      });
    },

    async 'worktree:afterRemove'({ worktree }, context) {
      await withTmux(async () => {
        const { pots } = await load(context);
        const [removal, { surviveHangup }] = await Promise.all([
          import('./api/worktree-removal.js'),
          import('@plumpots/core'),
        ]);
        await removal.finishWorktreeRemoval(pots, worktree.path, { beforeSelfKill: surviveHangup });
      });
    },

    async 'worktree:removeSelf'(payload, context) {
      // Inside tmux: a pane at the main worktree runs the removal (api/self-removal.ts).
      const result = await withTmux(async () => {
        const { pots } = await load(context);
        const { handOffRemoval } = await import('./api/self-removal.js');
        return handOffRemoval(pots, payload);
      });
      return result ?? { handled: false, reason: 'not-in-tmux', message: 'tmux is not installed' };
    },

    async 'list:columns'({ worktrees }, context) {
      const empty = { key: 'session', header: 'SESSION', values: nulls(worktrees) };
      return (
        (await withTmux(async () => {
          const { pots, units } = await load(context);
          return units.sessionColumn(pots, worktrees);
        })) ?? empty
      );
    },
  },
});

async function load(context: HookContext) {
  const [{ openPots }, units] = await Promise.all([
    import('./api/context.js'),
    import('./api/worktree-units.js'),
  ]);
  return { pots: openPots({ cwd: context.cwd, settings: settingsFrom(context) }), units };
}

// Without tmux there are no sessions to kill or show: plum goes on as if pots were not there.
async function withTmux<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (isPlumError(error) && error.code === 'ERR_TMUX_MISSING') return undefined;
    throw error;
  }
}

function nulls(worktrees: readonly { path: string }[]): Record<string, null> {
  return Object.fromEntries(worktrees.map((w) => [w.path, null]));
}

// `pots.killGraceSeconds`: SIGTERM → SIGKILL when reaping a worktree's processes.
function graceSecondsFrom(context: HookContext): number {
  const grace = (context.config.pots as { killGraceSeconds?: unknown } | undefined)
    ?.killGraceSeconds;
  return typeof grace === 'number' && grace >= 0 ? grace : 5;
}

// plum's resolved config carries the `pots` section already validated; fill defaults for a plum
// that predates a key.
function settingsFrom(context: HookContext): PotsSettings {
  const pots = (context.config.pots ?? {}) as Partial<PotsSettings>;
  return {
    mode: pots.mode === 'window' ? 'window' : 'session',
    session: typeof pots.session === 'string' && pots.session !== '' ? pots.session : 'plum',
    prefix: typeof pots.prefix === 'string' ? pots.prefix : '',
    defaultTask:
      typeof pots.defaultTask === 'string' && pots.defaultTask !== '' ? pots.defaultTask : 'dev',
    autoStart: pots.autoStart === true,
  };
}
