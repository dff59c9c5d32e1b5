// `plum remove` with no name inside a linked worktree, against real git: checks first (exit 4,
// nothing handed over), then the `worktree:removeSelf` hook — played here by a test plugin that
// records its payload and answers as told — decides: handed over (0), nothing done (2: no plugin,
// not in tmux, declined), tmux failed (5). The manual commands are exact. The tmux side (pots) is
// tested in apps/pots/test/reap-nested.test.ts.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isPlumError, type PlumError } from '@plumpots/core';
import { binPath, gitRepo, runCli, tempDir, type GitRepo } from '@plumpots/test-fixtures';
import { openRepo } from '../src/api/context.js';
import { inLinkedWorktree, removeSelf } from '../src/api/remove-self.js';

// A plugin that appends each removeSelf payload (with what confirm() answered) to $SELF_LOG and
// answers with $SELF_ANSWER (JSON); `{"ask":true}` answers `declined` when confirm() says no.
const PLUGIN = `
import { appendFileSync } from 'node:fs';
export default {
  name: 'self-recorder',
  hooks: {
    async 'worktree:removeSelf'(payload) {
      const answer = JSON.parse(process.env.SELF_ANSWER ?? 'null');
      const confirmed = await payload.confirm();
      const { confirm, ...rest } = payload;
      appendFileSync(process.env.SELF_LOG, JSON.stringify({ ...rest, confirmed }) + '\\n');
      if (answer && answer.ask) return confirmed ? { handled: true, pane: '%42' } : { handled: false, reason: 'declined' };
      return answer ?? undefined;
    },
  },
};
`;

interface Fixture {
  repo: GitRepo;
  feat: string;
  log: string;
  env: Record<string, string>;
}

function fixture(options: { plugin?: boolean } = {}): Fixture {
  const repo = gitRepo();
  const feat = realpathSync(repo.worktree('feat', { newBranch: true }));
  const tmp = tempDir('rs-');
  const log = join(tmp.path, 'self.log');
  if (options.plugin !== false) {
    const plugin = join(tmp.path, 'self-recorder.mjs');
    writeFileSync(plugin, PLUGIN);
    const dir = join(repo.env.XDG_CONFIG_HOME!, 'plum');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.yaml'), `plugins:\n  - ${JSON.stringify(plugin)}\n`);
  }
  return { repo, feat, log, env: { ...repo.env, SELF_LOG: log } };
}

const calls = (f: Fixture) =>
  existsSync(f.log)
    ? readFileSync(f.log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];

const plum = (f: Fixture, args: string[], env: Record<string, string> = {}) =>
  runCli('plum', args, { cwd: f.feat, env: { ...f.env, ...env } });

