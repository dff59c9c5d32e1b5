// One error hierarchy for plum and pots: a stable code, its documented exit code (docs/exit-codes.md), a hint.
// Only the CLI boundary prints these; library callers receive them as exceptions.

/** Exit codes shared by both tools (docs/exit-codes.md). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  notFound: 3,
  refused: 4,
  dependency: 5,
  config: 6,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

// A registry symbol, not `instanceof`: a bundled bin and a plugin may hold two copies of core.
const BRAND = Symbol.for('@plumpots/core/error');

export interface PlumErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
  /** Extra lines shown under the message (e.g. the files that would be lost). */
  details?: readonly string[] | undefined;
}

/**
 * Base error of plum and pots.
 * @example throw new NotFoundError('ERR_PLUM_WORKTREE_NOT_FOUND', 'no worktree named "x"', { hint: 'plum list' })
 */
export class PlumError extends Error {
  readonly [BRAND] = true;
  readonly details: readonly string[];
  readonly hint: string | undefined;

  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode = ExitCode.failed,
    options: PlumErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

/** True for any plum/pots error, from whichever copy of core created it. */
export function isPlumError(value: unknown): value is PlumError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

export class UsageError extends PlumError {
  constructor(message: string, options?: PlumErrorOptions, code = 'ERR_USAGE') {
    super(code, message, ExitCode.usage, options);
  }
}

export class NotFoundError extends PlumError {
  constructor(code: string, message: string, options?: PlumErrorOptions) {
    super(code, message, ExitCode.notFound, options);
  }
}

/** Refused to lose work or to clobber something (dirty worktree, unpushed commits, name taken). */
export class RefusedError extends PlumError {
  constructor(code: string, message: string, options?: PlumErrorOptions) {
    super(code, message, ExitCode.refused, options);
  }
}

export class DependencyError extends PlumError {
  constructor(code: string, message: string, options?: PlumErrorOptions) {
    super(code, message, ExitCode.dependency, options);
  }
}

export class ConfigError extends PlumError {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly keyPath: string | undefined,
    options?: PlumErrorOptions,
  ) {
    super('ERR_CONFIG_INVALID', message, ExitCode.config, options);
  }
}

export class InterruptedError extends PlumError {
  constructor(message = 'interrupted', options?: PlumErrorOptions) {
    super('ERR_INTERRUPTED', message, ExitCode.interrupted, options);
  }
}

/** A spawned tool (git, tmux) said no. Keeps the command, its exit code and stderr. */
export class CommandError extends PlumError {
  constructor(
    code: string,
    message: string,
    readonly command: readonly string[],
    readonly commandExitCode: number | null,
    readonly stderr: string,
    options?: PlumErrorOptions,
  ) {
    super(code, message, ExitCode.failed, options);
  }
}

export class GitError extends CommandError {}
export class TmuxError extends CommandError {}

/** An error thrown inside a plugin, re-thrown with the plugin's name and the original as cause. */
export class PluginError extends PlumError {
  constructor(
    readonly plugin: string,
    message: string,
    options?: PlumErrorOptions & { exitCode?: ExitCode },
  ) {
    super(
      'ERR_PLUGIN',
      `plugin ${plugin}: ${message}`,
      options?.exitCode ?? ExitCode.failed,
      options,
    );
  }
}
