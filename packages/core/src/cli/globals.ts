// What both CLIs' commands share: the global flags -C, --verbose and --no-color, the Ctrl-C
// signal run() sets once, the global options as a command sees them, and the UI built from them.
// Each app adds its own flags around these (pots: -L/-S, --mode) in its cli/shared.ts.
import { Option, type Command } from 'commander';
import { onSpawn } from '../process/spawn.js';
import { formatCommand } from '../ui/format.js';
import { createUi, type Ui } from '../ui/output.js';

/** The global options every plum and pots command accepts. */
export interface CommonGlobalOptions {
  C?: string;
  verbose?: boolean;
  color?: boolean;
  json?: boolean;
}

/**
 * The flags behind {@link CommonGlobalOptions}, for an app to add in its own order.
 * @example command.addOption(globalFlags.directory('plum')).addOption(globalFlags.verbose('print every git command'))
 */
export const globalFlags = {
  directory: (tool: string): Option =>
    new Option('-C <dir>', `run as if ${tool} was started in <dir>`),
  verbose: (description: string): Option => new Option('--verbose', description),
  noColor: (): Option => new Option('--no-color', 'no colours (also NO_COLOR=1)'),
};

let signal: AbortSignal | undefined;

/** Set once by run(): aborted on the first Ctrl-C. */
export function setSignal(value: AbortSignal): void {
  signal = value;
}

/** The signal run() set, if any: what a command's context passes to long calls. */
export function runSignal(): AbortSignal | undefined {
  return signal;
}

/**
 * Options from the command and its ancestors: a value given on the command line (at any level)
 * wins over a default. (commander's optsWithGlobals lets a parent's default, e.g. color: true from
 * --no-color, override the subcommand's explicit value.)
 * @example const options = globalOptions<GlobalOptions>(command)
 */
export function globalOptions<T extends CommonGlobalOptions>(command: Command): T {
  const chain: Command[] = [];
  for (let c: Command | null = command; c; c = c.parent) chain.unshift(c);
  const out: Record<string, unknown> = {};
  const explicit = new Set<string>();
  for (const c of chain) {
    for (const [key, value] of Object.entries(c.opts())) {
      const source = c.getOptionValueSource(key);
      const given = source !== undefined && source !== 'default';
      if (given || !explicit.has(key)) out[key] = value;
      if (given) explicit.add(key);
    }
  }
  return out as T;
}

export interface CommandUiOptions {
  /** With --verbose, which spawns to print (default: all); pots prints tmux calls its own way. */
  echo?: (argv: readonly string[]) => boolean;
}

/**
 * The UI for a command's global options; with --verbose, every git (and other) spawn is printed.
 * @example const ui = commandUi(globalOptions(command))
 */
export function commandUi(options: CommonGlobalOptions, uiOptions: CommandUiOptions = {}): Ui {
  const ui = createUi({ json: options.json, color: options.color, verbose: options.verbose });
  if (options.verbose) {
    const { echo } = uiOptions;
    onSpawn((argv) => {
      if (!echo || echo(argv)) ui.verbose(`$ ${formatCommand(argv)}`);
    });
  }
  return ui;
}
