import { join } from 'node:path';
import { gitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { getStatus, parseStatusV2 } from '../../src/index.js';
import { countSpawns, useHermeticGit } from './helpers.js';

useHermeticGit();

const M = '100644';
const H = 'b'.repeat(40);

describe('parseStatusV2 (golden -z output)', () => {
  it('parses headers and every entry type, paths with spaces and newlines included', () => {
    const stdout = [
      `# branch.oid ${'c'.repeat(40)}`,
      '# branch.head feat/x',
      '# branch.upstream origin/feat/x',
      '# branch.ab +3 -1',
      '# stash 2',
      `1 .M N... ${M} ${M} ${M} ${H} ${H} src/a file.ts`,
      `1 A. N... 000000 ${M} ${M} ${'0'.repeat(40)} ${H} new\nline.txt`,
      `1 .M SC.. 160000 160000 160000 ${H} ${H} vendor/sub`,
      `2 R. N... ${M} ${M} ${M} ${H} ${H} R100 new name.txt`,
      'old name.txt',
      `u UU N... ${M} ${M} ${M} ${M} ${H} ${H} ${H} both.txt`,
      '? untracked file',
      '! .env',
      '! node_modules/',
      '',
    ].join('\0');
    const status = parseStatusV2(stdout);
    expect(status.branch).toEqual({
      oid: 'c'.repeat(40),
      head: 'feat/x',
      upstream: 'origin/feat/x',
      ahead: 3,
      behind: 1,
    });
    expect(status.entries).toEqual([
      { kind: 'changed', path: 'src/a file.ts', xy: '.M' },
      { kind: 'changed', path: 'new\nline.txt', xy: 'A.' },
      { kind: 'changed', path: 'vendor/sub', xy: '.M', submodule: 'SC..' },
      { kind: 'renamed', path: 'new name.txt', origPath: 'old name.txt', xy: 'R.' },
      { kind: 'unmerged', path: 'both.txt', xy: 'UU' },
      { kind: 'untracked', path: 'untracked file' },
      { kind: 'ignored', path: '.env' },
      { kind: 'ignored', path: 'node_modules/' },
    ]);
    expect(status.dirty).toBe(true);
    expect(status.untracked).toBe(1);
    expect(status.ignored.map((e) => e.path)).toEqual(['.env', 'node_modules/']);
  });

  it('reads an unborn, detached or upstream-less branch as nulls', () => {
    expect(parseStatusV2('# branch.oid (initial)\0# branch.head main\0').branch).toEqual({
      oid: null,
      head: 'main',
      upstream: null,
      ahead: null,
      behind: null,
    });
    const gone = parseStatusV2(
      `# branch.oid ${H}\0# branch.head (detached)\0# branch.upstream origin/x\0`,
    );
    expect(gone.branch).toMatchObject({ head: null, upstream: 'origin/x', ahead: null });
    expect(gone).toMatchObject({ dirty: false, untracked: 0, entries: [], ignored: [] });
  });

  it.each([
    ['output without -z', `# branch.oid ${H}\n? a\n`],
    ['an unknown line type', `# branch.oid ${H}\0Z what\0`],
    ['a short line', `1 .M N... ${M}\0`],
    ['a rename without its original path', `2 R. N... ${M} ${M} ${M} ${H} ${H} R100 new\0`],
    ['a malformed branch.ab', '# branch.ab three\0'],
  ])('rejects %s', (_what, stdout) => {
    expect(() => parseStatusV2(stdout)).toThrow(
      expect.objectContaining({ code: 'ERR_GIT_PARSE' }) as Error,
    );
  });
});

describe('getStatus (real git)', () => {
  it('reports modified, staged, renamed, untracked and (on request) ignored files', async () => {
    const repo = gitRepo();
    repo.commit('files', { 'a.txt': 'a\n', 'b.txt': 'b\n', 'old.txt': 'old content\n' });
    repo.write('a.txt', 'changed\n');
    repo.write('b.txt', 'staged\n');
    repo.git(['add', 'b.txt']);
    repo.git(['mv', 'old.txt', 'new name.txt']);
    repo.write('u.txt', 'u');
    repo.write('dir/deep/x.txt', 'x');
    repo.write('.env', 'SECRET=1');
    repo.write('node_modules/pkg/index.js', '');

    const { value: status, spawns } = await countSpawns(() => getStatus(repo.path));
    expect(spawns).toHaveLength(1);
    expect(status.branch).toMatchObject({ head: 'main', upstream: null, ahead: null });
    expect(status.branch.oid).toBe(repo.git(['rev-parse', 'HEAD']).trim());
    expect(status.entries).toEqual([
      { kind: 'changed', path: 'a.txt', xy: '.M' },
      { kind: 'changed', path: 'b.txt', xy: 'M.' },
      { kind: 'renamed', path: 'new name.txt', origPath: 'old.txt', xy: 'R.' },
      { kind: 'untracked', path: 'dir/' },
      { kind: 'untracked', path: 'u.txt' },
    ]);
    expect(status).toMatchObject({ dirty: true, untracked: 2, ignored: [] });

    const all = await getStatus(repo.path, { ignored: true, untrackedAll: true });
    expect(all.entries.filter((e) => e.kind === 'untracked').map((e) => e.path)).toEqual([
      'dir/deep/x.txt',
      'u.txt',
    ]);
    expect(all.ignored).toEqual([
      { kind: 'ignored', path: '.env' },
      { kind: 'ignored', path: 'node_modules/' },
    ]);
  });

  it('is clean right after a commit, and ignores only what it is told to', async () => {
    const repo = gitRepo();
    repo.write('.env', 'SECRET=1');
    expect(await getStatus(repo.path)).toMatchObject({ dirty: false, untracked: 0, entries: [] });
    expect((await getStatus(repo.path, { ignored: true })).ignored).toHaveLength(1);
  });

  it('ignores a user setting that hides untracked files', async () => {
    const repo = gitRepo();
    repo.git(['config', 'status.showUntrackedFiles', 'no']);
    repo.write('u.txt', 'u');
    expect((await getStatus(repo.path)).untracked).toBe(1);
  });

  it('reports ahead/behind against the upstream', async () => {
    const repo = gitRepo();
    repo.addOrigin();
    repo.commit('pushed', { 'p.txt': 'p' });
    repo.git(['push', '-q', 'origin', 'main']);
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    repo.commit('local 1', { 'l1.txt': '1' });
    repo.commit('local 2', { 'l2.txt': '2' });
    expect((await getStatus(repo.path)).branch).toMatchObject({
      head: 'main',
      upstream: 'origin/main',
      ahead: 2,
      behind: 1,
    });
  });

  it('reports a detached worktree, an unmerged path and an unborn branch', async () => {
    const repo = gitRepo();
    const det = repo.worktree('HEAD', { detach: true, path: join(repo.root, 'det') });
    expect((await getStatus(det)).branch.head).toBeNull();

    repo.branch('other');
    repo.commit('main side', { 'c.txt': 'main\n' });
    repo.git(['checkout', '-q', 'other']);
    repo.commit('other side', { 'c.txt': 'other\n' });
    repo.git(['checkout', '-q', 'main']);
    expect(() => repo.git(['merge', '-q', 'other'])).toThrow();
    expect((await getStatus(repo.path)).entries).toEqual([
      { kind: 'unmerged', path: 'c.txt', xy: 'AA' },
    ]);

    const empty = join(repo.root, 'empty');
    repo.git(['init', '-q', '-b', 'trunk', empty]);
    expect((await getStatus(empty)).branch).toMatchObject({ oid: null, head: 'trunk' });
  });
});
