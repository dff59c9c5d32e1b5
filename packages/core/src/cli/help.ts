// Help that teaches: a short overview for a bare `plum`/`pots`, "did you mean" for a typo, the usage
// line with a missing argument, and `--version --verbose` with every version that matters.
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { distance } from 'fastest-levenshtein';
import { UsageError } from '../errors.js';
import { gitVersion } from '../git/version.js';
import { runProcess } from '../process/spawn.js';

/**
 * `plum remove|rm [options] [names...]`: the command's usage as its `--help` prints it.
 * @example usageLine(program.commands.find((c) => c.name() === 'cd')!) // 'plum cd [options] [name]'
 */
export function usageLine(command: Command): string {
  return command.createHelp().commandUsage(command);
}

/**
 * The UsageError (exit 2) for an argument that was left out where nothing can ask for it: the
 * message says what is missing and why, the usage line follows.
 * @example throw missingArgument(command, 'name', 'no terminal to pick a worktree on', 'plum list shows the names');
 */
export function missingArgument(
  command: Command,
  argument: string,
  reason: string,
  hint?: string,
): UsageError {
  return new UsageError(
    `missing argument '${argument}': ${reason}`,
    { details: [`Usage: ${usageLine(command)}`], ...(hint === undefined ? {} : { hint }) },
    'ERR_USAGE_MISSING_ARGUMENT',
  );
}

/**
 * The visible command (name or alias) nearest to `word`, or null when none is close enough (as
 * commander judges it: at most 3 edits, and more than 40% of the longer word unchanged), else the
 * one command `word` starts.
 * @example suggestCommand(program, 'lsit') // 'list'
 */
export function suggestCommand(program: Command, word: string): string | null {
  const commands = program.createHelp().visibleCommands(program);
  let best: { name: string; distance: number } | null = null;
  for (const command of commands) {
    for (const candidate of [command.name(), ...command.aliases()]) {
      const d = distance(word.toLowerCase(), candidate);
      const length = Math.max(word.length, candidate.length);
      if (d <= 3 && (length - d) / length > 0.4 && (!best || d < best.distance)) {
        best = { name: command.name(), distance: d };
      }
    }
  }
  if (best) return best.name;
  const prefixed = commands.filter((command) => command.name().startsWith(word));
  return prefixed.length === 1 ? prefixed[0]!.name() : null;
}

/**
 * Rejects `word` as a command the way commander does (its error code, exit 2), with the nearest
 * command suggested: `error: unknown command 'lsit'. Did you mean 'list'?`.
 * @example program.action((name) => { if (name) unknownCommand(program, name); })
 */
export function unknownCommand(program: Command, word: string): never {
  const suggestion = suggestCommand(program, word);
  const did = suggestion ? ` Did you mean '${suggestion}'?` : '';
  program.error(
    `error: unknown command '${word}'.${did}\n(${program.name()} --help lists every command)`,
    { code: 'commander.unknownCommand', exitCode: 2 },
  );
}

export interface OverviewOptions {
  /** The commands to show, in order (names; each must exist). */
  commands: readonly string[];
  /** Lines after the list (how to get more help, set-up hints). */
  footer?: readonly string[];
}

/**
 * The short overview a bare `plum` prints: the description, the most used commands with their
 * arguments and purpose, and `footer`.
 * @example renderOverview(program, { commands: ['create', 'list', 'cd'], footer: ['plum --help: every command'] })
 */
export function renderOverview(program: Command, options: OverviewOptions): string {
  const rows = options.commands.map((name) => {
    const command = program.commands.find((c) => c.name() === name);
    if (!command) throw new Error(`overview: no command ${name}`);
    const args = command.registeredArguments.map((arg) => {
      const label = `${arg.name()}${arg.variadic ? '...' : ''}`;
      return arg.required ? `<${label}>` : `[${label}]`;
    });
    return {
      usage: [program.name(), name, ...args].join(' '),
      purpose: (command.summary() || command.description()).split('\n')[0] ?? '',
    };
  });
  const width = Math.max(...rows.map((row) => row.usage.length));
  return [
    program.description(),
    '',
    ...rows.map((row) => `  ${row.usage.padEnd(width)}  ${row.purpose}`),
    ...(options.footer && options.footer.length > 0 ? ['', ...options.footer] : []),
    '',
  ].join('\n');
}

export interface VersionReportOptions {
  /** The tool and its version: `['plum', '0.3.0']`. */
  tool: readonly [name: string, version: string];
  /** Also report tmux (pots needs it; plum shows it when it is there). Default true. */
  tmux?: boolean;
}

/**
 * `--version --verbose`: the tool, @plumpots/core, git, tmux (when found) and node, one per line.
 * A missing git says so instead of failing. Two processes (git, tmux), run concurrently.
 * @example ui.print(await versionReport({ tool: ['plum', version] }))
 */
export async function versionReport(options: VersionReportOptions): Promise<string> {
  const [git, tmux] = await Promise.all([
    gitVersion().then(
      (v) => v.raw.replace(/^git version /, ''),
      () => 'not found',
    ),
    options.tmux === false
      ? Promise.resolve(null)
      : runProcess('tmux', ['-V']).then(
          (r) => (r.exitCode === 0 ? r.stdout.trim().replace(/^tmux /, '') : null),
          () => null,
        ),
  ]);
  const lines = [
    `${options.tool[0]} ${options.tool[1]}`,
    `@plumpots/core ${coreVersion()}`,
    `git ${git}`,
    ...(tmux === null ? [] : [`tmux ${tmux}`]),
    `node ${process.versions.node}`,
  ];
  return lines.join('\n');
}

/** @plumpots/core's version, from its package.json (resolved by name, so bundled copies agree). */
export function coreVersion(): string {
  try {
    const pkg = createRequire(import.meta.url)('@plumpots/core/package.json') as {
      version: string;
    };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}
