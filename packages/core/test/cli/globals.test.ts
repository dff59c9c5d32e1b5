// The global options as a command sees them: a value given on the command line at any level wins
// over a default at any other level, which commander's optsWithGlobals does not guarantee.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { globalFlags, globalOptions, type CommonGlobalOptions } from '../../src/cli/globals.js';

interface Seen extends CommonGlobalOptions {
  depth?: string;
}

function parse(argv: string[]): Seen {
  let seen: Seen = {};
  // Positional options: each level parses its own flags, so the child's --depth is the child's.
  const root = new Command('tool')
    .enablePositionalOptions()
    .exitOverride()
    .option('--depth <n>', 'how deep', '1')
    .addOption(globalFlags.directory('tool'))
    .addOption(globalFlags.noColor());
  root
    .command('child')
    .option('--depth <n>', 'how deep', '1')
    .addOption(globalFlags.noColor())
    .action((_opts: unknown, command: Command) => {
      seen = globalOptions<Seen>(command);
    });
  root.parse(argv, { from: 'user' });
  return seen;
}

describe('globalOptions', () => {
  it("keeps the child's explicit value over the parent's default", () => {
    expect(parse(['child', '--depth', '3']).depth).toBe('3');
  });

  it("keeps the parent's explicit value over the child's default", () => {
    expect(parse(['--depth', '2', 'child']).depth).toBe('2');
    expect(parse(['--no-color', 'child']).color).toBe(false);
    expect(parse(['-C', '/tmp', 'child']).C).toBe('/tmp');
  });

  it('gives the defaults when nothing is given', () => {
    expect(parse(['child'])).toEqual({ depth: '1', color: true });
  });
});
