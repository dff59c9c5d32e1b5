// A pane's output as it is produced, by tailing the file pipe-pane's `cat` appends to — the pane's
// pots log when `pots spawn` started it, otherwise a temporary pipe this stream starts and stops.
// Why a file rather than a control-mode client: one byte stream from the pane's first output on
// (so `sinceStart` has no seam with the live part, hence no duplicates or gaps), no attached client
// (which would count as attached, could resize windows and must keep up or be paused), and the log
// outlives the pane. Latency is the same (~0.4 ms p50 for both on this machine; bench/ measures it).
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RefusedError, UsageError, exists } from '@plumpots/core';
import { chain, isTmuxError, target, type Tmux } from '../tmux/index.js';
import { POTS_PANE_OPTIONS, readPaneState, type PaneState } from '../tmux/pane-state.js';
import { exitOf, pidAlive, watchPaneExit, type PaneExit } from './liveness.js';
import { dataDirOf, logEndMarker, pipeCommand, tempLogPath } from './paths.js';
import { openLogTail, type LogTail } from './tail.js';

/** Output of the pane: raw bytes as the program wrote them (UTF-8 decoded), escape codes included. */
export interface PaneOutputEvent {
  type: 'output';
  paneId: string;
  data: string;
  at: Date;
}

/** The last event of a stream whose pane exited (or disappeared). `data` is always ''. */
export interface PaneExitEvent extends Omit<PaneExit, 'at'> {
  type: 'exit';
  data: '';
  at: Date;
}

export type PaneStreamEvent = PaneOutputEvent | PaneExitEvent;

export interface StreamPaneOptions {
  /**
   * Start from the pane's first output: its pots log from byte 0, or — for a pane pots did not
   * spawn — its scrollback (`capture-pane -e`, taken in the same tmux invocation that starts the
   * pipe, so nothing falls between the two). Default: from now.
   */
  sinceStart?: boolean;
  /**
   * For a spawned pane: start where the last `sendText(…, { log })` began (`@pots-sent`), so the
   * answer to the last prompt is read whole even if it began before this stream. Else: from now.
   */
  sinceSend?: boolean;
  /** Ends the stream (without an exit event). */
  signal?: AbortSignal;
  /** pots's data dir, for temporary pipe logs (default `dataDirOf(tmux.env)`). */
  dataDir?: string;
  /** Fallback read and pid-probe interval (default 100 ms); reads are normally woken by fs.watch. */
  pollMs?: number;
  /**
   * Called once the stream is attached: everything the pane prints from then on will be streamed.
   * Send the prompt from here to be sure not to miss the start of the answer.
   */
  onReady?: () => void;
}

type Source =
  | { kind: 'none'; prelude: string }
  | { kind: 'spawn'; path: string; from: number; prelude: string }
  | {
      kind: 'shared' | 'temp';
      path: string;
      from: number;
      prelude: string;
      /** This stream's entry among the pipe's followers (see follow). */
      follower: string;
    };

/**
 * Streams pane `%N`'s output as it is produced, in order, each byte once, until the pane exits
 * (a final `exit` event with its status) or `signal` aborts. A pane with a pipe-pane pots did not
 * start is refused (RefusedError, exit 4): tmux has one pipe per pane, and replacing it would break
 * the user's logging. tmux calls: one or two to start, one every 2 s while running, two or three at
 * the end.
 * @example for await (const event of streamPane(tmux, '%12')) if (event.type === 'output') process.stdout.write(event.data)
 */
