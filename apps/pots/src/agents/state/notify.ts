// Telling the user that a pane needs them: a message on the attached tmux clients, the terminal
// bell in the pane's window (a BEL written to the pane's terminal: tmux raises the window's bell
// flag as if the program had rung it), a desktop notification through notify-send when it is
// installed, and the user's own command with POTS_* in its environment. Each channel is best
// effort: one failing never stops the others, nor the agent that reported.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { chain, fmtLiteral, type Tmux } from '../../tmux/index.js';

/** What a notification is about. */
export interface NotifyEvent {
  pane: string;
  state: string;
  session: string;
  window: string;
  worktree: string | null;
  agent: string | null;
  message: string | null;
  tty: string;
  clients: readonly string[];
}

/** Which channels to use (`pots.notify`). */
export interface NotifyChannels {
  display: boolean;
  bell: boolean;
  desktop: boolean;
  /** A shell command, or null. */
  command: string | null;
}

/** One channel's outcome. */
export interface NotifyOutcome {
  channel: 'display' | 'bell' | 'desktop' | 'command';
  ok: boolean;
  /** Why not: no client attached, notify-send missing, what failed. */
  detail?: string;
}

/**
 * The line people see: `pots: claude in app-feat-dev:claude (%3) is waiting — Claude needs your permission`.
 * @example notifyText({ pane: '%3', state: 'idle', session: 's', window: 'w', agent: null, message: null, … })
 */
export function notifyText(event: Omit<NotifyEvent, 'tty' | 'clients'>): string {
  const who = event.agent ?? 'pane';
  const message = event.message ? ` — ${event.message}` : '';
  return `pots: ${who} in ${event.session}:${event.window} (${event.pane}) is ${event.state}${message}`;
}

/**
 * Sends `event` on every enabled channel, in parallel; resolves when each has been handed over
 * (the command and notify-send are started detached, not waited for).
 * @example await notify(tmux, event, { display: true, bell: true, desktop: true, command: null }, process.env)
 */
export async function notify(
  tmux: Tmux,
  event: NotifyEvent,
  channels: NotifyChannels,
  env: NodeJS.ProcessEnv,
): Promise<NotifyOutcome[]> {
  const text = notifyText(event);
  const jobs: Array<Promise<NotifyOutcome>> = [];
  if (channels.display) jobs.push(display(tmux, event, text));
  if (channels.bell) jobs.push(bell(event.tty));
  if (channels.desktop) jobs.push(desktop(event, text, env));
  if (channels.command) jobs.push(command(channels.command, event, env));
  return Promise.all(jobs);
}

async function display(tmux: Tmux, event: NotifyEvent, text: string): Promise<NotifyOutcome> {
  if (event.clients.length === 0)
    return { channel: 'display', ok: false, detail: 'no client attached' };
  // display-message expands formats in its text: the text is made literal (`#` doubled).
  const result = await tmux.probe(
    chain(
      event.clients.map((client) => [
        'display-message',
        '-c',
        client,
        '-d',
        '5000',
        fmtLiteral(text),
      ]),
    ),
  );
  return result.exitCode === 0
    ? { channel: 'display', ok: true }
    : { channel: 'display', ok: false, detail: result.stderr.trim() };
}

async function bell(tty: string): Promise<NotifyOutcome> {
  if (!tty.startsWith('/dev/')) return { channel: 'bell', ok: false, detail: 'no terminal' };
  try {
    const handle = await open(tty, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
    try {
      await handle.write('\x07');
    } finally {
      await handle.close();
    }
    return { channel: 'bell', ok: true };
  } catch (error) {
    return { channel: 'bell', ok: false, detail: (error as Error).message };
  }
}

async function desktop(
  event: NotifyEvent,
  text: string,
  env: NodeJS.ProcessEnv,
): Promise<NotifyOutcome> {
  const bin = await which('notify-send', env);
  if (!bin) return { channel: 'desktop', ok: false, detail: 'notify-send is not installed' };
  const urgency = event.state === 'waiting' || event.state === 'stuck' ? 'critical' : 'normal';
  return detached(
    'desktop',
    bin,
    [
      '--app-name=pots',
      `--urgency=${urgency}`,
      '--',
      `pots: ${event.state}`,
      text.replace(/^pots: /, ''),
    ],
    env,
  );
}

async function command(
  cmd: string,
  event: NotifyEvent,
  env: NodeJS.ProcessEnv,
): Promise<NotifyOutcome> {
  // Values reach the command as variables, never spliced into its text.
  return detached('command', '/bin/sh', ['-c', cmd], {
    ...env,
    POTS_PANE: event.pane,
    POTS_STATE: event.state,
    POTS_SESSION: event.session,
    POTS_WINDOW: event.window,
    POTS_WORKTREE: event.worktree ?? '',
    POTS_AGENT: event.agent ?? '',
    POTS_MESSAGE: event.message ?? '',
  });
}

function detached(
  channel: NotifyOutcome['channel'],
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<NotifyOutcome> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { env, detached: true, stdio: 'ignore' });
    child.once('error', (error) => resolve({ channel, ok: false, detail: error.message }));
    child.once('spawn', () => {
      child.unref();
      resolve({ channel, ok: true });
    });
  });
}

/**
 * The first executable `name` on `env.PATH`, or null.
 * @example await which('notify-send', process.env) // '/usr/bin/notify-send'
 */
export async function which(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    if (
      await access(file, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return null;
}
