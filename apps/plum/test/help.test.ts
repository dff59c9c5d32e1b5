// Help that teaches, from the built bin: every command's --help has a one-line purpose and two or
// three examples; a bare `plum` shows a short overview (exit 0); a typo suggests the nearest
// command (exit 2); `--version --verbose` lists every version that matters.
import { readFileSync } from 'node:fs';
import { runCli } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli.js';
import { binDir, which } from './shell-helpers.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const corePkg = JSON.parse(
  readFileSync(new URL('../../../packages/core/package.json', import.meta.url), 'utf8'),
) as { version: string };

const program = await createProgram();
const commands = program.commands.filter((c) => !c.name().startsWith('_')).map((c) => c.name());

describe('plum <command> --help', () => {
  it('covers every command', () => {
    expect(commands).toEqual([
      'create',
      'list',
      'path',
      'cd',
      'remove',
      'prune',
      'init',
      'config',
      'trust',
      'doctor',
      'shell-init',
      'completion',
    ]);
  });

  it.each(commands)('%s: a one-line purpose and 2-3 examples', async (name) => {
    const r = await runCli('plum', [name, '--help']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Usage: plum ${name}`));
    expect(lines[1]).toBe('');
    expect(lines[2]).not.toBe('');
    expect(lines[3]).toBe(''); // the purpose is one line
    const at = lines.indexOf('Examples:');
    expect(at).toBeGreaterThan(0);
    const examples = [];
    for (const line of lines.slice(at + 1)) {
      if (line.trim() === '') break;
      examples.push(line);
    }
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    for (const example of examples) {
      expect(example).toMatch(/^ {2}\S/);
      expect(example).toMatch(/\bplum\b/);
    }
  });
});

describe('plum with no arguments', () => {
  it('prints a short overview of the most used commands, exit 0', async () => {
    const r = await runCli('plum', []);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    for (const usage of ['plum create <branch>', 'plum list', 'plum cd [name]', 'plum remove']) {
      expect(r.stdout).toContain(`  ${usage}`);
    }
    expect(r.stdout).toContain('eval "$(plum shell-init bash)"');
    expect(r.stdout).not.toContain('Options:'); // not the full help
    expect(r.stdout.split('\n').length).toBeLessThan(20);
  });
});

describe('typos', () => {
  it.each([
    ['lsit', 'list'],
    ['rmove', 'remove'],
    ['craete', 'create'],
    ['doctr', 'doctor'],
  ])('plum %s suggests %s, exit 2', async (typo, suggestion) => {
    const r = await runCli('plum', [typo]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`unknown command '${typo}'. Did you mean '${suggestion}'?`);
  });

  it('no suggestion when nothing is close, still exit 2; extra words too', async () => {
    const far = await runCli('plum', ['xyzzy']);
    expect(far.exitCode).toBe(2);
    expect(far.stderr).toContain("unknown command 'xyzzy'.");
    expect(far.stderr).not.toContain('Did you mean');
    const more = await runCli('plum', ['lsit', 'extra', 'words']);
    expect(more.exitCode).toBe(2);
    expect(more.stderr).toContain("unknown command 'lsit'. Did you mean 'list'?");
  });

  it('plum help <command> still works', async () => {
    const r = await runCli('plum', ['help', 'cd']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: plum cd');
  });
});

describe('plum --version', () => {
  it('--verbose: plum, core, git, tmux when installed, node', async () => {
    const r = await runCli('plum', ['--version', '--verbose']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(''); // --verbose means more versions here, not the git commands
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`plum ${pkg.version}`);
    expect(lines[1]).toBe(`@plumpots/core ${corePkg.version}`);
    expect(lines[2]).toMatch(/^git \d+\.\d+/);
    if (which('tmux')) expect(lines[3]).toMatch(/^tmux \d/);
    expect(lines.at(-1)).toBe(`node ${process.versions.node}`);
    const reversed = await runCli('plum', ['--verbose', '-V']);
    expect(reversed.stdout).toBe(r.stdout);
  });

  it('without tmux on PATH, leaves tmux out', async () => {
    const r = await runCli('plum', ['--version', '--verbose'], { env: { PATH: binDir(['git']) } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('tmux');
  });
});