export async function* streamPane(
  tmux: Tmux,
  paneId: string,
  options: StreamPaneOptions = {},
): AsyncGenerator<PaneStreamEvent, void, undefined> {
  if (!/^%\d+$/.test(paneId)) throw new UsageError(`not a pane id: ${JSON.stringify(paneId)}`);
  const signal = options.signal;
  const pollMs = options.pollMs ?? 100;
  const pane = await readPaneState(tmux, paneId, { reap: true });
  const source = await openSource(tmux, pane, options);

  let dirty = true;
  let wake: (() => void) | undefined;
  const notify = () => {
    dirty = true;
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  let exit: PaneExit | undefined;
  let failure: Error | undefined;
  let tail: LogTail | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stopWatching = new AbortController();
  signal?.addEventListener('abort', notify);
  try {
    if (source.kind === 'none') {
      options.onReady?.();
      if (source.prelude !== '') yield output(paneId, source.prelude);
      yield exitEvent(exitOf(pane));
      return;
    }
    tail = await openLogTail(source.path, { from: source.from, onChange: notify });
    options.onReady?.();
    if (source.prelude !== '') yield output(paneId, source.prelude);
    timer = setInterval(notify, pollMs);
    watchPaneExit(tmux, pane, { signal: stopWatching.signal, pollMs }).then(
      (ended) => {
        exit = ended;
        notify();
      },
      (error: unknown) => {
        if (stopWatching.signal.aborted) return;
        failure = error instanceof Error ? error : new Error(String(error));
        notify();
      },
    );
    for (;;) {
      dirty = false;
      // One bounded chunk per pull: the consumer's pace (stdout's backpressure) sets the reading
      // pace, so memory stays flat however far behind it is.
      const data = await tail.read();
      if (data !== '') {
        yield output(paneId, data);
        dirty = true; // there may be more already
      }
      if (failure !== undefined) throw failure;
      if (signal?.aborted) return;
      if (exit && data === '') {
        await settleLog(source.path);
        for (let rest = await tail.read(); rest !== ''; rest = await tail.read()) {
          yield output(paneId, rest);
        }
        const tailEnd = tail.flush();
        if (tailEnd !== '') yield output(paneId, tailEnd);
        yield exitEvent(exit);
        return;
      }
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    clearInterval(timer);
    stopWatching.abort();
    signal?.removeEventListener('abort', notify);
    await tail?.close();
    if (source.kind === 'temp' || source.kind === 'shared') {
      // The pipe is shared by reference: the last follower out stops it.
      await rm(source.follower, { force: true });
      if ((await liveFollowers(source.path)) === 0) await stopTempPipe(tmux, paneId, source.path);
    }
  }
}

// A temporary pipe's followers: one file each, named `<pid>.<n>`, in `<log>.followers/`. A
// follower that was killed outright (SIGKILL) leaves its file behind; its pid no longer runs, so it
// does not count, and the next follower that finds no live one stops the orphaned pipe.
let followerCount = 0;

async function follow(path: string): Promise<string> {
  const dir = `${path}.followers`;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${process.pid}.${++followerCount}`);
  await writeFile(file, '', { mode: 0o600 });
  return file;
}

async function liveFollowers(path: string): Promise<number> {
  const dir = `${path}.followers`;
  const names = await readdir(dir).catch(() => [] as string[]);
  let live = 0;
  for (const name of names) {
    const pid = Number.parseInt(name, 10);
    if (Number.isInteger(pid) && (pid === process.pid || (await pidAlive(pid)))) live++;
    else await rm(join(dir, name), { force: true });
  }
  return live;
}

async function openSource(
  tmux: Tmux,
  pane: PaneState,
  options: StreamPaneOptions,
): Promise<Source> {
  const from = async (path: string) => (options.sinceStart ? 0 : (await stat(path)).size);
  // The pipe's `cat` may not have created the log yet (it starts asynchronously): create it.
  if (pane.log !== null && (pane.pipe || pane.dead) && (await touch(pane.log))) {
    let start = await from(pane.log);
    if (!options.sinceStart && options.sinceSend && pane.sent !== null)
      start = Math.min(start, pane.sent);
    return { kind: 'spawn', path: pane.log, from: start, prelude: '' };
  }
  if (pane.dead) {
    const prelude = options.sinceStart ? await scrollback(tmux, pane.id, []) : '';
    return { kind: 'none', prelude };
  }
  let pipe = pane.pipe;
  if (pipe && pane.potsPipe !== null) {
    const path = pane.potsPipe;
    if ((await exists(path)) && (await liveFollowers(path)) > 0) {
      // Another `pots logs`/`wait` is tailing this pane: join its pipe rather than replace it.
      const follower = await follow(path);
      return { kind: 'shared', path, from: await from(path), prelude: '', follower };
    }
    // Every follower is gone (killed outright): the pipe is an orphan. Stop it, start afresh.
    await stopTempPipe(tmux, pane.id, path);
    pipe = false;
  }
  if (pipe) {
    throw new RefusedError(
      'ERR_POTS_PIPE_BUSY',
      `pane ${pane.id} already has a pipe-pane that pots did not start`,
      {
        hint: `tmux allows one pipe per pane and pots will not replace yours; stop it with \`tmux pipe-pane -t ${pane.id}\`, or read the file it writes`,
      },
    );
  }
  const path = tempLogPath(options.dataDir ?? dataDirOf(tmux.env), pane.id);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, '', { flag: 'wx', mode: 0o600 });
  const follower = await follow(path);
  const start = [
    ['set-option', '-p', '-t', target(pane.id), POTS_PANE_OPTIONS.pipe, path],
    ['pipe-pane', '-o', '-t', pane.id, pipeCommand(path)],
  ];
  let prelude = '';
  try {
    // The scrollback is read in the same invocation: tmux reads no pane output in between.
    if (options.sinceStart) prelude = await scrollback(tmux, pane.id, start);
    else await tmux.run(chain(start));
  } catch (error) {
    await rm(`${path}.followers`, { recursive: true, force: true });
    await rm(path, { force: true });
    throw error;
  }
  return { kind: 'temp', path, from: 0, prelude, follower };
}

