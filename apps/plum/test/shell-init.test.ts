// `plum shell-init`: the generated function, run in real bash (and zsh and fish where installed),
// changes the shell's directory on `plum cd` and `plum create --cd`, for paths with spaces and
// newlines, passes plum's exit code through, leaves no temp file behind and never hands its file
// to hooks. Without the function, `plum cd` prints the path and says how to install it.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitRepo, runCli, tempDir, type GitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { binDir, runShell, which, type ShellName } from './shell-helpers.js';

interface Fixture {
  repo: GitRepo;
  feat: string;
  spaced: string;
  newline: string;
}

function fixture(): Fixture {
  const repo = gitRepo();
  const feat = repo.worktree('feat/login', { newBranch: true }); // name feat-login
  const spaced = repo.worktree('spaced', {
    newBranch: true,
    path: join(repo.root, 'wt', 'my feat'),
  });
  const newline = repo.worktree('nl', {
    newBranch: true,
    path: join(repo.root, 'wt', 'new\nline'),
  });
  return { repo, feat, spaced, newline };
}

function shellEnv(repo: GitRepo, path: string, extra: Record<string, string> = {}) {
  const tmp = tempDir('pt-').path;
  return { env: { ...repo.env, PATH: path, TMPDIR: tmp, NO_COLOR: '1', ...extra }, tmp };
}

/** `plum cd` and `plum create --cd` in `shell`; each step prints its result NUL-terminated. */
function script(shell: ShellName): string {
  const [load, status] =
    shell === 'fish'
      ? ['plum shell-init fish | source', '$status']
      : [`eval "$(plum shell-init ${shell})"`, '$?'];
  const pwd = shell === 'fish' ? '$PWD' : '"$PWD"';
  return [
    load,
    `plum cd feat-login; printf '%s\\0' ${pwd}`,
    `plum cd 'my feat'; printf '%s\\0' ${pwd}`,
    `plum cd "$NL_BRANCH"; printf '%s\\0' ${pwd}`,
    `plum cd no-such-worktree; printf '%s\\0' "rc=${status}" ${pwd}`,
    `plum create --cd made >/dev/null; printf '%s\\0' ${pwd}`,
    `plum -C "$REPO" cd main; printf '%s\\0' ${pwd}`,
  ].join('\n');
}

const installed = (shell: ShellName) => which(shell) !== null;

describe.each(['bash', 'zsh', 'fish'] as const)('plum shell-init %s', (shell) => {
  it.skipIf(!installed(shell))(
    'cd and create --cd change the directory, for paths with spaces and newlines',
    async () => {
      const { repo, feat, spaced, newline } = fixture();
      const { env, tmp } = shellEnv(repo, `${binDir()}:${process.env.PATH ?? ''}`, {
        NL_BRANCH: 'nl',
        REPO: repo.path,
      });
      const r = await runShell(shell, script(shell), { cwd: repo.path, env });
      expect(r.stderr).toContain('no worktree named "no-such-worktree"');
      expect(r.stdout.split('\0')).toEqual([
        feat,
        spaced,
        newline,
        'rc=3', // plum's exit code comes through, and the directory stays
        newline,
        join(repo.root, 'repo.worktrees', 'made'),
        repo.path,
        '',
      ]);
      expect(readdirSync(tmp)).toEqual([]); // every temp file removed
    },
  );
});

