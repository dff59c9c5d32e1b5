// Completion scripts from a commander program: the spec follows the program (visible commands,
// aliases, nested commands, options, choices, sources set with setCompletion), and the generated
// bash script — run in a real bash against a stand-in bin — completes nested commands, skips
// option values, forwards the chosen options to `__complete`, and stops at `--`. The zsh and fish
// scripts are at least valid for their shells (plum's tests drive them for real).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@plumpots/test-fixtures';
import { Argument, Command } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  completionMarker,
  completionScript,
  completionSpec,
  setCompletion,
} from '../../src/cli/completion.js';

/** A pots-like program: nested commands, aliases, choices, a variadic argument, -L forwarded. */
function program(): Command {
  const root = new Command('potsy').description('test program').option('-L, --socket-name <name>');
  root.option('--quiet', 'say less');
  const open = root.command('open').alias('o').description('open a session').argument('[worktree]');
  open.option('-t, --template <name>', 'layout template').option('--json');
  setCompletion(open, {
    args: [{ dynamic: 'worktrees' }],
    options: { '--template': { dynamic: 'templates' } },
  });
  const kill = root.command('kill').description('kill sessions').argument('<sessions...>');
  setCompletion(kill, { args: [{ dynamic: 'sessions' }] });
  const templates = root.command('templates').description('layout templates');
  const show = templates.command('show').description('show one').argument('<name>');
  setCompletion(show, { args: [{ dynamic: 'templates' }] });
  templates.command('import').argument('<file>').option('--write');
  setCompletion(templates.commands[1]!, { args: ['files'] });
  root
    .command('mode')
    .addArgument(new Argument('<mode>').choices(['session', 'window']))
    .description('pick a mode');
  root.command('secret', { hidden: true });
  return root;
}

describe('completionSpec', () => {
  it('walks visible commands, aliases, options, arguments and their sources', () => {
    const spec = completionSpec(program(), { forward: ['-L'] });
    expect(spec.forward).toEqual(['-L']);
    expect(spec.commands.map((c) => c.name)).toEqual(['open', 'kill', 'templates', 'mode', 'help']);
    const open = spec.commands[0]!;
    expect(open).toMatchObject({ name: 'open', aliases: ['o'], description: 'open a session' });
    expect(open.options.map((o) => [o.flags, o.takesValue, o.values])).toEqual([
      [['-t', '--template'], true, { dynamic: 'templates' }],
      [['--json'], false, null],
      [['-h', '--help'], false, null],
    ]);
    expect(open.args).toEqual([
      { name: 'worktree', variadic: false, values: { dynamic: 'worktrees' } },
    ]);
    expect(spec.commands[1]!.args[0]).toMatchObject({ variadic: true });
    expect(spec.commands[2]!.commands.map((c) => c.name)).toEqual(['show', 'import', 'help']);
    expect(spec.commands[3]!.args[0]!.values).toEqual({ choices: ['session', 'window'] });
    // commander's implicit help completes to the other commands.
    expect(spec.commands[4]!.args[0]!.values).toEqual({
      choices: ['open', 'kill', 'templates', 'mode'],
    });
  });

  it('refuses names a script could not carry safely', () => {
    const bad = new Command('x');
    bad.command('ok').argument('<a>');
    setCompletion(bad.commands[0]!, { args: [{ dynamic: 'a b' }] });
    expect(() => completionSpec(bad)).toThrow(/unsupported name "a b"/);
  });
});

