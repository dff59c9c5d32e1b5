// The watcher's pid file keeps one watcher per tmux server: claims racing each other leave exactly
// one holder, a reader never finds the file empty, a stale file (its process gone) is taken over,
// a live holder's file is never touched, and a watcher whose pid the file no longer names stops.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { claimPidFile, holdsPidFile, releasePidFile } from '../../src/agents/state/watch.js';

const me = process.pid;
const other = process.ppid; // alive for as long as this test runs
const init = 1; // alive everywhere (kill(1, 0) says EPERM to a user, which counts as alive)

/** A fresh data dir, removed when the test ends, and the pid file's path in it. */
function fresh(): { dir: string; file: string } {
  const dir = tempDir('pp-pid-').path;
  return { dir, file: join(dir, 'watchers', 'default-0123456789ab.pid') };
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  expect(child.pid).toBeGreaterThan(0);
  return child.pid;
}

describe('the watcher pid file', () => {
  it('racing claims: one holder, named in the file, which is never read empty', async () => {
    const { dir, file } = fresh();
    const contenders = [me, other, init];
    const reads: string[] = [];
    // A stress test: a claim that creates the file and then writes it lost this race (two holders)
    // about once in a thousand rounds here; one that links a written draft into place cannot.
    for (let round = 0; round < 1000; round++) {
      rmSync(file, { force: true });
      let racing = true;
      const reader = (async () => {
        while (racing) {
          const text = await readFile(file, 'utf8').catch(() => null);
          if (text !== null) reads.push(text);
        }
      })();
      const claimed = await Promise.all(contenders.map((pid) => claimPidFile(file, pid)));
      racing = false;
      await reader;
      const holders = contenders.filter((_, i) => claimed[i]);
      expect(holders, `round ${round}`).toHaveLength(1);
      expect(readFileSync(file, 'utf8')).toBe(`${holders[0]}\n`);
    }
    expect(reads.filter((text) => !/^\d+\n$/.test(text))).toEqual([]);
    // No draft is left beside it.
    expect(readdirSync(join(dir, 'watchers'))).toEqual(['default-0123456789ab.pid']);
  });

  it('takes over a stale file; leaves a live holder alone', async () => {
    const { file } = fresh();
    expect(await claimPidFile(file, other)).toBe(true);
    expect(await claimPidFile(file, me)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(`${other}\n`);

    const dead = deadPid();
    writeFileSync(file, `${dead}\n`);
    expect(await claimPidFile(file, me)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`${me}\n`);
    // Claiming again is idempotent for the holder.
    expect(await claimPidFile(file, me)).toBe(true);
  });

  it('a watcher whose pid the file does not name stops; a missing or stale file is taken again', async () => {
    const { dir, file } = fresh();
    expect(await claimPidFile(file, me)).toBe(true);
    expect(await holdsPidFile(file, me)).toBe(true);

    writeFileSync(file, `${other}\n`);
    expect(await holdsPidFile(file, me)).toBe(false);
    await releasePidFile(file, me);
    expect(readFileSync(file, 'utf8')).toBe(`${other}\n`);

    rmSync(file);
    expect(await holdsPidFile(file, me)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`${me}\n`);

    writeFileSync(file, `${deadPid()}\n`);
    expect(await holdsPidFile(file, me)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`${me}\n`);
    await releasePidFile(file, me);
    expect(readdirSync(join(dir, 'watchers'))).toEqual([]);
  });
});
