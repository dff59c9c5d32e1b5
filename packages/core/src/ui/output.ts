// The one way plum and pots talk to the user. stdout carries results (a path, a table, or with
// --json the JSON alone); stderr carries everything meant for a person reading along: messages,
// spinners, questions. Every string that may hold untrusted text is sanitized on the way out.
import type { Readable, Writable } from 'node:stream';
import { createPalette, shouldUseColor, type Palette } from './colors.js';
import {
  canPrompt,
  confirmPrompt,
  selectPrompt,
  type ConfirmOptions,
  type SelectOption,
  type SelectOptions,
} from './prompts.js';
import { pickPrompt, type PickItem, type PickOptions } from './picker.js';
import { sanitizeForTerminal } from './sanitize.js';
import { createSpinner, type Spinner } from './spinner.js';
import { isTTY } from './tty.js';
// The table layout (cli-table3) loads on first use. Nothing in a bin may import('…/ui/index.js')
// (the barrel) dynamically: a barrel loaded as a namespace keeps every module it re-exports in
// the start-up chunks, table layout included.
import type { Column } from './table.js';

export interface CreateUiOptions {
  /** --json: stdout carries JSON alone; info/success lines and spinners are silenced. */
  json?: boolean | undefined;
  /** commander's `--no-color` (false when given). NO_COLOR/FORCE_COLOR and TTYs decide the rest. */
  color?: boolean | undefined;
  /** --verbose: print `verbose()` lines (every git/tmux command). */
  verbose?: boolean | undefined;
  /** --quiet: silence info/success lines and spinners. Warnings still print. */
  quiet?: boolean | undefined;
  stdout?: Writable | undefined;
  stderr?: Writable | undefined;
  stdin?: Readable | undefined;
  env?: Record<string, string | undefined> | undefined;
  /** Cancels an open question when aborted (runBoundary's signal). */
  signal?: AbortSignal | undefined;
}

export interface Ui {
  /** The modes in force, for commands that render differently (e.g. skip work only --json needs). */
  readonly mode: Readonly<{ json: boolean; verbose: boolean; quiet: boolean }>;
  /** Palettes for text bound to stdout and to stderr (identity functions when colour is off). */
  readonly colors: Readonly<{ stdout: Palette; stderr: Palette }>;
  /** Writes `value` as indented JSON to stdout. Control and bidi characters stay `\u` escapes. */
  json(value: unknown): void;
  /** A result line (a path, a name) to stdout. Dropped with --json: stdout is the JSON's alone. */
  print(text: string): void;
  /** `text` to stdout as given, unsanitized: only for an explicit `--raw`. Dropped with --json. */
  printRaw(text: string): void;
  /** `· text` on stderr; silenced by --json and --quiet. */
  info(text: string): void;
  /** `✓ text` on stderr; silenced by --json and --quiet. */
  success(text: string): void;
  /** `! text` on stderr, always. */
  warn(text: string): void;
  /** A dim line on stderr, only with --verbose. */
  verbose(text: string): void;
  /**
   * The rows as a borderless table for stdout (header line included, no final newline). Async: the
   * table layout (cli-table3, string-width) loads on first use, so --json output never loads it.
   */
  table<Row extends object>(rows: readonly Row[], columns: readonly Column<Row>[]): Promise<string>;
  /** Prints `table(rows, columns)` to stdout. Dropped with --json (and nothing loaded). */
  printTable<Row extends object>(
    rows: readonly Row[],
    columns: readonly Column<Row>[],
  ): Promise<void>;
  /** A spinner on stderr; silent but for its final line when stderr is not an interactive TTY. */
  spinner(text: string): Spinner;
  /** Yes/no; `yes` answers without asking; no terminal → UsageError (exit 2); Ctrl-C → exit 130. */
  confirm(message: string, options?: ConfirmOptions): Promise<boolean>;
  /** One of `options`; no terminal → UsageError (exit 2) with `hint`; Ctrl-C → exit 130. */
  select<T>(
    message: string,
    options: readonly SelectOption<T>[],
    selectOptions?: SelectOptions,
  ): Promise<T>;
  /**
   * One of `items`, picked by typing part of it (fzf when on PATH, else a built-in autocomplete);
   * no terminal → UsageError (exit 2) with `hint`; Esc/Ctrl-C → exit 130.
   */
  pick<T>(message: string, items: readonly PickItem<T>[], options?: PickOptions): Promise<T>;
  /** stdin and stderr are both terminals: questions can be asked. */
  isInteractive(): boolean;
}

