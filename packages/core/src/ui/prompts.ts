// Questions to the user. Without a terminal they refuse at once (exit 2, with the flag that answers
// instead) — a CLI that waits on a closed or piped stdin hangs CI and agents. @clack/prompts loads
// only when a question is really asked, so non-interactive runs never pay for it.
import type { Readable, Writable } from 'node:stream';
import { InterruptedError, UsageError } from '../errors.js';
import { sanitizeForTerminal } from './sanitize.js';
import { isTTY } from './tty.js';

export interface PromptIo {
  stdin: Readable;
  /** Where the question is drawn: stderr, so stdout stays data. */
  stderr: Writable;
  /** Aborting it cancels an open question (as Ctrl-C does). */
  signal?: AbortSignal | undefined;
}

export interface ConfirmOptions {
  /** The answer preselected on a terminal. Default false. */
  default?: boolean;
  /** `--yes`: answer yes without asking (and without a terminal). */
  yes?: boolean;
}

export interface SelectOption<T> {
  value: T;
  label: string;
  hint?: string;
}

export interface SelectOptions {
  /** What to do instead without a terminal. Default: pass the name as an argument. */
  hint?: string;
}

/** True when a question can be both shown (stderr) and answered (stdin). */
export function canPrompt(io: Pick<PromptIo, 'stdin' | 'stderr'>): boolean {
  return isTTY(io.stdin) && isTTY(io.stderr);
}

/**
 * Asks a yes/no question. `yes` answers true without asking; no terminal → UsageError (exit 2);
 * Ctrl-C → InterruptedError (exit 130).
 * @example if (!(await confirmPrompt('remove feat?', { yes: flags.yes }, io))) return;
 */
export async function confirmPrompt(
  message: string,
  options: ConfirmOptions,
  io: PromptIo,
): Promise<boolean> {
  if (options.yes) return true;
  const text = clean(message);
  requireTerminal(io, text, 'pass --yes to confirm non-interactively');
  const { confirm, isCancel } = await import('@clack/prompts');
  const answer = await confirm({
    message: text,
    initialValue: options.default ?? false,
    input: io.stdin,
    output: io.stderr,
    signal: io.signal,
    withGuide: false,
  });
  if (isCancel(answer)) throw new InterruptedError('cancelled');
  return answer;
}

/**
 * Asks the user to pick one option and returns its value. No terminal → UsageError (exit 2) with
 * `options.hint`; Ctrl-C → InterruptedError (exit 130).
 * @example const wt = await selectPrompt('which worktree?', list.map((w) => ({ value: w, label: w.name })), {}, io);
 */
export async function selectPrompt<T>(
  message: string,
  choices: readonly SelectOption<T>[],
  options: SelectOptions,
  io: PromptIo,
): Promise<T> {
  if (choices.length === 0)
    throw new Error(`select(${JSON.stringify(message)}) needs at least one option`);
  const text = clean(message);
  requireTerminal(io, text, options.hint ?? 'pass the name as an argument');
  const { select, isCancel } = await import('@clack/prompts');
  // clack gets indexes: its Option<T> type is awkward for generic T, and values need no identity.
  const index = await select<number>({
    message: text,
    options: choices.map((choice, i) => ({
      value: i,
      label: clean(choice.label),
      ...(choice.hint === undefined ? {} : { hint: clean(choice.hint) }),
    })),
    input: io.stdin,
    output: io.stderr,
    signal: io.signal,
    withGuide: false,
  });
  if (isCancel(index)) throw new InterruptedError('cancelled');
  return choices[index]!.value;
}

function requireTerminal(io: PromptIo, question: string, hint: string): void {
  if (canPrompt(io)) return;
  throw new UsageError(
    `refusing to ask "${question}" without a terminal`,
    { hint },
    'ERR_NOT_INTERACTIVE',
  );
}

function clean(text: string): string {
  return sanitizeForTerminal(text, { multiline: false });
}
