// `pots kill <name>...`: kill sessions (windows in window mode) by their exact names.
import type { Command } from 'commander';
import { UsageError, setCompletion, surviveHangup } from '@plumpots/core';
import { plural } from '@plumpots/core/ui';
import { executeKill, planKill } from '../api/kill.js';
import { killPane } from '../api/supervision.js';
import { callerPane } from '../api/attach.js';
import { killGraceSecondsOf, reapUnitProcesses } from '../api/reap.js';
import { commandEnv, withGlobals } from './shared.js';

interface KillFlags {
  yes?: boolean;
  reap?: boolean;
}

export function registerKill(program: Command): void {
  const killCommand = withGlobals(
    program
      .command('kill')
      .description(
        'kill sessions by their exact names (windows in window mode), or one pane by its id',
      )
      .argument('<name...>', 'exact names: feat-login never means feat-login-v2; or a pane id, %16')
      .option('-y, --yes', "don't ask for confirmation")
      .option(
        '--reap',
        'first stop every process of their panes and below (SIGTERM, pots.killGraceSeconds, SIGKILL)',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots kill app-feat-login-dev
  pots kill app-a-dev app-b-dev --yes
  pots list --json | jq -r '.[] | select(.orphan) | .name' | xargs pots kill --yes
  pots kill app-feat-dev --reap       also agents and servers that ignore the hang-up
  pots kill %16                       one pane (its window goes with its last pane)

Killing the session you are in first switches your client to another session (the main
worktree's, else the most recent); with no other session left your client detaches.
Exit codes: 0 killed, 2 no terminal to confirm on (pass --yes), 3 a name matches nothing
(nothing is killed).`,
    )
    .action(async (names: string[], _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<KillFlags>();
      const paneIds = names.filter((name) => /^%\d+$/.test(name));
      if (paneIds.length > 0) {
        if (paneIds.length !== names.length) {
          throw new UsageError('give pane ids (%16) or session names, not both');
        }
        for (const id of paneIds) {
          const killed = await killPane(pots, id);
          ui.success(`killed pane ${killed.pane} (${killed.session}:${killed.window})`);
        }
        return;
      }
      const plan = await planKill(pots, names);
      const what = plan.mode === 'session' ? 'session' : 'window';
      const list = plan.targets.map((unit) => unit.name).join(', ');
      const notes: string[] = [];
      if (plan.self) notes.push(`you are in ${plan.self.name}`);
      if (plan.clientLosesSession) {
        notes.push(
          plan.switchTo
            ? `your client will switch to ${plan.switchTo.name} first`
            : 'there is no other session: your tmux client will detach',
        );
      }
      const question = `kill ${plural(plan.targets.length, what)}: ${list}?${notes.length ? ` (${notes.join('; ')})` : ''}`;
      if (!(await ui.confirm(question, { yes: flags.yes ?? false, default: false }))) {
        ui.info(`nothing was killed`);
        return;
      }
      if (plan.clientLosesSession && !plan.switchTo && flags.yes) {
        ui.warn('there is no other session to switch to: your tmux client will detach');
      }
      if (flags.reap) {
        // kill-session only hangs up on the panes: what ignores SIGHUP would outlive it.
        const me = await callerPane(pots);
        const { stopped, survivors } = await reapUnitProcesses(pots, plan.targets, {
          graceSeconds: await killGraceSecondsOf(pots),
          spare: { panes: me ? [me.pane] : [] },
        });
        for (const p of stopped) ui.info(`stopped ${p.pid} ${p.command} (${p.signal})`);
        for (const p of survivors) ui.warn(`could not stop ${p.pid} ${p.command}`);
      }
      await executeKill(pots, plan, {
        beforeSelfKill: surviveHangup,
        onKill: (unit) =>
          ui.success(
            unit === plan.self
              ? `killing ${unit.name} (the ${what} you are in)`
              : `killed ${unit.name}`,
          ),
      });
    });
  setCompletion(killCommand, { args: [{ dynamic: 'sessions' }] });
}
