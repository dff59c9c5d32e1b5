// `pots wait <target> [--exit | --idle <s> | --text <regex>] [--timeout <s>]`: block until a pane
// exits, goes quiet, or prints something — scripted agent pipelines without sleeps.
import type { Command } from 'commander';
import { PlumError, ExitCode, UsageError } from '@plumpots/core';
import { setCompletion } from '@plumpots/core/cli';
import { resolvePane, wait, type WaitCondition } from '../api/agents.js';
import { WAITABLE_STATES, waitForState, type WaitableState } from '../api/supervision.js';
import { commandEnv, withGlobals } from './shared.js';
import { interruptSignal, requestExitCode } from './agent-io.js';

interface WaitFlags {
  exit?: boolean;
  idle?: string;
  text?: string;
  timeout?: string;
  sinceStart?: boolean;
  state?: string;
}

export function registerWait(program: Command): void {
  const waitCommand = withGlobals(
    program
      .command('wait')
      .description('wait until a pane exits (exit code = its), goes idle, or prints matching text')
      .argument('<target>', 'a pane id (%12), or session, session:window, session:window.pane')
      .option('--exit', 'until its command exits; pots exits with the same code (the default)')
      .option('--idle <seconds>', 'until it has printed nothing for this long')
      .option('--text <regex>', 'until its output (escape codes removed) matches')
      .option(
        '--state <states>',
        "until the agent's state is one of these (comma-separated): waiting, idle, exited, working, stuck",
      )
      .option('--timeout <seconds>', 'give up after this long: exit 1')
      .option(
        '--since-start',
        'with --text: search everything the pane printed, not just new output',
      )
      .option('--json', 'print the result as JSON: { reason, paneId, exitCode?, signal?, match? }'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pane=$(pots spawn -- npm test) && pots wait "$pane" --exit       exits with the tests' code
  pots send %12 'fix the lint errors' && pots wait %12 --idle 20 --timeout 900
  pots wait %12 --text 'listening on :(\\d+)' --timeout 60
  pots wait %12 --state waiting,idle --timeout 1800     until the agent needs you or is done

--text looks at what the pane prints after the wait starts — for a pane pots spawned, since the
last \`pots send\` to it, so an answer that came quickly is not missed. It prints the match.
Exit codes: --exit: the pane's (128 + n when killed by signal n) · --idle, --text: 0 · 1 timed
out, or the pane exited before printing the text · --state: 0 (prints the state) · 2 bad arguments · 3 no such pane · 130 Ctrl-C.`,
    )
    .action(async (spec: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<WaitFlags>();
      if (flags.state !== undefined) return waitState(spec, flags, command);
      const condition = conditionOf(flags);
      const timeout = flags.timeout === undefined ? undefined : seconds('--timeout', flags.timeout);
      const pane = await resolvePane(pots, spec);
      const interrupt = interruptSignal();
      let result;
      try {
        result = await wait(pots, pane, condition, {
          signal: interrupt.signal,
          ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
          ...(flags.sinceStart ? { sinceStart: true } : {}),
        });
      } finally {
        interrupt.dispose();
      }
      if (ui.mode.json) ui.json(result);
      if (result.reason === 'text') {
        ui.print(result.match ?? '');
        return;
      }
      if (result.reason === 'idle') {
        ui.info(`pane ${pane.id} is idle`);
        return;
      }
      const code = result.exitCode ?? (result.signal ? 128 + result.signal : 1);
      const how = result.signal
        ? `was killed by signal ${result.signal}`
        : `exited with status ${result.exitCode ?? 'unknown'}`;
      if ('text' in condition) {
        throw new PlumError(
          'ERR_POTS_PANE_EXITED',
          `pane ${pane.id} ${how} before printing ${flags.text}`,
          ExitCode.failed,
        );
      }
      ui.info(`pane ${pane.id} ${how}`);
      requestExitCode(code);
    });
  setCompletion(waitCommand, { args: [{ dynamic: 'targets' }] });
}

async function waitState(spec: string, flags: WaitFlags, command: Command): Promise<void> {
  const { ui, pots } = commandEnv(command);
  if ([flags.exit, flags.idle, flags.text].some((v) => v !== undefined)) {
    throw new UsageError('give --state alone, or one of --exit, --idle <s>, --text <regex>');
  }
  const states = (flags.state ?? '').split(',').map((s) => s.trim());
  for (const state of states) {
    if (!(WAITABLE_STATES as readonly string[]).includes(state)) {
      throw new UsageError(
        `unknown --state ${JSON.stringify(state)}: one of ${WAITABLE_STATES.join(', ')}`,
      );
    }
  }
  const timeout = flags.timeout === undefined ? undefined : seconds('--timeout', flags.timeout);
  const interrupt = interruptSignal();
  try {
    const pane = await waitForState(pots, spec, states as WaitableState[], {
      signal: interrupt.signal,
      ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
    });
    if (interrupt.signal.aborted) return;
    if (ui.mode.json) return ui.json({ reason: 'state', paneId: pane.id, state: pane.state });
    ui.print(pane.state);
  } finally {
    interrupt.dispose();
  }
}

function conditionOf(flags: WaitFlags): WaitCondition {
  const given = [flags.exit, flags.idle, flags.text].filter((v) => v !== undefined).length;
  if (given > 1) throw new UsageError('give one of --exit, --idle <s>, --text <regex>');
  if (flags.idle !== undefined) return { idle: seconds('--idle', flags.idle) };
  if (flags.text !== undefined) {
    try {
      return { text: new RegExp(flags.text) };
    } catch (error) {
      throw new UsageError(`bad --text regex: ${(error as Error).message}`);
    }
  }
  return { exit: true };
}

function seconds(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) {
    throw new UsageError(
      `${flag} needs a positive number of seconds, not ${JSON.stringify(value)}`,
    );
  }
  return n;
}
