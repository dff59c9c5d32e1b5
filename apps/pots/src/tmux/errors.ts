// tmux's stderr turned into typed errors. tmux messages are not localized, so matching the text is
// stable; the samples in test/tmux/errors.test.ts were reproduced on tmux 3.3a.
import { ExitCode, TmuxError, type PlumErrorOptions, type SpawnResult } from '@plumpots/core';

/** What went wrong, as far as tmux's stderr (or pots's own checks) tell. */
export type TmuxErrorKind =
  | 'no-server'
  | 'not-found'
  | 'duplicate'
  | 'no-client'
  | 'nested'
  | 'no-terminal'
  | 'permission'
  | 'too-long'
  | 'protocol'
  /** tmux printed something pots could not parse (a format field missing, an older tmux). */
  | 'bad-output'
  /** The pane did not start in the directory pots asked for (tmux falls back silently). */
  | 'wrong-cwd'
  /** The new pane's command ended before pots could check it. */
  | 'exited'
  /** Anything else tmux said no to. */
  | 'failed';

const CODES: Record<TmuxErrorKind, string> = {
  'no-server': 'ERR_TMUX_NO_SERVER',
  'not-found': 'ERR_TMUX_NOT_FOUND',
  duplicate: 'ERR_TMUX_DUPLICATE',
  'no-client': 'ERR_TMUX_NO_CLIENT',
  nested: 'ERR_TMUX_NESTED',
  'no-terminal': 'ERR_TMUX_NO_TERMINAL',
  permission: 'ERR_TMUX_PERMISSION',
  'too-long': 'ERR_TMUX_TOO_LONG',
  protocol: 'ERR_TMUX_PROTOCOL',
  'bad-output': 'ERR_TMUX_BAD_OUTPUT',
  'wrong-cwd': 'ERR_TMUX_WRONG_CWD',
  exited: 'ERR_TMUX_PANE_EXITED',
  failed: 'ERR_TMUX',
};

