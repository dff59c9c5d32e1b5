// Tests never write into the caller's HOME or XDG dirs. The suite is run here as a user with
// XDG_CONFIG_HOME/XDG_STATE_HOME exported would run it: a nested vitest over test files that write
// user templates and trust approvals, with HOME and the XDG dirs pointing at scratch dirs that hold
// a file each. Afterwards those dirs are byte-identical.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanEnv, tempDir } from '../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every path under `dir` with its mode and a hash of its bytes. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    const full = join(dir, rel);
    const st = lstatSync(full);
    if (st.isDirectory()) {
      out.push(`${rel}/ ${st.mode.toString(8)}`);
      for (const name of readdirSync(full).sort()) visit(rel === '' ? name : `${rel}/${name}`);
    } else {
      const hash = createHash('sha256').update(readFileSync(full)).digest('hex');
      out.push(`${rel} ${st.mode.toString(8)} ${hash}`);
    }
  };
  visit('');
  return out;
}

describe('hermetic tests', () => {
  it('run with their own HOME and XDG dirs, never the ones the test process was given', () => {
    expect(process.env.HOME?.startsWith(tmpdir()), `${process.env.HOME} in ${tmpdir()}`).toBe(true);
    expect(process.env.HOME).toMatch(/hermetic-/);
    for (const key of ['XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']) {
      expect(process.env[key], key).toMatch(/hermetic-/);
    }
    // The fixtures' children get no XDG dir from the test process at all.
    expect(Object.keys(cleanEnv()).filter((k) => k.startsWith('XDG_'))).toEqual([]);
  });

  it('leave the caller’s exported HOME, XDG_CONFIG_HOME and XDG_STATE_HOME byte-identical', () => {
    const scratch = tempDir('caller-').path;
    const env: Record<string, string> = { ...cleanEnv() };
    for (const [key, sub] of [
      ['HOME', 'home'],
      ['XDG_CONFIG_HOME', 'config'],
      ['XDG_STATE_HOME', 'state'],
    ] as const) {
      const dir = join(scratch, sub);
      mkdirSync(join(dir, 'pots', 'templates'), { recursive: true });
      writeFileSync(join(dir, 'mine.txt'), `the caller's ${sub}\n`);
      env[key] = dir;
    }
    const before = snapshot(scratch);
    // Files that write user templates (pots) and trust approvals (plum) into the XDG dirs.
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        'apps/pots/test/templates/cli.test.ts',
        'apps/plum/test/trust.test.ts',
      ],
      { cwd: root, env, encoding: 'utf8', timeout: 300_000 },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(snapshot(scratch)).toEqual(before);
  }, 320_000);
});