// capture-pane of the whole history (SGR kept: it is raw data, consumers sanitize), after `before`.
async function scrollback(tmux: Tmux, paneId: string, before: string[][]): Promise<string> {
  const capture = ['capture-pane', '-p', '-e', '-J', '-S', '-', '-t', target(paneId)];
  const text = await tmux.run(chain([...before, capture]));
  return text.replace(/(?:\s*\n)+$/, '\n').replace(/^\n$/, '');
}

// tmux 3.3a keeps a dead pane's pipe open (its `cat` waits for ever) and refuses `pipe-pane` on a
// dead pane, so there is no end-of-file to wait for. tmux has handed the pipe everything before it
// marks the pane dead, and `cat` copies each read at once: wait until the log stops growing. When
// the pane is gone, tmux closed the pipe and the pipe's shell creates the end marker.
async function settleLog(path: string): Promise<void> {
  const marker = logEndMarker(path);
  const deadline = Date.now() + 1000;
  let size = -1;
  let quiet = 0;
  while (Date.now() < deadline && quiet < 3) {
    if (await exists(marker)) return;
    const now = (await stat(path).catch(() => ({ size: -1 }))).size;
    quiet = now === size ? quiet + 1 : 0;
    size = now;
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

async function stopTempPipe(tmux: Tmux, paneId: string, path: string): Promise<void> {
  try {
    const pane = await readPaneState(tmux, paneId);
    if (pane.potsPipe === path) {
      const stop = pane.pipe ? [['pipe-pane', '-t', target(paneId)]] : [];
      await tmux.run(
        chain([...stop, ['set-option', '-p', '-u', '-t', paneId, POTS_PANE_OPTIONS.pipe]]),
      );
    }
  } catch (error) {
    if (!isTmuxError(error, 'not-found')) throw error;
  }
  await waitForFile(logEndMarker(path), 1000);
  await rm(path, { force: true });
  await rm(logEndMarker(path), { force: true });
  await rm(`${path}.followers`, { recursive: true, force: true });
}

async function waitForFile(path: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await exists(path)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function touch(path: string): Promise<boolean> {
  try {
    await writeFile(path, '', { flag: 'a' });
    return true;
  } catch {
    return false;
  }
}

function output(paneId: string, data: string): PaneOutputEvent {
  return { type: 'output', paneId, data, at: new Date() };
}

function exitEvent(exit: PaneExit): PaneExitEvent {
  return { ...exit, type: 'exit', data: '', at: exit.at };
}
