// `pots logs <target> [--follow] [--since-start] [--json]`: a pane's output, streamed as it is
// produced (pipe-pane → file → fs.watch; no capture-pane polling).
import type { Command } from 'commander';
import { setCompletion } from '@plumpots/core';
import { createTerminalSanitizer, shouldUseColor } from '@plumpots/core/ui';
import { logs, resolvePane } from '../api/agents.js';
import { commandEnv, withGlobals } from './shared.js';
import { interruptSignal, jsonLine, requestExitCode, write } from './agent-io.js';

interface LogsFlags {
  follow?: boolean;
  sinceStart?: boolean;
}

export function registerLogs(program: Command): void {
  const logsCommand = withGlobals(
    program
      .command('logs')
      .description("print a pane's output; --follow streams it as it is produced")
      .argument('<target>', 'a pane id (%12), or session, session:window, session:window.pane')
      .option('-f, --follow', 'keep streaming until the pane exits (or Ctrl-C)')
      .option('--since-start', 'with --follow: from the first output on, not from now')
      .option(
        '--json',
        'JSON Lines: {type:"output",paneId,at,data} per chunk, then {type:"exit",…,exitCode}',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots logs %12                             everything so far (its log, or the scrollback)
  pots logs app-feat-login-dev:claude -f    new output as it comes, until the pane exits
  pots logs %12 -f --since-start --json | jq -r 'select(.type=="output") | .data'

Output is the program's raw bytes. On a terminal, escape sequences other than colours are
removed (no clipboard writes, title changes or terminal queries); --json keeps them, escaped.
A pane \`pots spawn\` started is read from its log; for any other pane, a temporary pipe-pane
is started and stopped afterwards (a pipe-pane of your own is left alone: exit 4).
Exit codes: 0 · with --follow, once the pane exits: the pane's (128 + n when killed by signal n),
so \`pots logs %12 -f\` fails when the command did · 2 ambiguous target · 3 no such pane · 4 the
pane has a pipe-pane pots did not start · 130 Ctrl-C.`,
    )
    .action(async (spec: string, _opts: unknown, command: Command) => {
      const { ui, options, pots } = commandEnv(command);
      const flags = command.opts<LogsFlags>();
      const json = ui.mode.json;
      const out = process.stdout;
      const sanitizer = createTerminalSanitizer({
        keepSgr: shouldUseColor({ stream: out, env: pots.env, flag: options.color }),
      });
      const emit = (data: string) =>
        write(
          out,
          json
            ? jsonLine({ type: 'output', paneId: pane.id, at: new Date(), data })
            : sanitizer.write(data),
        );
      const pane = await resolvePane(pots, spec);
      const interrupt = flags.follow ? interruptSignal() : null;
      try {
        const events = logs(pots, pane, {
          follow: flags.follow ?? false,
          sinceStart: flags.sinceStart ?? false,
          ...(interrupt ? { signal: interrupt.signal } : {}),
        });
        for await (const event of events) {
          if (event.type === 'output') {
            await emit(event.data);
            continue;
          }
          if (!event.gone) {
            requestExitCode(event.exitCode ?? (event.signal ? 128 + event.signal : 1));
          }
          if (json) await write(out, jsonLine(event));
          else {
            await write(out, sanitizer.end());
            const how = event.gone
              ? 'is gone'
              : event.signal !== null
                ? `was killed by signal ${event.signal}`
                : `exited with status ${event.exitCode ?? 'unknown'}`;
            ui.info(`pane ${pane.id} ${how}`);
          }
        }
      } finally {
        interrupt?.dispose();
      }
    });
  setCompletion(logsCommand, { args: [{ dynamic: 'targets' }] });
}
