// `pots report <state> [payload] [--pane %N] [--message text] [--agent a] [--event e] [--stdin]`:
// what an agent's hook runs to record its state. Fast, and it never fails the agent: without tmux,
// a server or the pane it warns on stderr and exits 0.
import type { Command } from 'commander';
import { REPORTABLE_STATES, report } from '../api/supervision.js';
import { commandEnv, withGlobals } from './shared.js';

interface ReportFlags {
  pane?: string;
  message?: string;
  agent?: string;
  event?: string;
  stdin?: boolean;
  notify: boolean;
  json?: boolean;
}

export function registerReport(program: Command): void {
  withGlobals(
    program
      .command('report')
      .description(
        "record an agent pane's state (what agent hooks run): starting, working, waiting, idle, exited",
      )
      .argument('<state>', REPORTABLE_STATES.join(' | '))
      .argument(
        '[payload]',
        "a JSON payload an agent passes as the last argument (Codex's notify): its message is kept",
      )
      .option('--pane <id>', 'the pane (%N); default $TMUX_PANE')
      .option('--message <text>', 'what the agent said (shown in --explain and notifications)')
      .option('--agent <name>', 'which agent reports (claude, codex, gemini, …)')
      .option('--event <name>', 'the hook event (Notification, Stop, …): shown as the evidence')
      .option(
        '--stdin',
        "read the hook's JSON input from stdin (Claude Code, Gemini CLI): its message is kept",
      )
      .option('--no-notify', "record only: don't notify")
      .option(
        '--json',
        'print the result as JSON: { recorded, pane, state, previous, notified, warnings }',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots report waiting --agent claude --event Notification --stdin      (from a Claude Code hook)
  pots report idle --pane %12 --message 'done: tests pass'

The state is stored on the pane (tmux pane options: one \`list-panes -a\` reads every pane's), with
its time and source, for \`pots ps\`, \`pots ps --explain\`, \`pots wait --state\` and
\`pots status-line\`. Entering waiting, idle or exited notifies (pots.notify.*).
\`pots hooks install <agent>\` makes the agents call this.
Exit codes: 0 recorded — and also when tmux, its server or the pane is gone (a warning on stderr:
a hook must never fail its agent) · 2 unknown state.`,
    )
    .action(
      async (state: string, payload: string | undefined, _opts: unknown, command: Command) => {
        const { ui, pots } = commandEnv(command);
        const flags = command.opts<ReportFlags>();
        const input = flags.stdin ? await readStdinJson() : null;
        const message =
          flags.message ??
          messageOf(input) ??
          messageOf(payload === undefined ? null : parseJson(payload));
        const result = await report(pots, state, {
          ...(flags.pane === undefined ? {} : { pane: flags.pane }),
          message: message ?? null,
          agent: flags.agent ?? null,
          event: flags.event ?? eventOf(input) ?? null,
          notify: flags.notify,
        });
        for (const warning of result.warnings) ui.warn(`pots report: ${warning}`);
        if (ui.mode.json) ui.json(result);
      },
    );
}

/** The hook input on stdin, as JSON; null when there is none or it is not JSON. Never waits long. */
async function readStdinJson(): Promise<unknown> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  const read = new Promise<void>((resolve) => {
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.once('end', resolve);
    process.stdin.once('error', () => resolve());
  });
  // An agent closes the pipe after writing; one that does not must not hang its hook.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([read, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
  clearTimeout(timer);
  process.stdin.pause();
  process.stdin.unref?.();
  return parseJson(Buffer.concat(chunks).toString('utf8'));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The message field of Claude Code's, Gemini CLI's or Codex's hook input. */
function messageOf(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const record = input as Record<string, unknown>;
  for (const key of [
    'message',
    'last-assistant-message',
    'last_assistant_message',
    'prompt_response',
  ]) {
    if (typeof record[key] === 'string' && record[key] !== '') return record[key];
  }
  return undefined;
}

function eventOf(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const record = input as Record<string, unknown>;
  const event = record.hook_event_name ?? record.type;
  return typeof event === 'string' ? event : undefined;
}