// Order matters: "error connecting to … (Permission denied)" is a permission problem, not a
// missing server, and a socket path may contain any words.
const PATTERNS: ReadonlyArray<readonly [TmuxErrorKind, RegExp]> = [
  ['protocol', /protocol version mismatch|server exited unexpectedly/],
  ['too-long', /File name too long|command too long/],
  ['permission', /Permission denied|unsafe permissions/],
  ['no-server', /no server running on|error connecting to .*\(No such file or directory\)/],
  ['duplicate', /duplicate session:/],
  ['not-found', /can't find |no such session|no such window|no such pane|session not found/],
  ['no-client', /no current client/],
  ['nested', /sessions should be nested with care/],
  ['no-terminal', /open terminal failed|missing or unsuitable terminal/],
];

/**
 * The kind of failure tmux's stderr describes (`failed` when it matches no known message).
 * @example classifyTmuxStderr("can't find session: x") // 'not-found'
 */
export function classifyTmuxStderr(stderr: string): TmuxErrorKind {
  for (const [kind, pattern] of PATTERNS) if (pattern.test(stderr)) return kind;
  return 'failed';
}

/** The exit code each kind maps to (docs/exit-codes.md). */
export function exitCodeForKind(kind: TmuxErrorKind): ExitCode {
  if (kind === 'not-found') return ExitCode.notFound;
  if (kind === 'duplicate') return ExitCode.refused;
  return ExitCode.failed;
}

/** A hint a person can act on, for a kind and the exact message tmux printed. */
export function hintFor(
  kind: TmuxErrorKind,
  stderr: string,
  env: Readonly<Record<string, string | undefined>> = {},
): string | undefined {
  switch (kind) {
    case 'no-server':
      return 'no tmux server is running on this socket; the first new session starts one';
    case 'not-found':
      return 'it may have just exited or been killed; list what exists with `tmux ls`';
    case 'duplicate':
      return 'pick another name, or attach to the existing session';
    case 'no-client':
      return 'no tmux client is attached to act on: run this from inside tmux, or attach first';
    case 'nested':
      return 'you are inside tmux already: switch sessions with `tmux switch-client`, or unset TMUX to nest on purpose';
    case 'no-terminal': {
      const term = /missing or unsuitable terminal: (\S+)/.exec(stderr)?.[1] ?? env.TERM;
      if (/not a terminal/.test(stderr)) {
        return 'stdin is not a terminal: attach from an interactive terminal (or print the attach command instead)';
      }
      if (term === undefined || term === '' || /does not support clear/.test(stderr)) {
        return 'TERM is unset or too limited for tmux: set it, e.g. TERM=xterm-256color';
      }
      return `TERM=${term} has no terminfo entry on this host (try TERM=xterm-256color)`;
    }
    case 'permission':
      return /unsafe permissions/.test(stderr)
        ? "tmux's socket directory must be owned by you with mode 700: check TMUX_TMPDIR or the -S path"
        : 'the tmux socket belongs to another user (running under sudo?): use your own socket, never delete one that is not yours';
    case 'too-long':
      return /command too long/.test(stderr)
        ? 'tmux accepts about 16 KB of arguments per invocation: split the commands into several calls'
        : 'the socket path exceeds the ~107-byte limit (104 on macOS): use a shorter TMUX_TMPDIR or -S path';
    case 'protocol':
      return /protocol version mismatch/.test(stderr)
        ? 'the running tmux server is another version than this tmux client (upgraded?): use the old binary, or save your work and restart the server'
        : 'the tmux server exited while pots was talking to it: try again';
    case 'bad-output':
      return `pots needs tmux ≥ 3.2; check \`tmux -V\``;
    case 'wrong-cwd':
      return 'tmux silently starts elsewhere when a directory is missing or unreadable: check the path';
    case 'exited':
      return 'the command exited at once; run it by hand in that directory to see why';
    case 'failed':
      return undefined;
  }
}

export interface TmuxCommandErrorInit {
  kind: TmuxErrorKind;
  message: string;
  /** The full argv, `tmux` first. */
  command?: readonly string[];
  commandExitCode?: number | null;
  stderr?: string;
  hint?: string | undefined;
  cause?: unknown;
}

/**
 * A classified tmux failure. Still a core `TmuxError` (code, command, stderr), with `kind` and the
 * exit code of its kind: not-found → 3, duplicate → 4, anything else → 1.
 */
export class TmuxCommandError extends TmuxError {
  override readonly exitCode: ExitCode;
  readonly kind: TmuxErrorKind;

  constructor(init: TmuxCommandErrorInit) {
    const options: PlumErrorOptions = { hint: init.hint ?? hintFor(init.kind, init.stderr ?? '') };
    if (init.cause !== undefined) options.cause = init.cause;
    super(
      CODES[init.kind],
      init.message,
      init.command ?? [],
      init.commandExitCode ?? null,
      init.stderr ?? '',
      options,
    );
    this.kind = init.kind;
    this.exitCode = exitCodeForKind(init.kind);
  }
}

/** True when `error` is a classified tmux failure (of `kind`, when given). */
export function isTmuxError(error: unknown, kind?: TmuxErrorKind): error is TmuxCommandError {
  return error instanceof TmuxCommandError && (kind === undefined || error.kind === kind);
}

/**
 * Turns a failed tmux run into a classified error whose message is tmux's own first line.
 * @example throw tmuxFailure(result, { args: ['kill-session', '-t', '$3'] })
 */
export function tmuxFailure(
  result: SpawnResult,
  context: { args?: readonly string[]; env?: Readonly<Record<string, string | undefined>> } = {},
): TmuxCommandError {
  const said =
    result.stderr
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? '';
  const name = context.args?.[0] ?? subcommand(result.command);
  const what = `tmux ${name}`.trim();
  const kind = classifyTmuxStderr(result.stderr);
  let message: string;
  if (said) message = `${what}: ${said}`;
  else if (result.signal) message = `${what} was killed by ${result.signal} (timed out?)`;
  else message = `${what} failed with exit code ${String(result.exitCode)}`;
  return new TmuxCommandError({
    kind,
    message,
    command: result.command,
    commandExitCode: result.exitCode,
    stderr: result.stderr,
    hint: hintFor(kind, result.stderr, context.env),
  });
}

// The first argument after tmux's global flags (`-u`, `-L x`, `-S x`, `-f x`).
function subcommand(command: readonly string[]): string {
  for (let i = 1; i < command.length; i++) {
    const arg = command[i]!;
    if (arg === '-L' || arg === '-S' || arg === '-f') i++;
    else if (!/^-[uv2CDlN]+$/.test(arg)) return arg;
  }
  return '';
}
