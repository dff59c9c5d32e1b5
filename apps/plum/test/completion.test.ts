// `plum completion`: the generated scripts, sourced into real shells with the built bin on PATH,
// complete commands, each command's options, worktree names and branches (read by the hidden
// `plum __complete` with one git call), in the `-C` repository when one is given. The static part
// comes from the commander program, so every visible command and option is in it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onSpawn } from '@plumpots/core';
import {
  gitRepo,
  hermeticEnv,
  retryUntil,
  runCli,
  tempDir,
  tmuxServer,
  type GitRepo,
} from '@plumpots/test-fixtures';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionValues, COMPLETION_KINDS } from '../src/api/complete.js';
import { createProgram } from '../src/cli.js';
import { binDir, runShell, which, BASE_TOOLS } from './shell-helpers.js';

beforeAll(() => {
  const dir = tempDir('pe-');
  Object.assign(process.env, hermeticEnv(dir.path));
  return dir.cleanup;
});

function fixture(): GitRepo {
  const repo = gitRepo();
  repo.addOrigin();
  repo.worktree('feat/login', { newBranch: true }); // name feat-login
  repo.worktree('fix-1', { newBranch: true });
  // A branch only on origin: `plum create` takes its short name.
  repo.branch('teammate');
  repo.git(['push', '-q', 'origin', 'teammate']);
  repo.git(['branch', '-D', 'teammate']);
  repo.git(['tag', 'v1']);
  return repo;
}

