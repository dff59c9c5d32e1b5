// `plum config`: the resolved config, or with --origin where each value came from.
import type { Command } from 'commander';
import { describeOrigin, renderConfigYaml, showConfig } from '../api/config.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerConfig(program: Command): void {
  withGlobals(
    program
      .command('config')
      .description('show the resolved config, and with --origin where each value came from')
      .option('--origin', 'every key with its value and origin (default, user, repo, env, flag)')
      .option('--json', 'print JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  plum config                     the config in effect, as YAML
  plum config --origin            which file or variable set each key
  plum config --json | jq .pots   for scripts`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const env = commandEnv(command);
      const { ui } = env;
      const { origin } = command.opts<{ origin?: boolean }>();
      const report = await showConfig(await env.context());

      for (const note of report.notes) ui.info(note);
      if (report.codeFile && !report.codeFileLoaded) {
        ui.warn(
          `${report.codeFile} is code and not trusted yet: its values are not shown (plum trust)`,
        );
      }

      if (origin) {
        if (ui.mode.json) return ui.json(report.origins);
        await ui.printTable(
          report.origins.map((o) => ({
            key: o.key,
            value: JSON.stringify(o.value),
            origin: describeOrigin(o),
          })),
          [
            { key: 'key', header: 'KEY' },
            { key: 'value', header: 'VALUE' },
            { key: 'origin', header: 'ORIGIN' },
          ],
        );
        return;
      }
      if (ui.mode.json) return ui.json(report.config);
      ui.print(renderConfigYaml(report.config).trimEnd());
    });
}