describe('plum remove (no name) inside a linked worktree', () => {
  test('no plugin to hand it to: exit 2, the exact commands, nothing removed', async () => {
    const f = fixture({ plugin: false });
    const result = await plum(f, ['remove']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('nothing was removed: feat is the worktree you are in');
    expect(result.stderr).toContain(`cd ${realpathSync(f.repo.path)} && plum remove feat`);
    expect(existsSync(f.feat)).toBe(true);
  });

  test('handed over (exit 0): the hook gets the argv, the main worktree, a yes', async () => {
    const f = fixture();
    const result = await plum(f, ['remove', '--yes', '--delete-branch'], {
      SELF_ANSWER: JSON.stringify({ handled: true, pane: '%42' }),
    });
    expect(result, result.stderr).toMatchObject({ exitCode: 0 });
    expect(result.stderr).toMatch(/removing feat in tmux pane %42 at /);
    const [call, ...more] = calls(f);
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      cwd: realpathSync(f.repo.path),
      worktree: { name: 'feat', path: f.feat, branch: 'feat' },
      confirmed: true,
    });
    // argv, never a shell string: node, the bin that ran, then the removal with the flags given.
    expect(call!.command).toEqual([
      process.execPath,
      binPath('plum'),
      'remove',
      'feat',
      '--yes',
      '--delete-branch',
    ]);
    expect(existsSync(f.feat)).toBe(true); // the plugin runs the removal, not this plum
  });

  test('no terminal and no --yes: confirm() says no → declined, exit 2 with the commands', async () => {
    const f = fixture();
    const result = await plum(f, ['remove', '--force'], {
      SELF_ANSWER: JSON.stringify({ ask: true }),
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('the removal was not confirmed');
    expect(result.stderr).toContain(`cd ${realpathSync(f.repo.path)} && plum remove feat --force`);
    expect(result.stderr).toContain('pass --yes');
    expect(calls(f)[0]).toMatchObject({ confirmed: false });
  });

  test('not in tmux (the plugin says so): exit 2 with its reason', async () => {
    const f = fixture();
    const result = await plum(f, ['remove', '--yes'], {
      SELF_ANSWER: JSON.stringify({
        handled: false,
        reason: 'not-in-tmux',
        message: 'not inside tmux',
      }),
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('(not inside tmux)');
    expect(result.stderr).toContain(`cd ${realpathSync(f.repo.path)} && plum remove feat`);
  });

  test('tmux failed: exit 5 with the commands', async () => {
    const f = fixture();
    const result = await plum(f, ['remove', '--yes'], {
      SELF_ANSWER: JSON.stringify({ handled: false, reason: 'failed', message: 'no space' }),
    });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain('tmux could not start the removal (no space)');
    expect(result.stderr).toContain(`cd ${realpathSync(f.repo.path)} && plum remove feat`);
  });

  test('work at risk: refusal (exit 4) before any plugin is asked', async () => {
    const f = fixture();
    writeFileSync(join(f.feat, 'notes.txt'), 'unsaved\n');
    const result = await plum(f, ['remove', '--yes'], {
      SELF_ANSWER: JSON.stringify({ handled: true, pane: '%42' }),
    });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(/refusing to remove feat/);
    expect(result.stderr).toContain('notes.txt');
    expect(calls(f)).toEqual([]);
    expect(existsSync(f.feat)).toBe(true);
  });

  test('--dry-run: says what would go, asks nobody; --json reports the outcome', async () => {
    const f = fixture();
    const dry = await plum(f, ['remove', '--dry-run']);
    expect(dry, dry.stderr).toMatchObject({ exitCode: 0 });
    expect(dry.stdout).toContain(`would remove feat (${f.feat}) from ${realpathSync(f.repo.path)}`);
    expect(calls(f)).toEqual([]);

    const json = await plum(f, ['remove', '--yes', '--json'], {
      SELF_ANSWER: JSON.stringify({ handled: true, pane: '%7' }),
    });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      name: 'feat',
      path: f.feat,
      main: realpathSync(f.repo.path),
      outcome: 'spawned',
      exitCode: 0,
      pane: '%7',
      manual: { cwd: realpathSync(f.repo.path), argv: ['plum', 'remove', 'feat'] },
      plan: { name: 'feat', refused: false, dryRun: true },
    });
  });

  test('from the main worktree, no name still means "which one?" (exit 2)', async () => {
    const f = fixture();
    const result = await runCli('plum', ['remove'], { cwd: f.repo.path, env: f.env });
    expect(result.exitCode).toBe(2);
    expect(calls(f)).toEqual([]);
  });
});

describe('removeSelf (API)', () => {
  test('only inside a linked worktree', async () => {
    const f = fixture({ plugin: false });
    const main = await openRepo({ cwd: f.repo.path, env: f.env });
    expect(inLinkedWorktree(main)).toBe(false);
    const error = await removeSelf(main).catch((e: unknown) => e);
    expect(isPlumError(error) && error.exitCode).toBe(2);
    const here = await openRepo({ cwd: f.feat, env: f.env });
    expect(inLinkedWorktree(here)).toBe(true);
    const report = await removeSelf(here, { yes: true, bin: '/x/plum' });
    expect(report).toMatchObject({ outcome: 'no-plugin', exitCode: 2, pane: null });
    expect(report.command.slice(1)).toEqual(['/x/plum', 'remove', 'feat', '--yes']);
  });

  test('main worktree not found: NotFoundError, exit 3', async () => {
    const f = fixture({ plugin: false });
    const here = await openRepo({ cwd: f.feat, env: f.env });
    const gone = { ...here, repo: { ...here.repo, mainWorktree: join(f.repo.root, 'nowhere') } };
    const error = (await removeSelf(gone, { yes: true }).catch((e: unknown) => e)) as PlumError;
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('ERR_PLUM_MAIN_NOT_FOUND');
  });
});