async function scriptFile(repo: GitRepo, shell: 'bash' | 'zsh' | 'fish'): Promise<string> {
  const r = await runCli('plum', ['completion', shell], { cwd: repo.path, env: repo.env });
  expect(r.exitCode).toBe(0);
  const file = join(tempDir('pc-').path, `plum.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

/** COMPREPLY for each command line (the cursor at its end), completed by a real bash. */
async function bashComplete(repo: GitRepo, lines: readonly string[]): Promise<string[][]> {
  const file = await scriptFile(repo, 'bash');
  const script = `
source "$1"; shift
for line in "$@"; do
  read -ra COMP_WORDS <<<"$line"
  [[ $line == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE=$line; COMP_POINT=\${#line}
  COMPREPLY=()
  _plum_completion
  printf '%s\\n' "$(IFS=$'\\x1f'; printf '%s' "\${COMPREPLY[*]}")"
done`;
  const bash = which('bash')!;
  const env = { ...repo.env, PATH: `${binDir()}:${process.env.PATH ?? ''}` };
  const r = await execa(bash, ['--noprofile', '--norc', '-c', script, 'bash', file, ...lines], {
    cwd: repo.path,
    env,
    extendEnv: false,
    reject: false,
  });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').map((line) => (line === '' ? [] : line.split('\x1f')));
}

const visibleCommands = async () => {
  const program = await createProgram();
  return program
    .createHelp()
    .visibleCommands(program)
    .map((c) => c.name());
};

describe('bash completion', () => {
  it('completes commands, options, worktrees, branches and refs', async () => {
    const repo = fixture();
    const other = gitRepo({ name: 'other' });
    other.worktree('elsewhere', { newBranch: true });
    const [commands, prefix, rm, rmMore, path, createFlags, base, branch, chdir, shells, typo] =
      await bashComplete(repo, [
        'plum ',
        'plum re',
        'plum rm ',
        'plum remove fix-1 f',
        'plum --verbose path ',
        'plum create --',
        'plum create --base ',
        'plum add ',
        `plum -C ${other.path} cd `,
        'plum completion ',
        'plum lsit ',
      ]);
    expect(commands).toEqual(await visibleCommands());
    expect(commands).not.toContain('__complete');
    expect(prefix).toEqual(['remove']);
    // remove: linked worktrees only (never the main one), by name and by branch.
    expect(rm).toEqual(['feat-login', 'fix-1', 'feat/login']);
    expect(rmMore).toEqual(['feat-login', 'fix-1', 'feat/login']); // variadic
    expect(path).toEqual(['repo', 'feat-login', 'fix-1', 'main', 'feat/login']);
    const create = (await createProgram()).commands.find((c) => c.name() === 'create')!;
    expect(createFlags).toEqual(
      create.options.flatMap((o) => (o.long ? [o.long] : [])).concat('--help'),
    );
    expect(base).toEqual(['feat/login', 'fix-1', 'main', 'origin/main', 'origin/teammate', 'v1']);
    expect(branch).toEqual(['feat/login', 'fix-1', 'main', 'teammate']);
    expect(chdir).toEqual(['other', 'elsewhere', 'main']);
    expect(shells).toEqual(['bash', 'zsh', 'fish']);
    expect(typo).toEqual([]);
  });

  it('exports PLUM_COMPLETION for plum doctor', async () => {
    const repo = fixture();
    const file = await scriptFile(repo, 'bash');
    const r = await runShell('bash', `source "${file}"; printf %s "$PLUM_COMPLETION"`, {
      cwd: repo.path,
      env: { ...repo.env, PATH: process.env.PATH ?? '' },
    });
    expect(r.stdout).toBe('bash');
  });
});

describe('plum __complete', () => {
  it('prints value<TAB>description lines, and nothing (exit 0) outside a repository', async () => {
    const repo = fixture();
    const r = await runCli('plum', ['__complete', 'linked'], { cwd: repo.path, env: repo.env });
    expect(r).toEqual({
      exitCode: 0,
      stdout: 'feat-login\tfeat/login\nfix-1\tfix-1\nfeat/login\tworktree feat-login\n',
      stderr: '',
    });
    const outside = await runCli('plum', ['__complete', 'worktrees'], {
      cwd: tempDir().path,
      env: repo.env,
    });
    expect(outside).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('is hidden from help', async () => {
    const repo = fixture();
    const r = await runCli('plum', ['--help'], { cwd: repo.path, env: repo.env });
    expect(r.stdout).not.toContain('__complete');
  });

  it.each(COMPLETION_KINDS)('%s costs one git process and reads no config', async (kind) => {
    const repo = fixture();
    // A broken config would fail any command that reads it.
    writeFileSync(join(repo.path, '.plumrc.yaml'), 'worktrees: [not, an, object]\n');
    const spawned: string[][] = [];
    const off = onSpawn((argv) => spawned.push([...argv]));
    try {
      const values = await completionValues(repo.path, kind);
      expect(values.length).toBeGreaterThan(0);
    } finally {
      off();
    }
    expect(spawned).toHaveLength(1);
    expect(spawned[0]![0]).toBe('git');
  });
});

describe.skipIf(which('fish') === null)('fish completion', () => {
  it('completes commands with descriptions, worktrees and option values', async () => {
    const repo = fixture();
    const file = await scriptFile(repo, 'fish');
    const r = await runShell(
      'fish',
      `source ${file}; for line in 'plum ' 'plum rm ' 'plum create --base ' 'plum create --n'
  complete -C "$line"; echo ---
end`,
      { cwd: repo.path, env: { ...repo.env, PATH: `${binDir()}:${process.env.PATH ?? ''}` } },
    );
    expect(r.stderr).toBe('');
    const [commands, rm, base, flags] = r.stdout.split('---\n');
    expect(commands).toContain('create\tcreate a worktree for a branch and print its path\n');
    expect(
      rm!
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0])
        .sort(),
    ).toEqual(['feat-login', 'feat/login', 'fix-1']);
    expect(base).toContain('origin/teammate\tremote branch\n');
    expect(base).not.toContain('teammate\ton origin'); // --base takes refs, not the branch list
    expect(flags).toContain('--no-hooks\t');
    expect(flags).toContain('--no-copy\t');
  });
});

describe.skipIf(which('zsh') === null)('zsh completion', () => {
  const server = tmuxServer();
  afterAll(() => server.kill());

  it('completes in an interactive zsh (compinit, then eval)', async () => {
    const repo = gitRepo();
    repo.worktree('solo', { newBranch: true });
    const file = await scriptFile(repo, 'zsh');
    const zdotdir = tempDir('pz-').path;
    writeFileSync(
      join(zdotdir, '.zshrc'),
      `PS1='%% '\nautoload -Uz compinit && compinit -u -d ${zdotdir}/.zcompdump\nsource ${file}\n`,
    );
    const vars = Object.entries({
      ...repo.env,
      PATH: `${binDir(BASE_TOOLS)}`,
      ZDOTDIR: zdotdir,
      TERM: 'xterm-256color',
    }).map(([k, v]) => `${k}=${v}`);
    server.tmux([
      'new-session',
      '-d',
      '-s',
      'z',
      '-x',
      '120',
      '-y',
      '30',
      '-c',
      repo.path,
      '/usr/bin/env',
      '-i',
      ...vars,
      which('zsh')!,
    ]);
    const screen = () => server.tmux(['capture-pane', '-p', '-t', 'z']);
    await retryUntil(() => screen().includes('%'));
    server.tmux(['send-keys', '-t', 'z', '-l', 'plum rm so']);
    // capture-pane drops trailing blanks: type a mark after the completion to see its space.
    server.tmux(['send-keys', '-t', 'z', 'Tab']);
    await retryUntil(() => screen().includes('plum rm solo'));
    server.tmux(['send-keys', '-t', 'z', '-l', '#']);
    await retryUntil(() => screen().includes('plum rm solo #'));
    server.tmux(['send-keys', '-t', 'z', 'C-u']);
    server.tmux(['send-keys', '-t', 'z', '-l', 'plum shell-i']);
    server.tmux(['send-keys', '-t', 'z', 'Tab']);
    await retryUntil(() => screen().includes('plum shell-init'));
    server.tmux(['send-keys', '-t', 'z', '-l', '#']);
    await retryUntil(() => screen().includes('plum shell-init #'));
  });
});
