// `pots list [project]` from the built bin: units of both modes whatever the configured one (with
// their mode), filtered by project; `cleanup [project]` is `--project`; an argument a command does
// not take is a usage error (exit 2) with the command's usage line.
import { realpathSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture, type UnitJson } from './cli-helpers.js';

let f: PotsFixture;

beforeAll(async () => {
  f = potsFixture();
  realpathSync(f.repo.worktree('feat', { newBranch: true }));
  await f.ok(['create', 'feat', 'dev']);
  await f.ok(['create', 'feat', 'agent'], { env: { POTS_MODE: 'window' } });
});

afterAll(() => f.done());

const modes = (units: UnitJson[]) => units.map((unit) => `${unit.name} ${unit.mode}`).sort();

describe('pots list', () => {
  it('shows session-mode and window-mode units in either mode, with the mode', async () => {
    const expected = ['repo-feat-agent window', 'repo-feat-dev session'];
    expect(modes(await f.json<UnitJson[]>(['list', '--json']))).toEqual(expected);
    const windowMode = { env: { POTS_MODE: 'window' } };
    expect(modes(await f.json<UnitJson[]>(['list', '--json'], windowMode))).toEqual(expected);
    const table = await f.ok(['list']);
    expect(table).toMatch(/^NAME\s+WORKTREE\s+TASK\s+MODE\b/);
    expect(table).toMatch(/repo-feat-agent\s+feat\s+agent\s+window/);
    expect(table).toMatch(/repo-feat-dev\s+feat\s+dev\s+session/);
  });

  it("[project] keeps that project's units only", async () => {
    expect(await f.json<UnitJson[]>(['list', 'repo', '--json'])).toHaveLength(2);
    expect(await f.json<UnitJson[]>(['list', 'elsewhere', '--json'])).toEqual([]);
    const none = await f.pots(['list', 'elsewhere']);
    expect(none.exitCode).toBe(0);
    expect(none.stderr).toContain('no units of project "elsewhere"');
  });

  it('an argument too many: exit 2 with the usage line', async () => {
    const run = await f.pots(['list', 'repo', 'bogus']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('too many arguments');
    expect(run.stderr).toContain('Usage: pots list|ls [options] [project]');
    const detach = await f.pots(['detach', 'bogus']);
    expect(detach.exitCode).toBe(2);
    expect(detach.stderr).toContain('Usage: pots detach');
  });
});

describe('pots cleanup [project]', () => {
  it('is --project; both, differing, is a usage error', async () => {
    const run = await f.pots(['cleanup', 'elsewhere', '--dry-run', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    const both = await f.pots(['cleanup', 'a', '--project', 'b', '--dry-run']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('two projects');
  });
});
