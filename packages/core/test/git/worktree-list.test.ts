import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { listWorktreeRecords, parseWorktreeList, type WorktreeRecord } from '../../src/index.js';
import { bareLayout, countSpawns, useHermeticGit } from './helpers.js';

useHermeticGit();

const OID = 'a'.repeat(40);
const base = {
  head: OID,
  branch: null,
  ref: null,
  bare: false,
  detached: false,
  locked: false,
  lockReason: null,
  prunable: false,
  prunableReason: null,
} satisfies Omit<WorktreeRecord, 'path'>;

describe('parseWorktreeList (golden -z output)', () => {
  it('parses every record type', () => {
    const stdout = [
      `worktree /r/.bare\0bare\0\0`,
      `worktree /r/main\0HEAD ${OID}\0branch refs/heads/main\0\0`,
      `worktree /r/with space\0HEAD ${OID}\0branch refs/heads/feat/x\0\0`,
      `worktree /r/new\nline\0HEAD ${OID}\0branch refs/heads/nl\0\0`,
      `worktree /r/det\0HEAD ${OID}\0detached\0locked on usb\nsecond line\0\0`,
      `worktree /r/lk\0HEAD ${OID}\0branch refs/heads/lk\0locked\0\0`,
      `worktree /r/gone\0HEAD ${OID}\0branch refs/heads/gone\0prunable gitdir file points to non-existent location\0\0`,
      `worktree /r/p\0HEAD ${OID}\0detached\0prunable\0\0`,
      `worktree /r/unborn\0HEAD ${'0'.repeat(40)}\0branch refs/heads/new\0\0`,
      `worktree /r/future\0HEAD ${OID}\0branch refs/heads/f\0sparse yes\0frobnicated\0\0`,
    ].join('');
    expect(parseWorktreeList(stdout)).toEqual([
      { ...base, path: '/r/.bare', head: null, bare: true },
      { ...base, path: '/r/main', branch: 'main', ref: 'refs/heads/main' },
      { ...base, path: '/r/with space', branch: 'feat/x', ref: 'refs/heads/feat/x' },
      { ...base, path: '/r/new\nline', branch: 'nl', ref: 'refs/heads/nl' },
      {
        ...base,
        path: '/r/det',
        detached: true,
        locked: true,
        lockReason: 'on usb\nsecond line',
      },
      { ...base, path: '/r/lk', branch: 'lk', ref: 'refs/heads/lk', locked: true },
      {
        ...base,
        path: '/r/gone',
        branch: 'gone',
        ref: 'refs/heads/gone',
        prunable: true,
        prunableReason: 'gitdir file points to non-existent location',
      },
      { ...base, path: '/r/p', detached: true, prunable: true },
      { ...base, path: '/r/unborn', head: null, branch: 'new', ref: 'refs/heads/new' },
      { ...base, path: '/r/future', branch: 'f', ref: 'refs/heads/f' },
    ]);
  });

  it('keeps trailing spaces and unicode in paths', () => {
    const [record] = parseWorktreeList(
      `worktree /r/trail \0HEAD ${OID}\0branch refs/heads/ñ日本\0\0`,
    );
    expect(record).toMatchObject({ path: '/r/trail ', branch: 'ñ日本' });
  });

  it('returns nothing for empty output', () => {
    expect(parseWorktreeList('')).toEqual([]);
  });

  it.each([
    ['a record without a worktree line', `HEAD ${OID}\0branch refs/heads/x\0\0`],
    ['an unterminated record', `worktree /r\0HEAD ${OID}\0`],
    ['two records run together', `worktree /a\0worktree /b\0\0`],
    ['output without -z', `worktree /r\nHEAD ${OID}\nbranch refs/heads/main\n\n`],
    ['an empty record', `\0`],
  ])('rejects %s', (_what, stdout) => {
    expect(() => parseWorktreeList(stdout)).toThrow(
      expect.objectContaining({ code: 'ERR_GIT_PARSE', exitCode: 1 }) as Error,
    );
  });
});

describe('listWorktreeRecords (real git)', () => {
  it('reports spaces, newlines, locks with multi-line reasons, prunable and detached worktrees', async () => {
    const repo = gitRepo();
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    const wt = (name: string) => join(repo.root, 'wt', name);
    repo.worktree('sp', { newBranch: true, path: wt('with space') });
    repo.worktree('nl', { newBranch: true, path: wt('new\nline') });
    repo.worktree('tr', { newBranch: true, path: wt('trail ') });
    repo.worktree('lk', { newBranch: true, path: wt('locked') });
    repo.git(['worktree', 'lock', '--reason', 'on usb\nsecond line', wt('locked')]);
    repo.worktree('plain-lock', { newBranch: true, path: wt('plain-lock') });
    repo.git(['worktree', 'lock', wt('plain-lock')]);
    repo.worktree('gone', { newBranch: true, path: wt('gone') });
    rmSync(wt('gone'), { recursive: true });
    repo.worktree('HEAD', { detach: true, path: wt('det') });

    const { value: records, spawns } = await countSpawns(() => listWorktreeRecords(repo.path));
    expect(spawns).toHaveLength(1);
    const byPath = new Map(records.map((r) => [r.path, r]));
    expect(records[0]).toEqual({
      ...base,
      path: repo.path,
      head,
      branch: 'main',
      ref: 'refs/heads/main',
    });
    expect(byPath.get(wt('with space'))).toMatchObject({ branch: 'sp', head });
    expect(byPath.get(wt('new\nline'))).toMatchObject({ branch: 'nl', ref: 'refs/heads/nl' });
    expect(byPath.get(wt('trail '))).toMatchObject({ branch: 'tr' });
    expect(byPath.get(wt('locked'))).toMatchObject({
      locked: true,
      lockReason: 'on usb\nsecond line',
      prunable: false,
    });
    expect(byPath.get(wt('plain-lock'))).toMatchObject({ locked: true, lockReason: null });
    expect(byPath.get(wt('gone'))).toMatchObject({
      branch: 'gone',
      prunable: true,
      prunableReason: expect.stringContaining('non-existent') as unknown,
    });
    expect(byPath.get(wt('det'))).toMatchObject({ detached: true, branch: null, ref: null, head });
    expect(records).toHaveLength(8);
  });

  it('lists a bare + worktrees layout with the bare entry first and no HEAD', async () => {
    const repo = gitRepo();
    const layout = bareLayout(repo);
    const fromRoot = await listWorktreeRecords(layout);
    const fromWorktree = await listWorktreeRecords(join(layout, 'main'));
    expect(fromWorktree).toEqual(fromRoot);
    expect(fromRoot).toEqual([
      { ...base, path: join(layout, '.bare'), head: null, bare: true },
      {
        ...base,
        path: join(layout, 'main'),
        head: repo.git(['rev-parse', 'HEAD']).trim(),
        branch: 'main',
        ref: 'refs/heads/main',
      },
    ]);
  });

  it('lists the same worktrees from any of them', async () => {
    const repo = gitRepo();
    const feat = repo.worktree('feat', { newBranch: true });
    expect(await listWorktreeRecords(feat)).toEqual(await listWorktreeRecords(repo.path));
  });
});
