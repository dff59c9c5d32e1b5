// The completion spec: the commander program as a tree of commands, options and arguments, with
// where each value comes from (`setCompletion`, `.choices()`); the shell scripts are written from it.
import type { Argument, Command, Option } from 'commander';

/** Where the values of an argument or an option's value come from. */
export type CompletionSource =
  /** File names (the shell's own completion). */
  | 'files'
  /** Directory names (the shell's own completion). */
  | 'dirs'
  /** A fixed list. */
  | { choices: readonly string[] }
  /** Lines printed by `<bin> __complete <dynamic>`. */
  | { dynamic: string };

export type Shell = 'bash' | 'zsh' | 'fish';

/** The shells `completionScript` writes for. */
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

export interface CompletionSources {
  /** By position; a variadic last argument's source applies to every further word. */
  args?: readonly (CompletionSource | undefined)[];
  /** By any of the option's flags (`-C`, `--base`). */
  options?: Readonly<Record<string, CompletionSource>>;
}

interface Annotation {
  args: Map<number, CompletionSource>;
  options: Map<string, CompletionSource>;
}

const annotations = new WeakMap<Command, Annotation>();

/**
 * Says what a command's arguments and option values complete to; later calls add to earlier ones.
 * Arguments and options with `.choices()` complete to those without being named here.
 * @example setCompletion(program.command('path').argument('<name>'), { args: [{ dynamic: 'worktrees' }] })
 */
export function setCompletion(command: Command, sources: CompletionSources): Command {
  const annotation = annotations.get(command) ?? { args: new Map(), options: new Map() };
  sources.args?.forEach((source, index) => {
    if (source !== undefined) annotation.args.set(index, source);
  });
  for (const [flag, source] of Object.entries(sources.options ?? {})) {
    annotation.options.set(flag, source);
  }
  annotations.set(command, annotation);
  return command;
}

export interface CompletionOption {
  /** `['-f', '--force']`, `['--no-color']`. */
  flags: string[];
  description: string;
  takesValue: boolean;
  values: CompletionSource | null;
}

export interface CompletionArgument {
  name: string;
  variadic: boolean;
  values: CompletionSource | null;
}

export interface CompletionCommand {
  name: string;
  aliases: string[];
  description: string;
  options: CompletionOption[];
  args: CompletionArgument[];
  commands: CompletionCommand[];
}

/** What a completion script knows: the program as a tree (the root is the bin itself). */
export interface CompletionSpec extends CompletionCommand {
  /** Options whose values are passed on to `__complete` (e.g. `-C <dir>`: complete in that repo). */
  forward: string[];
}

const WORD = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;
const FLAG = /^--?[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Walks a commander program: visible commands (with the implicit `help`), their aliases, visible
 * options and arguments, and the sources given with `setCompletion` or `.choices()`.
 * @example const spec = completionSpec(createProgram(), { forward: ['-C'] });
 */
export function completionSpec(
  program: Command,
  options: { forward?: readonly string[] } = {},
): CompletionSpec {
  return { ...describeCommand(program), forward: [...(options.forward ?? [])] };
}

function describeCommand(command: Command): CompletionCommand {
  const help = command.createHelp();
  const annotation = annotations.get(command);
  const visible = help.visibleCommands(command);
  const names = visible.map((child) => child.name());
  const commands = visible.map((child) => {
    const described = describeCommand(child);
    // commander's implicit `help [command]` completes to its siblings.
    if (!command.commands.includes(child) && described.args.length === 1) {
      described.args[0]!.values = { choices: names.filter((name) => name !== child.name()) };
    }
    return described;
  });
  return {
    name: checkWord(command.name()),
    aliases: command.aliases().map(checkWord),
    description: firstLine(command.summary() || command.description()),
    options: help.visibleOptions(command).map((option) => describeOption(option, annotation)),
    args: command.registeredArguments.map((argument, index) =>
      describeArgument(argument, index, annotation),
    ),
    commands,
  };
}

function describeOption(option: Option, annotation: Annotation | undefined): CompletionOption {
  const flags = [option.short, option.long].filter((flag): flag is string => !!flag);
  for (const flag of flags) checkFlag(flag);
  const takesValue = option.required || option.optional;
  let values: CompletionSource | null = null;
  if (takesValue) {
    values =
      flags.map((flag) => annotation?.options.get(flag)).find((source) => source) ??
      (option.argChoices ? { choices: option.argChoices } : null);
  }
  return { flags, description: firstLine(option.description), takesValue, values };
}

function describeArgument(
  argument: Argument,
  index: number,
  annotation: Annotation | undefined,
): CompletionArgument {
  const values =
    annotation?.args.get(index) ?? (argument.argChoices ? { choices: argument.argChoices } : null);
  if (values && typeof values === 'object') {
    if ('choices' in values) values.choices.forEach(checkWord);
    else checkWord(values.dynamic);
  }
  return { name: argument.name(), variadic: argument.variadic, values };
}

function checkWord(word: string): string {
  if (!WORD.test(word)) throw new Error(`completion: unsupported name ${JSON.stringify(word)}`);
  return word;
}

function checkFlag(flag: string): string {
  if (!FLAG.test(flag)) throw new Error(`completion: unsupported flag ${JSON.stringify(flag)}`);
  return flag;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
