// `plum init`: write a commented `.plumrc.yaml` with every default.
import type { Command } from 'commander';
import { initConfig } from '../api/init.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerInit(program: Command): void {
  withGlobals(
    program
      .command('init')
      .description('write a commented .plumrc.yaml with every default at the worktree root')
      .option('--force', 'replace an existing .plumrc.yaml')
      .option('--json', 'print JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  plum init                 write ./.plumrc.yaml (refuses if a plum config exists)
  plum init --force         start over from the defaults
  plum init -C ../shop      in another repository`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const env = commandEnv(command);
      const { ui } = env;
      const { force } = command.opts<{ force?: boolean }>();
      const result = await initConfig(await env.context(), { force: force === true });
      if (ui.mode.json) return ui.json(result);
      ui.success(`${result.overwritten ? 'replaced' : 'wrote'} ${result.file}`);
      for (const other of result.others) {
        ui.warn(
          `${other} is a plum config too: plum reads the first of them (plum config --origin)`,
        );
      }
      ui.print(result.file);
    });
}
