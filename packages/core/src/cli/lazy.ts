// Start-up is most of what a CLI costs, and most of it is importing code: a command's module (and
// everything it imports) is loaded only when that command runs. The command word is found in argv
// before commander parses it; commander then parses as usual with only that command registered.
// Anything else (no word, `help`, an unknown word, a typo) registers every command, so help, the
// overview and "did you mean" see them all.
import type { Command } from 'commander';

/** Adds one command to a program. */
export type Registrar = (program: Command) => void;

/** A command that is imported when it runs. */
export interface LazyCommand {
  /** Its name and aliases: `['list', 'ls']`. */
  names: readonly string[];
  /** Imports the command's module and returns its registrar. */
  load: () => Promise<Registrar>;
  /** Of `names`, those that need every command registered (`completion` describes them all). */
  needsAll?: readonly string[];
}

/**
 * The first word of `args` (argv after the script) that is not an option or an option's value.
 * @example commandWord(['-C', 'repo', '--verbose', 'list', '--json'], ['-C']) // 'list'
 */
export function commandWord(
  args: readonly string[],
  valueOptions: readonly string[],
): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return undefined;
    if (valueOptions.includes(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The registrars `args` needs, in `commands` order: only the named command's when the command word
 * names one, else all of them.
 * @example for (const register of await registrarsFor(argv.slice(2), COMMANDS, ['-C'])) register(program);
 */
export async function registrarsFor(
  args: readonly string[],
  commands: readonly LazyCommand[],
  valueOptions: readonly string[],
): Promise<Registrar[]> {
  const word = commandWord(args, valueOptions);
  const named = commands.find((command) => word !== undefined && command.names.includes(word));
  const one = named && !(word !== undefined && named.needsAll?.includes(word));
  return Promise.all((one ? [named] : commands).map((command) => command.load()));
}
