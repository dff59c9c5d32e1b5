// Help that teaches, from the built bin: every command's --help has a one-line purpose and at least
// two examples; a bare `pots` shows a short overview (exit 0); a typo suggests the nearest command
// (exit 2); `--version --verbose` lists every version that matters, while a bare `--version`
// stays the bin's fast path.
import { readFileSync } from 'node:fs';
import { binDir, runCli, which } from '@plumpots/test-fixtures';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const corePkg = JSON.parse(
  readFileSync(new URL('../../../packages/core/package.json', import.meta.url), 'utf8'),
) as { version: string };

/** Every visible command and subcommand, as the words that run it: `['templates', 'show']`. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands
    .filter((c) => !c.name().startsWith('_') && !(c as { _hidden?: boolean })._hidden)
    .flatMap((c) => [[...prefix, c.name()], ...commandPaths(c, [...prefix, c.name()])]);
}

const program = await createProgram();
const paths = commandPaths(program);
const byPath = (path: readonly string[]): Command =>
  path.reduce<Command>((at, name) => at.commands.find((c) => c.name() === name)!, program);

describe('pots <command> --help', () => {
  it('covers every command, completion included', () => {
    expect(paths.filter((p) => p.length === 1).map((p) => p[0])).toEqual([
      'open',
      'create',
      'list',
      'attach',
      'detach',
      'info',
      'kill',
      'cleanup',
      'apply',
      'templates',
      'spawn',
      'send',
      'broadcast',
      'capture',
      'logs',
      'ps',
      'wait',
      'stop',
      'hooks',
      'report',
      'status-line',
      'mcp',
      'dash',
      'doctor',
      'completion',
    ]);
    expect(paths).toContainEqual(['templates', 'show']);
  });

  it.each(paths.map((p) => [p.join(' '), p] as const))(
    '%s: a one-line purpose and at least 2 examples',
    async (_name, path) => {
      const description = byPath(path).description();
      expect(description).not.toContain('\n');
      const r = await runCli('pots', [...path, '--help']);
      expect(r.exitCode).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^Usage: pots ${path.join(' ')}`));
      expect(lines[1]).toBe('');
      // commander wraps a long purpose to the width: the paragraph is the description.
      const end = lines.indexOf('', 2);
      expect(lines.slice(2, end).join(' ')).toBe(description.replace(/\s+/g, ' '));
      const at = lines.indexOf('Examples:');
      expect(at).toBeGreaterThan(end);
      const block = [];
      for (const line of lines.slice(at + 1)) {
        if (line.trim() === '') break;
        block.push(line);
      }
      // An example is a line indented by two; a longer indent continues the one before.
      const examples = block.filter((line) => /^ {2}\S/.test(line));
      expect(examples.length).toBeGreaterThanOrEqual(2);
      expect(block[0]).toBe(examples[0]);
      for (const example of examples) expect(example).toMatch(/\bpots\b/);
    },
  );

  it('attach and open say what a left-out name means, with and without a terminal', async () => {
    for (const name of ['attach', 'open']) {
      const r = await runCli('pots', [name, '--help']);
      expect(r.stdout).toMatch(/pick one \(fzf when installed\)/);
      expect(r.stdout).toMatch(
        /without a terminal it means the (session of the )?worktree you are in/,
      );
    }
  });
});

describe('pots with no arguments', () => {
  it('prints a short overview of the most used commands, exit 0', async () => {
    const r = await runCli('pots', []);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    for (const usage of [
      'pots open [worktree] [task]',
      'pots list',
      'pots attach [name]',
      'pots spawn [worktree] [command...]',
      'pots logs <target>',
    ]) {
      expect(r.stdout).toContain(`  ${usage}`);
    }
    expect(r.stdout).toContain('eval "$(pots completion bash)"');
    expect(r.stdout).not.toContain('Options:'); // not the full help
    expect(r.stdout.split('\n').length).toBeLessThan(20);
  });

  it('global flags alone still show it', async () => {
    const r = await runCli('pots', ['-L', 'nowhere', '--no-color']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('  pots open [worktree] [task]');
  });
});

describe('typos', () => {
  it.each([
    ['lsit', 'list'],
    ['atach', 'attach'],
    ['spwan', 'spawn'],
    ['doctr', 'doctor'],
    ['complete', 'completion'],
  ])('pots %s suggests %s, exit 2', async (typo, suggestion) => {
    const r = await runCli('pots', [typo]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`unknown command '${typo}'. Did you mean '${suggestion}'?`);
  });

  it('no suggestion when nothing is close, still exit 2; extra words too', async () => {
    const far = await runCli('pots', ['xyzzy']);
    expect(far.exitCode).toBe(2);
    expect(far.stderr).toContain("unknown command 'xyzzy'.");
    expect(far.stderr).not.toContain('Did you mean');
    const more = await runCli('pots', ['lsit', 'extra', 'words']);
    expect(more.exitCode).toBe(2);
    expect(more.stderr).toContain("unknown command 'lsit'. Did you mean 'list'?");
  });

  it('pots help <command> still works', async () => {
    const r = await runCli('pots', ['help', 'attach']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: pots attach');
  });
});

describe('pots --version', () => {
  it('bare: the version alone (the fast path)', async () => {
    for (const flag of ['--version', '-V']) {
      expect(await runCli('pots', [flag])).toEqual({
        exitCode: 0,
        stdout: `${pkg.version}\n`,
        stderr: '',
      });
    }
  });

  it('--verbose: pots, core, git, tmux, node', async () => {
    const r = await runCli('pots', ['--version', '--verbose']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(''); // --verbose means more versions here, not the commands behind them
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`pots ${pkg.version}`);
    expect(lines[1]).toBe(`@plumpots/core ${corePkg.version}`);
    expect(lines[2]).toMatch(/^git \d+\.\d+/);
    if (which('tmux')) expect(lines[3]).toMatch(/^tmux \d/);
    expect(lines.at(-1)).toBe(`node ${process.versions.node}`);
    const reversed = await runCli('pots', ['--verbose', '-V']);
    expect(reversed.stdout).toBe(r.stdout);
  });

  it('without tmux on PATH, says so by leaving it out', async () => {
    const r = await runCli('pots', ['--version', '--verbose'], { env: { PATH: binDir(['git']) } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('tmux');
  });
});
