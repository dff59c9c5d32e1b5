// `worktrees.copy` directories (`node_modules/`): cloned copy-on-write where the filesystem can
// (tested on a loop-mounted btrfs image when the test runs as root), else copied or skipped as
// `worktrees.copyFallback` says — never hardlinked, relative symlinks kept relative.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statfsSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCopyGlobs } from '../src/api/copy.js';
import { copyDirsIntoWorktree } from '../src/api/copy-dirs.js';

/** A main worktree with node_modules (a file, a nested dir, a relative symlink) and a new one. */
function layout(root: string, bigFile = 0) {
  const main = join(root, 'main');
  const feat = join(root, 'feat');
  mkdirSync(join(main, 'node_modules', '.pnpm', 'left-pad@1.0.0'), { recursive: true });
  mkdirSync(feat, { recursive: true });
  writeFileSync(
    join(main, 'node_modules', '.pnpm', 'left-pad@1.0.0', 'index.js'),
    'module.exports = 1;\n',
  );
  symlinkSync('.pnpm/left-pad@1.0.0', join(main, 'node_modules', 'left-pad'));
  if (bigFile > 0) writeFileSync(join(main, 'node_modules', 'big.bin'), Buffer.alloc(bigFile, 7));
  return { main, feat };
}

function canClone(dir: string): boolean {
  writeFileSync(join(dir, 'probe-src'), 'x');
  const r = spawnSync('cp', ['--reflink=always', join(dir, 'probe-src'), join(dir, 'probe-dst')]);
  return r.status === 0;
}

describe('checkCopyGlobs', () => {
  it('a pattern ending in "/" is a directory to copy whole', () => {
    expect(checkCopyGlobs(['.env', 'node_modules/', 'packages/*/node_modules/', '!x'])).toEqual({
      include: ['.env'],
      exclude: ['**/.git', '**/.git/**', 'x'],
      dirs: ['node_modules', 'packages/*/node_modules'],
    });
  });
});

describe('on a filesystem that cannot clone (the temp dir here)', () => {
  const root = tempDir('cpd-').path; // created in describe: removed in afterAll below
  const clones = canClone(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.skipIf(clones)(
    'copy: a full copy, said once; symlinks stay relative; no hardlinks',
    async () => {
      const { main, feat } = layout(join(root, 'a'));
      const lines: string[] = [];
      const r = await copyDirsIntoWorktree(main, feat, ['node_modules'], {
        fallback: 'copy',
        log: (line) => lines.push(line),
      });
      expect(r).toEqual({ copied: ['node_modules/'], method: 'copy' });
      expect(lines.filter((l) => l.includes('cannot clone'))).toHaveLength(1);
      expect(readlinkSync(join(feat, 'node_modules', 'left-pad'))).toBe('.pnpm/left-pad@1.0.0');
      const file = join('node_modules', '.pnpm', 'left-pad@1.0.0', 'index.js');
      expect(readFileSync(join(feat, file), 'utf8')).toBe('module.exports = 1;\n');
      expect(lstatSync(join(feat, file)).ino).not.toBe(lstatSync(join(main, file)).ino);
      expect(lstatSync(join(feat, file)).nlink).toBe(1);
    },
  );

  it.skipIf(clones)('skip: nothing copied, said once', async () => {
    const { main, feat } = layout(join(root, 'b'));
    const lines: string[] = [];
    const r = await copyDirsIntoWorktree(main, feat, ['node_modules'], {
      fallback: 'skip',
      log: (line) => lines.push(line),
    });
    expect(r).toEqual({ copied: [], method: 'skip' });
    expect(lines).toEqual([expect.stringMatching(/cannot clone.*node_modules\/ not copied/)]);
    expect(existsSync(join(feat, 'node_modules'))).toBe(false);
    expect(existsSync(join(feat, `.plum-clone-probe-${process.pid}`))).toBe(false);
  });

  it('never over a directory the new worktree has', async () => {
    const { main, feat } = layout(join(root, 'c'));
    mkdirSync(join(feat, 'node_modules'));
    writeFileSync(join(feat, 'node_modules', 'mine'), 'keep');
    const r = await copyDirsIntoWorktree(main, feat, ['node_modules'], { fallback: 'copy' });
    expect(r).toEqual({ copied: [], method: null });
    expect(readFileSync(join(feat, 'node_modules', 'mine'), 'utf8')).toBe('keep');
    expect(existsSync(join(feat, 'node_modules', 'left-pad'))).toBe(false);
  });
});

// A btrfs image mounted on a loop device: needs root, mkfs.btrfs and a kernel that mounts it.
describe('on a filesystem that clones (loop-mounted btrfs)', () => {
  const root = tempDir('cpb-').path; // created in describe: unmounted and removed in afterAll
  const mnt = join(root, 'mnt');
  let why = '';
  let mounted = false;
  beforeAll(() => {
    if (process.getuid?.() !== 0) why = 'not root: cannot mount a loop device';
    else if (spawnSync('mkfs.btrfs', ['--version']).status !== 0) why = 'mkfs.btrfs not installed';
    else {
      const img = join(root, 'btrfs.img');
      execFileSync('truncate', ['-s', '160M', img]);
      const mkfs = spawnSync('mkfs.btrfs', ['-q', img]);
      mkdirSync(mnt);
      const mount = mkfs.status === 0 ? spawnSync('mount', ['-o', 'loop', img, mnt]) : mkfs;
      if (mount.status === 0) mounted = true;
      else
        why = `cannot mount a btrfs image: ${String(mount.stderr).trim() || `exit ${mount.status}`}`;
    }
    if (why) process.stderr.write(`skipping the clone tests: ${why}\n`);
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt]);
    rmSync(root, { recursive: true, force: true });
  });

  it('clones: the blocks are shared (free space barely moves), symlinks stay relative', async (ctx) => {
    if (!mounted) {
      ctx.skip(); // why was printed by beforeAll
      return;
    }
    const { main, feat } = layout(mnt, 32 * 1024 * 1024);
    execFileSync('sync');
    const free = () => statfsSync(mnt).bavail * statfsSync(mnt).bsize;
    const before = free();
    const lines: string[] = [];
    const r = await copyDirsIntoWorktree(main, feat, ['node_modules'], {
      fallback: 'skip',
      log: (line) => lines.push(line),
    });
    execFileSync('sync');
    expect(r).toEqual({ copied: ['node_modules/'], method: 'clone' });
    expect(lines.some((l) => l.includes('cannot clone'))).toBe(false);
    expect(lines).toContainEqual(expect.stringMatching(/^cloned node_modules\/ in /));
    // A copy would take 32 MiB; a clone takes metadata only.
    expect(before - free()).toBeLessThan(8 * 1024 * 1024);
    expect(
      readFileSync(join(feat, 'node_modules', 'big.bin')).equals(
        readFileSync(join(main, 'node_modules', 'big.bin')),
      ),
    ).toBe(true);
    expect(readlinkSync(join(feat, 'node_modules', 'left-pad'))).toBe('.pnpm/left-pad@1.0.0');
    expect(lstatSync(join(feat, 'node_modules', 'big.bin')).nlink).toBe(1);
    // Copy-on-write: a write to the clone leaves the original alone.
    writeFileSync(join(feat, 'node_modules', 'big.bin'), 'changed');
    expect(lstatSync(join(main, 'node_modules', 'big.bin')).size).toBe(32 * 1024 * 1024);
  });
});
