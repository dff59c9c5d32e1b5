// `pots -S <path>`: tmux, asked to start a server there, replaces whatever the path holds with a
// socket. pots refuses (exit 2, naming what is wrong) a regular file, a directory, a symlink to a
// file, a missing directory; a path that does not exist yet, or a live server's socket, works.
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, runCli, tmuxServer } from '@plumpots/test-fixtures';
import { describe, expect, it, onTestFinished } from 'vitest';

function setup() {
  const repo = gitRepo();
  const server = tmuxServer();
  onTestFinished(() => server.kill());
  const env = { ...repo.env, ...server.env };
  const pots = (...args: string[]) => runCli('pots', args, { cwd: repo.path, env });
  return { repo, server, pots };
}

describe('pots -S', () => {
  it('refuses a tracked file, a directory and a symlink to a file (exit 2), leaving them as they were', async () => {
    const { repo, pots } = setup();
    repo.commit('a', { 'a.txt': 'precious\n' });
    mkdirSync(join(repo.path, 'dir'));
    symlinkSync('a.txt', join(repo.path, 'link'));
    const cases = [
      ['a.txt', 'is a regular file'],
      ['dir', 'is a directory'],
      ['link', 'is a symbolic link to a regular file'],
    ] as const;
    for (const [path, said] of cases) {
      for (const args of [['create', '.', 't'], ['list']]) {
        const result = await pots('-S', path, ...args);
        expect(result.exitCode, `${path} ${args.join(' ')}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toContain(`${path} ${said}, not a tmux socket`);
      }
    }
    expect(lstatSync(join(repo.path, 'a.txt')).isFile()).toBe(true);
    expect(readFileSync(join(repo.path, 'a.txt'), 'utf8')).toBe('precious\n');
    expect(lstatSync(join(repo.path, 'dir')).isDirectory()).toBe(true);
    expect(lstatSync(join(repo.path, 'link')).isSymbolicLink()).toBe(true);
    // a.txt is still the committed file (an empty directory does not show in git status).
    expect(repo.git(['status', '--porcelain'])).toBe('?? link\n');
  });

  it('says what is wrong with a missing directory or a parent that is a file', async () => {
    const { repo, pots } = setup();
    writeFileSync(join(repo.root, 'plain'), 'x');
    for (const args of [['create', '.', 't'], ['list']]) {
      const missing = await pots('-S', join(repo.root, 'nowhere', 'sock'), ...args);
      expect(missing.exitCode, missing.stderr).toBe(2);
      expect(missing.stderr).toContain(`does not exist: ${join(repo.root, 'nowhere')}`);
      const file = await pots('-S', join(repo.root, 'plain', 'sock'), ...args);
      expect(file.exitCode, file.stderr).toBe(2);
      expect(file.stderr).toContain(`${join(repo.root, 'plain')} (in `);
    }
  });

  it('starts a server at a new path, and reuses its socket', async () => {
    const { server, pots } = setup();
    const socket = join(server.env.TMUX_TMPDIR!, 'mine.sock');
    const created = await pots('-S', socket, 'create', '.', 't');
    onTestFinished(() => {
      server.tryTmux(['-S', socket, 'kill-server']); // guard: -S names the server
    });
    expect(created.exitCode, created.stderr).toBe(0);
    expect(lstatSync(socket).isSocket()).toBe(true);
    const listed = await pots('-S', socket, 'list', '--json');
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
  });
});
