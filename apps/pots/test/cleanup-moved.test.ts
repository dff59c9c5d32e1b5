// `pots cleanup` and a worktree moved by hand: its directory is missing from the registered path,
// but its panes' shells work in the new place and git still has it registered. Cleanup must not
// kill its live sessions: it skips them and says `git worktree repair <new path>`.
import { mkdirSync, realpathSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { potsFixture } from './cli-helpers.js';

const f = potsFixture();
afterAll(() => f.done());

const sessions = () =>
  f.server.tmux(['list-sessions', '-F', '#{session_name}']).split('\n').filter(Boolean).sort();

describe('pots cleanup and a moved worktree', () => {
  it('skips the moved worktree’s session, naming the new place and git worktree repair', async () => {
    const wt = realpathSync(f.repo.worktree('feat', { newBranch: true }));
    await f.ok(['create', 'feat']);
    const target = join(f.repo.root, 'moved', 'feat');
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(wt, target);
    // The pane's shell now works in the new place (its cwd followed the directory).
    const pane = f.server.tmux(['list-panes', '-t', '=repo-feat-dev:', '-F', '#{pane_id}']).trim();
    await retryUntil(
      () =>
        f.server.tmux(['display-message', '-p', '-t', pane, '#{pane_current_path}']).trim() ===
        target,
    );

    const dry = await f.pots(['cleanup', '--dry-run', '--min-age', '0', '--json']);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject([
      { name: 'repo-feat-dev', action: 'skipped', note: expect.stringContaining(target) },
    ]);
    const done = await f.pots(['cleanup', '--yes', '--min-age', '0', '--json']);
    expect(done.exitCode, done.stderr).toBe(0);
    const [entry] = JSON.parse(done.stdout) as Array<{ action: string; note: string }>;
    expect(entry).toMatchObject({ action: 'skipped' });
    expect(entry!.note).toContain(`git worktree repair ${target}`);
    expect(sessions()).toContain('repo-feat-dev');
  });
});
