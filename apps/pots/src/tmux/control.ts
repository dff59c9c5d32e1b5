// A tmux control-mode client (`tmux -C attach-session`), through the gateway's server flags and
// scrubbed environment: tmux pushes what changes (`%output`, `%window-*`, `%sessions-changed`,
// `%subscription-changed`) instead of being asked. A control client sees the output and the
// subscriptions of the panes in its own session only (tmux(1), refresh-client -B), and the
// structure of the whole server (`%unlinked-window-*`, `%sessions-changed`).
//
// The client is attached with `ignore-size` (it must not shrink the user's windows to its own
// size, tmux/tmux#434) and `pause-after` (tmux pauses a pane for a client that falls behind
// rather than buffering without end; we continue it at once). Output bytes are never kept: a
// line is scanned as a Buffer for its prefix and pane id, so twenty agents printing cost a scan,
// not a copy. Control mode is line-based, so a command line carries no CR/LF (a newline would
// start a second command, csheaff/tmux-control#97) and each argument is single-quoted.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Tmux } from './server.js';

/** What a control client reports, reduced to what a watcher needs (no output bytes). */
export type ControlEvent =
  /** The pane printed something (`%output`/`%extended-output`). */
  | { type: 'output'; pane: string }
  /** tmux paused the pane's output for this client (the client has already continued it). */
  | { type: 'pause'; pane: string }
  /** A window, layout or session appeared, closed or changed. */
  | { type: 'structure'; what: string }
  /** `%subscription-changed name … pane … : value`. */
  | { type: 'subscription'; name: string; pane: string; value: string }
  /** The client ended (`%exit`, or its process exited). */
  | { type: 'exit'; reason: string };

export interface ControlClient {
  /** The session it is attached to (`$N`). */
  readonly session: string;
  /** tmux has attached it (and it has not ended): what it reports is being pushed. */
  readonly attached: boolean;
  /** Sends one command line (held until the client is attached); every argument is quoted. */
  command(args: readonly string[]): void;
  /** Ends the client (closes its stdin; kills it if it does not exit). */
  close(): Promise<void>;
}

export interface ControlClientOptions {
  onEvent: (event: ControlEvent) => void;
  /** Longest partial line kept while waiting for its end (default 64 KiB): the rest is skipped. */
  maxLine?: number;
}

const SESSION_CHANGED = Buffer.from('%session-changed ');

const STRUCTURE = new Set([
  '%window-add',
  '%window-close',
  '%window-renamed',
  '%unlinked-window-add',
  '%unlinked-window-close',
  '%unlinked-window-renamed',
  '%sessions-changed',
  '%session-renamed',
  '%layout-change',
  '%window-pane-changed',
  '%session-window-changed',
  '%pane-mode-changed',
]);

/**
 * Attaches a control-mode client to session `$N` with `ignore-size` and `pause-after=1`.
 * @example const client = openControlClient(tmux, '$3', { onEvent: (e) => console.log(e.type) });
 *   client.command(['refresh-client', '-B', 'state:%*:#{pane_dead}']); await client.close();
 */
