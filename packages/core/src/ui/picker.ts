// The fuzzy picker a command opens when its required name is left out on a terminal: fzf when it is
// on PATH (the user's own, with their FZF_DEFAULT_OPTS), else @clack/prompts' autocomplete. Never
// hand-written terminal code; without a terminal it refuses at once (exit 2), like every question.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { InterruptedError, PlumError, UsageError } from '../errors.js';
import { sanitizeForTerminal } from './sanitize.js';

export interface PickItem<T> {
  value: T;
  /** The line shown (aligned columns are the caller's: see `Ui.table`). */
  label: string;
  /** Shown after the label (dim in the built-in picker); searched too. */
  hint?: string;
  /** The item's name (its first column): items whose name matches the query are listed first. */
  name?: string;
}

export interface PickOptions {
  /** What to do instead without a terminal (the UsageError's hint). */
  hint?: string;
  /** Column titles over the items (fzf's header line). */
  header?: string;
  /** Use fzf when it is on PATH. Default true. */
  fzf?: boolean;
}

export interface PickIo {
  stdin: Readable;
  stderr: Writable;
  signal?: AbortSignal | undefined;
  /** For PATH (finding fzf) and fzf's own environment. */
  env: Record<string, string | undefined>;
}

/**
 * Lets the user pick one of `items` by typing part of it, and returns its value. fzf when on PATH,
 * else the built-in autocomplete. No terminal → UsageError ERR_NOT_INTERACTIVE (exit 2) with
 * `options.hint`; Esc/Ctrl-C (or nothing matching) → InterruptedError (exit 130).
 * @example const wt = await pickPrompt('Go to which worktree?', rows, { hint: 'pass a name' }, io);
 */
export async function pickPrompt<T>(
  message: string,
  items: readonly PickItem<T>[],
  options: PickOptions,
  io: PickIo,
): Promise<T> {
  if (items.length === 0)
    throw new Error(`pick(${JSON.stringify(message)}) needs at least one item`);
  const text = clean(message);
  if (!(isTTY(io.stdin) && isTTY(io.stderr))) {
    throw new UsageError(
      `refusing to ask "${text}" without a terminal`,
      { hint: options.hint ?? 'pass the name as an argument' },
      'ERR_NOT_INTERACTIVE',
    );
  }
  const fzf = options.fzf === false ? null : findExecutable('fzf', io.env.PATH);
  const index = fzf
    ? await pickWithFzf(fzf, text, items, options, io)
    : await pickWithClack(text, items, io);
  return items[index]!.value;
}

/**
 * Whether every whitespace-separated term of `query` appears in `text` in order, letters not
 * necessarily adjacent (as fzf matches), ignoring case.
 * @example fuzzyMatch('ft lg', 'feat-login  feat/login') // true
 */
export function fuzzyMatch(query: string, text: string): boolean {
  const haystack = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '')
    .every((term) => {
      let at = 0;
      for (const ch of term) {
        at = haystack.indexOf(ch, at);
        if (at === -1) return false;
        at += ch.length;
      }
      return true;
    });
}

/**
 * The absolute path of executable `name` in `path` (a PATH value), or null.
 * @example findExecutable('fzf', process.env.PATH) // '/usr/bin/fzf'
 */
export function findExecutable(name: string, path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue; // a relative PATH entry would depend on the cwd
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

async function pickWithClack<T>(
  message: string,
  items: readonly PickItem<T>[],
  io: PickIo,
): Promise<number> {
  const { autocomplete, isCancel } = await import('@clack/prompts');
  const options = items.map((item, i) => ({
    value: i,
    label: clean(item.label),
    ...(item.hint === undefined ? {} : { hint: clean(item.hint) }),
  }));
  let lastQuery = '';
  const index = await autocomplete<number>({
    message,
    // Called for each query (clack then filters): the items whose name matches come first, so
    // "rem" finds rem-x before a row that only spells r-e-m across its other columns.
    options(this: { userInput: string; focusedValue: number | undefined }) {
      const query = this.userInput.trim();
      if (query === '') return options;
      const rank = (i: number) => nameRank(query, items[i]!.name ?? items[i]!.label);
      const sorted = [...options].sort((a, b) => rank(a.value) - rank(b.value));
      // A new query moves the cursor to the best name match (clack keeps it on the last focused).
      if (query !== lastQuery && sorted[0] && rank(sorted[0].value) < 3) {
        this.focusedValue = sorted[0].value;
      }
      lastQuery = query;
      return sorted;
    },
    placeholder: 'type to filter',
    maxItems: 10,
    filter: (search, option) => fuzzyMatch(search, `${option.label ?? ''} ${option.hint ?? ''}`),
    input: io.stdin,
    output: io.stderr,
    signal: io.signal,
    withGuide: false,
  });
  if (isCancel(index)) throw new InterruptedError('cancelled');
  return index;
}

/**
 * How well `query` matches an item's name: 0 it starts with it, 1 contains it, 2 spells it (fuzzy),
 * 3 not at all (the item may still match on its other columns).
 * @example nameRank('rem', 'rem-x') // 0
 */
export function nameRank(query: string, name: string): number {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  if (n.startsWith(q)) return 0;
  if (n.includes(q)) return 1;
  return fuzzyMatch(query, name) ? 2 : 3;
}

// fzf reads the candidates on stdin and keys from /dev/tty, draws on stderr (the terminal) and
// prints the chosen line on stdout. Each line is `<index>\t<label>  <hint>`; only the label and
// hint are shown and searched.
function pickWithFzf<T>(
  fzf: string,
  message: string,
  items: readonly PickItem<T>[],
  options: PickOptions,
  io: PickIo,
): Promise<number> {
  const lines = items
    .map((item, i) => {
      const label = clean(item.label).replaceAll('\t', ' ');
      const hint = item.hint === undefined ? '' : `  ${clean(item.hint).replaceAll('\t', ' ')}`;
      return `${i}\t${label}${hint}\n`;
    })
    .join('');
  const args = [
    '--height=~40%',
    '--layout=reverse',
    '--no-multi',
    '--delimiter=\t',
    '--with-nth=2..',
    `--prompt=${message} `,
    ...(options.header === undefined ? [] : [`--header=${clean(options.header)}`]),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(fzf, args, {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: io.env,
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.stdin.on('error', () => undefined); // fzf may exit before reading everything
    child.stdin.end(lines);
    child.once('error', (error) =>
      reject(new PlumError('ERR_PICKER', `could not run ${fzf}: ${error.message}`)),
    );
    child.once('close', (code, signal) => {
      const index = Number.parseInt(out.split('\t')[0] ?? '', 10);
      if (code === 0 && Number.isInteger(index) && index >= 0 && index < items.length) {
        resolve(index);
      } else if (code === 1 || code === 130 || signal !== null) {
        reject(new InterruptedError(code === 1 ? 'nothing matched; cancelled' : 'cancelled'));
      } else {
        reject(new PlumError('ERR_PICKER', `fzf failed (exit ${String(code)})`));
      }
    });
  });
}

function clean(text: string): string {
  return sanitizeForTerminal(text, { multiline: false });
}

function isTTY(stream: Readable | Writable): boolean {
  return (stream as { isTTY?: unknown }).isTTY === true;
}
