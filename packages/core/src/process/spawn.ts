// The one place core spawns a process. node:child_process, not execa: for the short one-shot git
// and tmux calls on every hot path it starts measurably faster (59 ms vs 80 ms for a
// bundled `git worktree list`, measured on a 2-core VM), and these calls need nothing execa adds.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { isDirectorySync } from '../util/fs.js';
import { DependencyError, PlumError } from '../errors.js';

export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Written to the child's stdin, which is then closed. Without it stdin is /dev/null. */
  input?: string | Buffer;
  /** Kill the child (SIGTERM) after this many milliseconds. */
  timeoutMs?: number;
}

export interface SpawnResult {
  command: readonly string[];
  stdout: string;
  stderr: string;
  /** null when the child was killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export type SpawnListener = (command: readonly string[], cwd: string | undefined) => void;

const listeners = new Set<SpawnListener>();
const running = new Set<ChildProcess>();

/** Observe every spawn (used by `--verbose` and by process-count tests). Returns an unsubscribe. */
export function onSpawn(listener: SpawnListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Resolves once every child started through the gateway has exited (for SIGINT handling). */
export async function waitForChildren(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else child.once('close', () => resolve());
        }),
    ),
  );
}

/**
 * Runs `file args…` without a shell and collects its output. Never rejects for a non-zero exit:
 * callers decide what a failure means. Rejects with exit 5 when the program is missing.
 * @example const r = await runProcess('git', ['--version']); r.stdout // "git version 2.39.5\n"
 */
export function runProcess(
  file: string,
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<SpawnResult> {
  const command = [file, ...args];
  for (const listener of listeners) listener(command, options.cwd);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Our own process group: a terminal Ctrl-C reaches the child too, and we wait for it.
      windowsHide: true,
    });
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      running.delete(child);
      if (timer) clearTimeout(timer);
      reject(spawnFailure(file, command, options.cwd, error));
    });
    child.once('close', (exitCode, signal) => {
      running.delete(child);
      if (timer) clearTimeout(timer);
      resolve({
        command,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode,
        signal,
      });
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // EPIPE when the child exits early; its exit code tells.
      child.stdin.end(options.input);
    }
  });
}

// ENOENT means "no such program" *or* "no such cwd"; tell the two apart.
function spawnFailure(
  file: string,
  command: readonly string[],
  cwd: string | undefined,
  error: NodeJS.ErrnoException,
): PlumError {
  if (error.code === 'ENOENT' && cwd !== undefined && !isDirectorySync(cwd)) {
    return new PlumError('ERR_CWD_MISSING', `working directory ${cwd} no longer exists`, 1, {
      cause: error,
    });
  }
  if (error.code === 'ENOENT') {
    return new DependencyError('ERR_DEPENDENCY_MISSING', `${file} not found on PATH`, {
      hint: `install ${file} (e.g. apt-get install ${file}, brew install ${file})`,
      cause: error,
    });
  }
  return new PlumError('ERR_SPAWN', `could not run ${command.join(' ')}: ${error.message}`, 1, {
    cause: error,
  });
}

export interface DetachedOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Appends the child's stdout and stderr here (default: discarded). */
  logFile?: string;
}

/**
 * Starts `file args…` without a shell as a detached process (its own session, no terminal, not
 * waited for) that outlives this one; resolves with its pid once it has started. For the few
 * long-lived helpers a command leaves behind (pots's agent watcher). Rejects with exit 5 when the
 * program is missing.
 * @example const pid = await startDetached(process.execPath, ['watcher.js', spec], { logFile })
 */
export function startDetached(
  file: string,
  args: readonly string[],
  options: DetachedOptions = {},
): Promise<number> {
  const command = [file, ...args];
  for (const listener of listeners) listener(command, options.cwd);
  const out = options.logFile === undefined ? 'ignore' : openSync(options.logFile, 'a');
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', out, out],
      windowsHide: true,
    });
    if (typeof out === 'number') closeSync(out);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(spawnFailure(file, command, options.cwd, error)),
    );
    child.once('spawn', () => {
      child.unref();
      resolve(child.pid!);
    });
  });
}
