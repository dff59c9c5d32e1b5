// The process boundary of both CLIs: the only place that prints an error and exits. Everything
// below it throws typed errors and returns data.
import pc from 'picocolors';
import { ExitCode, isPlumError } from '../errors.js';
import { waitForChildren } from '../process/spawn.js';
import { sanitizeForTerminal } from '../ui/sanitize.js';

export interface BoundaryOptions {
  /** Colour decision for the error line (NO_COLOR / FORCE_COLOR / --no-color already applied). */
  color?: boolean;
  /** Where the error goes (default process.stderr). */
  stderr?: NodeJS.WritableStream;
}

/**
 * Runs a CLI's main function: catches every error once, prints `✗ message` and its hint, and exits
 * with its code. The first SIGINT/SIGTERM aborts `signal`, waits for running children and for main
 * to roll back, then exits 130; a second one exits at once.
 * @example await runBoundary((signal) => main(argv, signal));
 */
export async function runBoundary(
  main: (signal: AbortSignal) => Promise<number | void>,
  options: BoundaryOptions = {},
): Promise<never> {
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(ExitCode.interrupted);
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `plum list | head`: the reader left; that is not our failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(interrupted ? ExitCode.interrupted : ExitCode.ok);
  });
  let code: number;
  try {
    code = (await main(controller.signal)) ?? ExitCode.ok;
    if (interrupted) code = ExitCode.interrupted;
  } catch (error) {
    if (interrupted) await waitForChildren();
    code = interrupted ? ExitCode.interrupted : exitCodeOf(error);
    const stderr = options.stderr ?? process.stderr;
    stderr.write(formatError(error, options.color ?? false, interrupted));
  }
  return exit(code);
}

/** The exit code an error maps to (commander's own errors are usage errors, exit 2). */
export function exitCodeOf(error: unknown): number {
  if (isPlumError(error)) return error.exitCode;
  if (isCommanderError(error)) return error.exitCode === 0 ? 0 : ExitCode.usage;
  return ExitCode.failed;
}

/** `✗ message`, detail lines, and `hint: …`, as printed on stderr. */
export function formatError(error: unknown, color: boolean, interrupted = false): string {
  if (isCommanderError(error)) return ''; // commander already printed its message and usage.
  const c = pc.createColors(color);
  const lines: string[] = [];
  if (isPlumError(error)) {
    lines.push(`${c.red('✗')} ${error.message}`);
    for (const detail of error.details) lines.push(`  ${detail}`);
    if (error.hint) lines.push(c.dim(`  hint: ${error.hint}`));
  } else if (interrupted) {
    lines.push(`${c.red('✗')} interrupted`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`${c.red('✗')} unexpected error: ${message}`);
    if (process.env.PLUM_DEBUG && error instanceof Error && error.stack) lines.push(error.stack);
    else lines.push(c.dim('  hint: set PLUM_DEBUG=1 for a stack trace, and please report it'));
  }
  // Messages carry branch names, paths and git/tmux stderr: never let them drive the terminal.
  return `${lines.map((line) => sanitizeForTerminal(line, { keepSgr: color })).join('\n')}\n`;
}

interface CommanderLikeError {
  code: string;
  exitCode: number;
}

function isCommanderError(error: unknown): error is CommanderLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('commander.')
  );
}

// process.exit() can cut off output still queued for a pipe: flush stdout and stderr first.
async function exit(code: number): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
    ),
  );
  process.exit(code);
}