describe('plum shell-init bash', () => {
  it('runs $PLUM_BIN when set, and prints an exported marker and no other output', async () => {
    const { repo, feat } = fixture();
    const bin = binDir();
    const printed = await runCli('plum', ['shell-init', 'bash'], { cwd: repo.path, env: repo.env });
    expect(printed.exitCode).toBe(0);
    expect(printed.stderr).toBe('');
    expect(printed.stdout).toContain('export PLUM_SHELL_INTEGRATION=bash');
    // plum is not on PATH: the function finds it through PLUM_BIN.
    const { env } = shellEnv(repo, process.env.PATH ?? '', { PLUM_BIN: join(bin, 'plum') });
    const r = await runShell(
      'bash',
      `eval "$("$PLUM_BIN" shell-init bash)"; plum cd feat-login && printf '%s|%s' "$PWD" "$PLUM_SHELL_INTEGRATION"`,
      { cwd: repo.path, env },
    );
    expect(r).toMatchObject({ exitCode: 0, stdout: `${feat}|bash` });
  });

  it('does not hand the cd file to hooks (they cannot move the shell)', async () => {
    const { repo } = fixture();
    const config = join(repo.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml');
    mkdirSync(dirname(config), { recursive: true });
    writeFileSync(
      config,
      `hooks:\n  postCreate:\n    - 'printf "%s" "\${PLUM_CD_FILE-unset}" > "$PLUM_WORKTREE_PATH/../seen"'\n`,
    );
    const { env } = shellEnv(repo, `${binDir()}:${process.env.PATH ?? ''}`);
    const r = await runShell(
      'bash',
      `eval "$(plum shell-init bash)"; plum create --cd hooked; pwd`,
      {
        cwd: repo.path,
        env,
      },
    );
    const made = join(repo.root, 'repo.worktrees', 'hooked');
    expect(r.stdout).toBe(`${made}\n${made}\n`); // create's own output, then pwd
    expect(readFileSync(join(made, '..', 'seen'), 'utf8')).toBe('unset');
  });

  it('takes the shell from $SHELL when none is named, and refuses an unknown one', async () => {
    const { repo } = fixture();
    const zsh = await runCli('plum', ['shell-init'], {
      cwd: repo.path,
      env: { ...repo.env, SHELL: '/bin/zsh' },
    });
    expect(zsh.stdout).toContain('export PLUM_SHELL_INTEGRATION=zsh');
    const csh = await runCli('plum', ['shell-init'], {
      cwd: repo.path,
      env: { ...repo.env, SHELL: '/bin/tcsh' },
    });
    expect(csh.exitCode).toBe(2);
    expect(csh.stderr).toContain('plum shell-init bash|zsh|fish');
    const named = await runCli('plum', ['shell-init', 'tcsh'], { cwd: repo.path, env: repo.env });
    expect(named.exitCode).toBe(2);
  });
});

describe('plum cd without the shell function', () => {
  it('prints the path and a one-line hint for the user’s shell, exit 0', async () => {
    const { repo, spaced } = fixture();
    const r = await runCli('plum', ['cd', 'spaced'], {
      cwd: repo.path,
      env: { ...repo.env, SHELL: '/usr/bin/zsh' },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${spaced}\n`);
    expect(r.stderr).toBe(
      '! shell integration is not installed, so your directory stays: add eval "$(plum shell-init zsh)" to ~/.zshrc\n',
    );
  });

  it('says so when the function is loaded but plum ran without it', async () => {
    const { repo, feat } = fixture();
    const r = await runCli('plum', ['cd', 'feat/login'], {
      cwd: repo.path,
      env: { ...repo.env, PLUM_SHELL_INTEGRATION: 'bash' },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${feat}\n`);
    expect(r.stderr).toContain('not run through the plum shell function');
  });

  it('create --cd prints the path once', async () => {
    const { repo } = fixture();
    const r = await runCli('plum', ['create', '--cd', 'fresh'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${join(repo.root, 'repo.worktrees', 'fresh')}\n`);
    expect(r.stderr).toContain('shell integration is not installed');
  });

  it('without a name and without a terminal: exit 2 with the usage line', async () => {
    const { repo } = fixture();
    const r = await runCli('plum', ['cd'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("missing argument 'name': no terminal to pick a worktree on");
    expect(r.stderr).toContain('Usage: plum cd [options] [name]');
  });

  it('exit 3 for a worktree whose directory is gone', async () => {
    const repo = gitRepo();
    const gone = repo.worktree('gone', { newBranch: true });
    repo.git(['worktree', 'lock', gone]); // keeps the entry
    rmSync(gone, { recursive: true, force: true });
    const r = await runCli('plum', ['cd', 'gone'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('the directory of worktree gone is gone');
  });
});
