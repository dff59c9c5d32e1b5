// `pots capture <target> [--lines N] [--ansi] [--json]`: a pane's text, safe to print.
import type { Command } from 'commander';
import { UsageError, setCompletion } from '@plumpots/core';
import { capture, resolvePane } from '../api/agents.js';
import { commandEnv, withGlobals } from './shared.js';

interface CaptureFlags {
  lines?: string;
  ansi?: boolean;
}

export function registerCapture(program: Command): void {
  const captureCommand = withGlobals(
    program
      .command('capture')
      .description(
        "print a pane's text (the screen, or its last N lines); escape sequences removed",
      )
      .argument('<target>', 'a pane id (%12), or session, session:window, session:window.pane')
      .option('--lines <n>', 'the last n lines, scrollback included (default: the screen)')
      .option(
        '--ansi',
        'keep colours and styles (SGR only: never clipboard, title or query sequences)',
      )
      .option('--json', 'print JSON: { paneId, target, text }'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots capture %12
  pots capture app-feat-login-dev:claude --lines 200 --ansi | less -R
  pots capture %12 --json | jq -r .text

Exit codes: 0 · 2 bad --lines or ambiguous target · 3 no such pane.`,
    )
    .action(async (spec: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<CaptureFlags>();
      const lines = flags.lines === undefined ? undefined : Number(flags.lines);
      if (lines !== undefined && !/^\d+$/.test(flags.lines ?? '')) {
        throw new UsageError(`--lines must be a positive whole number, not ${flags.lines}`);
      }
      const pane = await resolvePane(pots, spec);
      const text = await capture(pots, pane, {
        ...(lines === undefined ? {} : { lines }),
        ansi: flags.ansi ?? false,
      });
      if (ui.mode.json) return ui.json({ paneId: pane.id, target: spec, text });
      // Already sanitized (SGR at most): printed as is, so --ansi keeps colour in a pipe too.
      ui.printRaw(text);
    });
  setCompletion(captureCommand, { args: [{ dynamic: 'targets' }] });
}