describe('bash script', () => {
  /** COMPREPLY for each line, from a real bash with a stand-in `potsy` that logs __complete calls. */
  function complete(lines: readonly string[]): { replies: string[][]; calls: string[] } {
    const dir = tempDir().path;
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const log = join(dir, 'calls');
    writeFileSync(
      join(bin, 'potsy'),
      `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nprintf 'alpha\\tfirst\\nbeta\\nal pha\\n'\n`,
    );
    chmodSync(join(bin, 'potsy'), 0o755);
    const script = join(dir, 'script.bash');
    writeFileSync(
      script,
      completionScript('bash', completionSpec(program(), { forward: ['-L', '--socket-name'] })),
    );
    const driver = `
source "$1"; shift
for line in "$@"; do
  read -ra COMP_WORDS <<<"$line"
  [[ $line == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  _potsy_completion
  (IFS=$'\\x1f'; printf '%s\\n' "\${COMPREPLY[*]}")
done`;
    const out = execFileSync(
      'bash',
      ['--noprofile', '--norc', '-c', driver, 'bash', script, ...lines],
      {
        encoding: 'utf8',
        env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir },
        cwd: dir,
      },
    );
    let calls = '';
    try {
      calls = execFileSync('cat', [log], { encoding: 'utf8' });
    } catch {
      // no call
    }
    return {
      replies: out
        .split('\n')
        .slice(0, lines.length)
        .map((l) => (l === '' ? [] : l.split('\x1f'))),
      calls: calls.split('\n').filter(Boolean),
    };
  }

  it('completes nested commands, choices, dynamic values; skips option values; honours --', () => {
    const { replies, calls } = complete([
      'potsy ',
      'potsy templates ',
      'potsy templates show a',
      'potsy mode w',
      'potsy -L sock open ',
      'potsy o --template ',
      'potsy open --template x ',
      'potsy open w1 ',
      'potsy kill s1 s2 ',
      'potsy open -',
      'potsy open --json ',
      'potsy open -- --json ',
      'potsy nope ',
    ]);
    expect(replies).toEqual([
      ['open', 'kill', 'templates', 'mode', 'help'],
      ['show', 'import', 'help'],
      ['alpha', 'al pha'],
      ['window'],
      ['alpha', 'beta', 'al pha'],
      ['alpha', 'beta', 'al pha'],
      ['alpha', 'beta', 'al pha'], // the option's value was skipped: this is the worktree argument
      [], // [worktree] takes one word
      ['alpha', 'beta', 'al pha'], // <sessions...> takes any number
      ['-t', '--template', '--json', '-h', '--help'],
      ['alpha', 'beta', 'al pha'],
      [], // after --, `--json` is the worktree argument
      [],
    ]);
    expect(calls).toEqual([
      '__complete templates',
      '-L sock __complete worktrees',
      '__complete templates',
      '__complete worktrees',
      '__complete sessions',
      '__complete worktrees',
    ]);
  });

  it("glues back words bash split at ':' and leaves out what bash keeps before it", () => {
    const dir = tempDir().path;
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'potsy'), `#!/bin/sh\nprintf 's1\\ns1:ed\\ns1:ed.1\\ns2:ed\\n'\n`);
    chmodSync(join(bin, 'potsy'), 0o755);
    const script = join(dir, 'script.bash');
    writeFileSync(script, completionScript('bash', completionSpec(program())));
    // COMP_WORDS as an interactive bash makes them (`kill s1:e` → kill s1 : e).
    const driver = `
source "$1"
for words in 'potsy kill s1 :' 'potsy kill s1 : e' 'potsy kill s1 : ed.' 'potsy kill s' 'potsy kill x :'; do
  read -ra COMP_WORDS <<<"$words"
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
  COMP_LINE=\${words// :/:}; COMP_LINE=\${COMP_LINE//: /:}; COMP_POINT=\${#COMP_LINE}
  COMPREPLY=()
  _potsy_completion
  (IFS=$'\\x1f'; printf '%s\\n' "\${COMPREPLY[*]}")
done`;
    const out = execFileSync('bash', ['--noprofile', '--norc', '-c', driver, 'bash', script], {
      encoding: 'utf8',
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir },
      cwd: dir,
    });
    expect(out.split('\n').slice(0, 5)).toEqual([
      ['ed', 'ed.1'].join('\x1f'),
      ['ed', 'ed.1'].join('\x1f'),
      'ed.1',
      ['s1', 's1:ed', 's1:ed.1', 's2:ed'].join('\x1f'),
      '',
    ]);
  });

  it('exports the marker', () => {
    expect(completionMarker('plum')).toBe('PLUM_COMPLETION');
    expect(completionScript('bash', completionSpec(program()))).toContain(
      'export POTSY_COMPLETION=bash',
    );
  });
});

describe('zsh and fish scripts', () => {
  const has = (shell: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${shell}`]);
      return true;
    } catch {
      return false;
    }
  };

  it.skipIf(!has('zsh'))('zsh parses it', () => {
    const file = join(tempDir().path, '_potsy');
    writeFileSync(file, completionScript('zsh', completionSpec(program())));
    expect(() => execFileSync('zsh', ['-n', file])).not.toThrow();
  });

  it.skipIf(!has('fish'))('fish parses it, and completes nested commands', () => {
    const file = join(tempDir().path, 'potsy.fish');
    writeFileSync(file, completionScript('fish', completionSpec(program())));
    execFileSync('fish', ['--no-execute', file]);
    const out = execFileSync(
      'fish',
      [
        '--no-config',
        '-c',
        `source ${file}; complete -C 'potsy templates '; complete -C 'potsy mode '`,
      ],
      { encoding: 'utf8' },
    );
    expect(out).toBe('help\tdisplay help for command\nimport\nshow\tshow one\nsession\nwindow\n');
  });
});
