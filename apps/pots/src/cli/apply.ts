// `pots apply <session> --template t`: add to a session the template's windows and panes it lacks.
import type { Command } from 'commander';
import { setCompletion } from '@plumpots/core';
import { applyTemplateToSession } from '../api/templates.js';
import { commandEnv, withGlobals } from './shared.js';
import { templateConfirm } from './templates.js';

interface ApplyFlags {
  template: string;
  json?: boolean;
}

export function registerApply(program: Command): void {
  const applyCommand = withGlobals(
    program
      .command('apply')
      .description("add a template's missing windows and panes to an existing session")
      .argument('<session>', 'the session: its exact name, or its id ($3)')
      .requiredOption('-t, --template <name>', 'a template name, or a file path (./x.yaml)')
      .option(
        '--json',
        'print JSON: { session, sessionId, template, added: [{ window, pane, kind, windowId, paneId }], claimed, warnings }',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots apply shop-feat-dev --template development
  pots apply shop-feat-dev --template ./.tmuxp.yaml   a tmuxp file as it is
  pots apply shop-feat-dev -t agent --json

Idempotent: a second run adds nothing. Windows are recognised by the @pots-window option (a window
of the same name that pots did not make is adopted), panes by @pots-pane; other windows are left
alone. Exit codes: 0 · 3 no such session or template, or a template directory is missing ·
4 a repository's template was not approved · 6 the template file is invalid.`,
    )
    .action(async (session: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<ApplyFlags>();
      const confirm = templateConfirm(ui);
      const result = await applyTemplateToSession(pots, session, flags.template, {
        ...(confirm ? { confirm } : {}),
      });
      for (const warning of result.warnings) ui.warn(warning);
      if (ui.mode.json) {
        return ui.json({
          session: result.session,
          sessionId: result.sessionId,
          template: result.template,
          added: result.added,
          claimed: result.claimed,
          warnings: result.warnings,
        });
      }
      for (const name of result.claimed) ui.info(`adopted window "${name}"`);
      if (result.added.length === 0) {
        ui.success(`${result.session} already has every window and pane of "${result.template}"`);
        return;
      }
      for (const object of result.added) {
        ui.print(
          object.kind === 'window'
            ? `added window ${object.window} (${object.windowId})`
            : `added pane ${object.window}.${object.pane} (${object.paneId})`,
        );
      }
    });
  setCompletion(applyCommand, {
    args: [{ dynamic: 'sessions' }],
    options: { '--template': { dynamic: 'templates' } },
  });
}
