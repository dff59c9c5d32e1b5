// `plum trust`: show and approve what this repository's config would run; list and revoke approvals.
import type { Command } from 'commander';
import { RefusedError } from '@plumpots/core';
import { approve, listTrusted, revoke, trustStatus } from '../api/trust.js';
import { commandEnv, withGlobals } from './shared.js';

interface TrustFlags {
  list?: boolean;
  revoke?: boolean;
  yes?: boolean;
  json?: boolean;
}

export function registerTrust(program: Command): void {
  withGlobals(
    program
      .command('trust')
      .description("approve what this repository's config runs: hooks, panes, plugins, JS config")
      .option('--list', 'list every approval: repositories, and their template files (pots)')
      .option('--revoke', "forget this repository's approvals (its config and its templates)")
      .option('-y, --yes', 'approve without asking (this is the explicit trust command)')
      .option('--json', 'print JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  plum trust            show what the repository's config runs, and approve it
  plum trust --yes      approve without a prompt (CI, scripts: review first)
  plum trust --revoke   ask again next time (plum trust --list: every approval)

A repository's .pots/templates files are approved with pots templates trust <name>; they are
listed and revoked here with the repository's config.`,
    )
    .action(async (_opts: TrustFlags, command: Command) => {
      const env = commandEnv(command);
      const { ui } = env;
      const flags = command.opts<TrustFlags>();

      if (flags.list) {
        const entries = await listTrusted(process.env);
        if (ui.mode.json) return ui.json(entries);
        if (entries.length === 0) return ui.info('no approved repositories');
        await ui.printTable(entries, [
          { key: 'repo', header: 'REPOSITORY' },
          // The config, or a named set of the repository's commands (a .pots/templates file).
          { key: 'set', header: 'APPROVES', format: (v) => (typeof v === 'string' ? v : 'config') },
          { key: 'file', header: 'FILE' },
          {
            key: 'commands',
            header: 'COMMANDS',
            align: 'right',
            // A code config is approved as a file: what it returns is known only once it runs.
            format: (v, row) =>
              /\.[cm]?[jt]s$/.test(row.file ?? '') ? 'code' : String((v as unknown[]).length),
          },
          { key: 'approvedAt', header: 'APPROVED' },
        ]);
        return;
      }

      const ctx = await env.context();
      if (flags.revoke) {
        const revoked = await revoke(ctx);
        if (ui.mode.json) return ui.json({ repo: ctx.repo.commonDir, revoked });
        if (revoked) {
          ui.success(
            `revoked: ${ctx.repo.projectName}'s config and templates must be approved again`,
          );
        } else ui.info(`${ctx.repo.projectName} had no approval`);
        return;
      }

      const status = await trustStatus(ctx);
      if (!status.needed) {
        if (ui.mode.json) return ui.json(status);
        ui.info(`nothing to trust: ${status.file ?? "this repository's config"} runs no commands`);
        return;
      }
      if (status.trusted) {
        if (ui.mode.json) return ui.json(status);
        ui.success(`already trusted: ${status.file ?? 'repository config'}`);
        for (const line of status.details) ui.print(line);
        return;
      }

      if (!ui.mode.json) {
        ui.print(`${status.file ?? 'the repository config'} would run:`);
        for (const line of status.details) ui.print(`  ${line}`);
      }
      if (!flags.yes) {
        if (!ui.isInteractive()) {
          throw new RefusedError(
            'ERR_PLUM_UNTRUSTED',
            `not approved: ${status.file ?? "the repository's config"} (no terminal to ask)`,
            { details: status.details, hint: 'review them, then run: plum trust --yes' },
          );
        }
        const yes = await ui.confirm(`Trust these commands for ${ctx.repo.projectName}?`, {
          default: false,
        });
        if (!yes) {
          throw new RefusedError('ERR_PLUM_UNTRUSTED', 'not approved; nothing changed', {
            hint: 'run plum trust again when you have reviewed them',
          });
        }
      }
      const after = await approve(ctx, { hash: status.hash });
      if (ui.mode.json) return ui.json(after);
      ui.success(`trusted: ${after.file ?? 'repository config'} (stored in ${after.storeFile})`);
    });
}