export function openControlClient(
  tmux: Tmux,
  session: string,
  options: ControlClientOptions,
): ControlClient {
  if (!/^\$\d+$/.test(session)) throw new Error(`not a session id: ${JSON.stringify(session)}`);
  const argv = [
    ...tmux.globalArgs,
    '-C',
    'attach-session',
    '-t',
    session,
    '-f',
    'ignore-size,pause-after=1',
  ];
  tmux.onCommand?.(['tmux', ...argv]);
  const child: ChildProcess = spawn('tmux', argv, {
    env: { ...tmux.env },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const maxLine = options.maxLine ?? 64 * 1024;
  let ended = false;
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    options.onEvent({ type: 'exit', reason });
  };
  // Commands tmux reads before the attach has completed fail with "no current client" (the lines
  // on stdin can be run before the attach-session given as argv): they wait for the client's own
  // `%session-changed`, which tmux sends once the client is attached.
  let queued: string[] | null = [];
  const send = (line: string) => {
    if (queued) queued.push(line);
    else if (!ended && child.stdin?.writable) child.stdin.write(`${line}\n`);
  };

  const reader = lineReader(maxLine, (line) => {
    if (queued && line.subarray(0, SESSION_CHANGED.length).equals(SESSION_CHANGED)) {
      const lines = queued;
      queued = null;
      for (const command of lines) send(command);
      return;
    }
    const event = parseLine(line);
    if (!event) return;
    if (event.type === 'pause')
      send(controlLine(['refresh-client', '-A', `${event.pane}:continue`]));
    if (event.type === 'exit') end(event.reason);
    else options.onEvent(event);
  });
  child.stdout?.on('data', reader);
  child.stdin?.on('error', () => undefined); // EPIPE when tmux has gone: the close event says so
  child.once('error', (error: NodeJS.ErrnoException) => {
    end(error.code === 'ENOENT' ? 'tmux not found on PATH' : error.message);
  });
  child.once('close', () => end('client exited'));

  return {
    session,
    get attached() {
      return queued === null && !ended;
    },
    command(args) {
      send(controlLine(args));
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGTERM'), 1000);
      await closed;
      clearTimeout(timer);
    },
  };
}

/**
 * One control-mode command line: each argument single-quoted (tmux's parser would otherwise read
 * `#` as a comment and a leading `%` as a directive). CR/LF are refused.
 * @example controlLine(['refresh-client', '-A', '%3:continue']) // "'refresh-client' '-A' '%3:continue'"
 */
export function controlLine(args: readonly string[]): string {
  return args
    .map((arg) => {
      if (/[\r\n]/.test(arg)) throw new Error('control-mode arguments cannot contain CR or LF');
      return `'${arg.replaceAll("'", `'\\''`)}'`;
    })
    .join(' ');
}

/**
 * The event a control-mode line means, or null for what a watcher ignores (`%begin`/`%end` blocks,
 * command output). `line` holds at most the line's first bytes.
 * @example parseLine(Buffer.from('%output %3 hello')) // { type: 'output', pane: '%3' }
 */
export function parseLine(line: Buffer): ControlEvent | null {
  if (line[0] !== 0x25 /* % */) return null;
  const space = line.indexOf(0x20);
  const word = line.toString('latin1', 0, space < 0 ? line.length : space);
  if (word === '%output' || word === '%extended-output' || word === '%pause') {
    const pane = /^%\d+/.exec(line.toString('latin1', space + 1, space + 24))?.[0];
    if (!pane) return null;
    return word === '%pause' ? { type: 'pause', pane } : { type: 'output', pane };
  }
  if (word === '%subscription-changed') {
    const text = line.toString('utf8');
    const match = /^%subscription-changed (\S+) \S+ \S+ \S+ (%\d+|-)(?: [^:]*)? : ?(.*)$/s.exec(
      text,
    );
    if (!match) return null;
    return { type: 'subscription', name: match[1]!, pane: match[2]!, value: match[3] ?? '' };
  }
  if (word === '%exit') return { type: 'exit', reason: line.toString('utf8', space + 1).trim() };
  if (STRUCTURE.has(word)) return { type: 'structure', what: word };
  return null;
}

// Splits a byte stream into lines, keeping at most `max` bytes of each (a longer line's tail is
// skipped, never buffered), and calls `onLine` with each.
function lineReader(max: number, onLine: (line: Buffer) => void): (chunk: Buffer) => void {
  let partial: Buffer[] = [];
  let partialLength = 0;
  return (chunk) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) {
        const room = max - partialLength;
        if (room > 0) {
          const piece = chunk.subarray(start, start + room);
          partial.push(Buffer.from(piece)); // copied: the chunk's memory is not held on to
          partialLength += piece.length;
        }
        return;
      }
      const room = Math.max(0, max - partialLength);
      const piece = chunk.subarray(start, Math.min(nl, start + room));
      const line = partial.length === 0 ? piece : Buffer.concat([...partial, piece]);
      partial = [];
      partialLength = 0;
      onLine(line);
      start = nl + 1;
    }
  };
}
