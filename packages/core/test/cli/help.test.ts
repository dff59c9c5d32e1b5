// Help helpers: the nearest command for a typo, commander-style unknown-command errors, the usage
// line on a missing argument, the overview a bare bin prints, the version report; and the shell
// helpers doctor uses to tell whether shell integration and completions are set up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '@plumpots/test-fixtures';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  missingArgument,
  renderOverview,
  suggestCommand,
  unknownCommand,
  usageLine,
  versionReport,
} from '../../src/cli/help.js';
import {
  completionFiles,
  completionSetupHint,
  completionState,
  detectShell,
  rcFile,
  setupLine,
} from '../../src/cli/shell.js';

function program(): Command {
  const root = new Command('tool').description('tool — does things').exitOverride();
  root.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  root.command('create').alias('add').argument('<branch>').description('make one\nmore words');
  root.command('list').alias('ls').description('list them');
  root.command('remove').argument('[names...]').description('remove some');
  root.command('secret', { hidden: true });
  return root;
}

describe('suggestCommand', () => {
  it.each([
    ['lsit', 'list'],
    ['lst', 'list'],
    ['crate', 'create'],
    ['ad', 'create'], // by its alias
    ['rem', 'remove'], // a unique prefix
    ['zz', null],
    ['secrte', null], // hidden commands are never suggested
  ])('%s → %s', (word, expected) => {
    expect(suggestCommand(program(), word)).toBe(expected);
  });
});

describe('unknownCommand', () => {
  it('throws commander’s unknown-command error (exit 2) with the suggestion', () => {
    const root = program();
    let message = '';
    root.configureOutput({
      writeErr: (text) => (message += text),
      outputError: (text, write) => write(text),
    });
    let error: unknown;
    try {
      unknownCommand(root, 'lsit');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommanderError);
    expect(error).toMatchObject({ code: 'commander.unknownCommand', exitCode: 2 });
    expect(message).toBe(
      "error: unknown command 'lsit'. Did you mean 'list'?\n(tool --help lists every command)\n",
    );
  });
});

describe('missingArgument', () => {
  it('is a UsageError whose details hold the usage line', () => {
    const remove = program().commands.find((c) => c.name() === 'remove')!;
    expect(usageLine(remove)).toBe('tool remove [options] [names...]');
    const error = missingArgument(remove, 'names', 'no terminal', 'tool list');
    expect(error).toMatchObject({
      exitCode: 2,
      code: 'ERR_USAGE_MISSING_ARGUMENT',
      message: "missing argument 'names': no terminal",
      details: ['Usage: tool remove [options] [names...]'],
      hint: 'tool list',
    });
  });
});

describe('renderOverview', () => {
  it('lists the chosen commands with their arguments and first description line', () => {
    expect(
      renderOverview(program(), { commands: ['create', 'remove'], footer: ['more: tool --help'] }),
    ).toBe(
      [
        'tool — does things',
        '',
        '  tool create <branch>    make one',
        '  tool remove [names...]  remove some',
        '',
        'more: tool --help',
        '',
      ].join('\n'),
    );
    expect(() => renderOverview(program(), { commands: ['nope'] })).toThrow(/no command nope/);
  });
});

describe('versionReport', () => {
  it('the tool, core, git and node; tmux only when asked and found', async () => {
    const report = await versionReport({ tool: ['tool', '1.2.3'], tmux: false });
    const lines = report.split('\n');
    expect(lines[0]).toBe('tool 1.2.3');
    expect(lines[1]).toMatch(/^@plumpots\/core \d+\.\d+\.\d+/);
    expect(lines[2]).toMatch(/^git \d+\.\d+/);
    expect(lines[3]).toBe(`node ${process.versions.node}`);
    expect(lines).toHaveLength(4);
  });
});

describe('shell set-up helpers', () => {
  it('detectShell, rcFile, setupLine', () => {
    expect(detectShell({ SHELL: '/usr/local/bin/fish' })).toBe('fish');
    expect(detectShell({ SHELL: '/bin/tcsh' })).toBeNull();
    expect(detectShell({})).toBeNull();
    expect(rcFile('zsh')).toBe('~/.zshrc');
    expect(setupLine('pots', 'completion', 'bash')).toBe('eval "$(pots completion bash)"');
    expect(setupLine('plum', 'shell-init', 'fish')).toBe('plum shell-init fish | source');
  });

  it('completionSetupHint: the line for the rc file, or the file to save for fish', () => {
    expect(completionSetupHint('pots', 'bash')).toBe(
      'add eval "$(pots completion bash)" to ~/.bashrc',
    );
    expect(completionSetupHint('pots', 'zsh')).toBe(
      'add eval "$(pots completion zsh)" to ~/.zshrc (after compinit)',
    );
    expect(completionSetupHint('plum', 'fish')).toBe(
      'plum completion fish > ~/.config/fish/completions/plum.fish',
    );
    expect(completionSetupHint('pots', null)).toBe(
      "load the output of pots completion bash|zsh|fish in your shell's start-up file",
    );
  });

  it('completionState: the marker variable, else a file where the shell looks', () => {
    const home = tempDir().path;
    const env = { HOME: home, SHELL: '/bin/zsh', FPATH: `${home}/fn:relative` };
    expect(completionState('plum', { ...env, PLUM_COMPLETION: 'zsh' })).toEqual({
      shell: 'zsh',
      installed: true,
      evidence: 'PLUM_COMPLETION=zsh',
    });
    expect(completionState('plum', env)).toEqual({
      shell: 'zsh',
      installed: false,
      evidence: null,
    });
    expect(completionFiles('plum', 'zsh', env)[0]).toBe(join(home, 'fn', '_plum'));
    const file = join(home, '.zsh', 'completions', '_plum');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    expect(completionState('plum', env)).toEqual({ shell: 'zsh', installed: true, evidence: file });
    expect(completionFiles('plum', 'bash', { HOME: home })[0]).toBe(
      join(home, '.local/share/bash-completion/completions/plum'),
    );
  });
});