/**
 * Builds the UI for one command run from its global flags.
 * @example const ui = createUi({ json: opts.json, color: opts.color, verbose: opts.verbose });
 * ui.success(`created ${name}`); ui.print(path);
 */
export function createUi(options: CreateUiOptions = {}): Ui {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const stdin = options.stdin ?? process.stdin;
  const env = options.env ?? process.env;
  const json = options.json ?? false;
  const quiet = options.quiet ?? false;
  const verbose = options.verbose ?? false;
  const outColor = shouldUseColor({ stream: stdout, env, flag: options.color });
  const errColor = shouldUseColor({ stream: stderr, env, flag: options.color });
  const out = createPalette(outColor);
  const err = createPalette(errColor);
  const io = { stdin, stderr, signal: options.signal };

  const toStdout = (text: string) => sanitizeForTerminal(text, { keepSgr: outColor });
  const message = (symbol: string, text: string) => {
    // Continuation lines line up under the text, not under the symbol.
    const body = sanitizeForTerminal(text, { keepSgr: errColor }).replaceAll('\n', '\n  ');
    stderr.write(`${symbol} ${body}\n`);
  };
  const chatty = !json && !quiet;

  const ui: Ui = {
    mode: { json, verbose, quiet },
    colors: { stdout: out, stderr: err },
    json(value) {
      stdout.write(`${escapeJsonControls(JSON.stringify(value ?? null, null, 2))}\n`);
    },
    print(text) {
      if (!json) stdout.write(`${toStdout(text)}\n`);
    },
    printRaw(text) {
      if (!json) stdout.write(text);
    },
    info(text) {
      if (chatty) message(err.dim('·'), text);
    },
    success(text) {
      if (chatty) message(err.green('✓'), text);
    },
    warn(text) {
      message(err.yellow('!'), text);
    },
    verbose(text) {
      if (verbose) stderr.write(`${err.dim(sanitizeForTerminal(text, { keepSgr: errColor }))}\n`);
    },
    async table(rows, columns) {
      const { renderTable } = await import('./table.js');
      return renderTable(rows, columns, { color: outColor, palette: out });
    },
    async printTable(rows, columns) {
      if (!json) stdout.write(`${await ui.table(rows, columns)}\n`);
    },
    spinner(text) {
      return createSpinner(text, {
        stream: stderr,
        animate: chatty && isTTY(stderr) && animates(env),
        palette: err,
        color: errColor,
        showSuccess: chatty,
      });
    },
    confirm(question, confirmOptions = {}) {
      return confirmPrompt(question, confirmOptions, io);
    },
    select(question, choices, selectOptions = {}) {
      return selectPrompt(question, choices, selectOptions, io);
    },
    pick(question, items, pickOptions = {}) {
      return pickPrompt(question, items, pickOptions, { ...io, env });
    },
    isInteractive() {
      return canPrompt(io);
    },
  };
  return ui;
}

// yocto-spinner reads process.env itself and draws line-per-frame output on a TTY when CI is set or
// TERM is dumb; check both so it only ever runs where it really animates.
function animates(env: Record<string, string | undefined>): boolean {
  return [env, process.env].every((e) => e.CI === undefined && e.TERM !== 'dumb');
}

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls and bidi overrides raw; those could
// still act on a terminal showing the JSON. Escaped, the JSON means the same and is safe to print.
function escapeJsonControls(text: string): string {
  return text.replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
