// `pots cleanup`: kill the sessions (windows in window mode) whose worktree is gone; with
// --stale-logs <days>, trim old agent logs instead.
import type { Command } from 'commander';
import { UsageError, surviveHangup } from '@plumpots/core';
import { plural } from '@plumpots/core/ui';
import { cleanupOrphans, trimStaleLogs, type CleanupEntry } from '../api/cleanup.js';
import { commandEnv, withGlobals } from './shared.js';

interface CleanupFlags {
  project?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  staleLogs?: string;
  minAge?: string;
}

export function registerCleanup(program: Command): void {
  withGlobals(
    program
      .command('cleanup')
      .argument('[project]', 'only the sessions of this project (the same as --project)')
      .description("kill pots's sessions (and windows) whose worktree is gone; trim old agent logs")
      .option('-p, --project <name>', 'only the sessions of this project (@pots-project)')
      .option('-n, --dry-run', 'list what would be killed (or removed), change nothing')
      .option('-y, --yes', "don't ask for confirmation")
      .option(
        '--min-age <seconds>',
        'leave sessions younger than this alone: their worktree may be on its way',
        '10',
      )
      .option(
        '--stale-logs <days>',
        "instead: remove agent logs (pots's data dir, logs/) not written for <days> days",
      )
      .option(
        '--json',
        'print JSON: [{ name, worktree, reason, action, note, … }] (--stale-logs: [{ path, bytes, modified, action }])',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots cleanup --dry-run              the sessions whose worktree was deleted behind plum's back
  pots cleanup shop                   only the project shop's (pots list shop shows them)
  pots cleanup --yes --json           kill them; reason directory-missing or not-a-worktree
  pots cleanup --stale-logs 14        remove agent logs older than two weeks

A session is an orphan when its @pots-worktree is no longer one of its repository's worktrees
(or, with the repository gone too, its directory is missing). Sessions pots did not make are
never touched; sessions made less than --min-age (10) seconds ago are skipped. Killing the session you are in
switches your client away first.
Exit codes: 0 done (also: nothing to do), 2 no terminal to confirm on (pass --yes) or bad days.`,
    )
    .action(async (project: string | undefined, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<CleanupFlags>();
      if (project !== undefined && flags.project !== undefined && project !== flags.project) {
        throw new UsageError(`two projects: "${project}" and --project "${flags.project}"`);
      }
      flags.project ??= project;
      if (flags.staleLogs !== undefined) {
        const days = Number(flags.staleLogs);
        if (flags.staleLogs.trim() === '' || !Number.isFinite(days) || days < 0) {
          throw new UsageError(`--stale-logs wants a number of days, not "${flags.staleLogs}"`);
        }
        const logs = await trimStaleLogs(pots, { days, dryRun: flags.dryRun === true });
        if (ui.mode.json) return ui.json(logs);
        if (logs.length === 0) return ui.info(`no agent logs older than ${plural(days, 'day')}`);
        const verb = flags.dryRun ? 'would remove' : 'removed';
        for (const log of logs) ui.print(`${verb} ${log.path}`);
        const bytes = logs.reduce((sum, log) => sum + log.bytes, 0);
        return ui.info(`${verb} ${plural(logs.length, 'log')} (${formatBytes(bytes)})`);
      }

      const minAge = Number(flags.minAge ?? '10');
      if (!Number.isFinite(minAge) || minAge < 0) {
        throw new UsageError(`--min-age wants a number of seconds, not "${flags.minAge}"`);
      }
      const entries = await cleanupOrphans(pots, {
        ...(flags.project === undefined ? {} : { project: flags.project }),
        minAgeSeconds: minAge,
        dryRun: flags.dryRun === true,
        ...(flags.yes
          ? {}
          : {
              confirm: (orphans) =>
                ui.confirm(
                  `kill ${plural(orphans.length, orphans[0]?.unit.mode === 'window' ? 'window' : 'session')} whose worktree is gone: ${orphans.map((o) => o.unit.name).join(', ')}?`,
                  { default: false },
                ),
            }),
        beforeSelfKill: surviveHangup,
        // Printed as it happens: the last kill may be of the session this terminal is in.
        onKill: (unit, reason) => {
          if (!ui.mode.json) {
            ui.print(
              line({
                name: unit.name,
                worktree: unit.path,
                reason,
                action: 'killed',
                note: null,
                mode: unit.mode,
              }),
            );
          }
        },
      });
      if (ui.mode.json) return ui.json(entries);
      if (entries.length === 0) return ui.info('no orphan sessions: every worktree is still there');
      for (const entry of entries.filter((e) => e.action !== 'killed')) ui.print(line(entry));
    });
}

function line(
  entry: Pick<CleanupEntry, 'name' | 'worktree' | 'reason' | 'action' | 'note' | 'mode'>,
): string {
  const why = entry.reason === 'directory-missing' ? 'directory missing' : 'no longer a worktree';
  const verb = { killed: 'killed', 'would-kill': 'would kill', skipped: 'skipped' }[entry.action];
  const note = entry.note ? `; ${entry.note}` : '';
  return `${verb} ${entry.mode} ${entry.name} (${entry.worktree}: ${why}${note})`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
