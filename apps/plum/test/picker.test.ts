// The worktree picker, under a real terminal: a private tmux server runs bash with plum's shell
// integration; keys are typed with send-keys and the screen is read with capture-pane. Without
// fzf on PATH the built-in picker (@clack/prompts) shows each worktree with its state; typing
// filters, Enter picks, Esc cancels (exit 130). With fzf on PATH, fzf is the picker.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  gitRepo,
  retryUntil,
  runCli,
  terminal,
  tmuxServer,
  type GitRepo,
  type Terminal,
} from '@plumpots/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_TOOLS, binDir, which } from './shell-helpers.js';

const server = tmuxServer();
afterAll(() => server.kill());

/** bash in a new session of the private server, in `cwd`, with exactly this PATH and the repo's env. */
function term(repo: GitRepo, path: string, cwd = repo.path): Terminal {
  return terminal(server, { cwd, env: { ...repo.env, PATH: path, NO_COLOR: '1' } });
}

/**
 * main, a dirty `feat-login`, `fix_1` with an untracked file, a locked `old`. Filters use `_`,
 * which the random temp-dir names never hold, so that exactly one line matches.
 */
function fixture() {
  const repo = gitRepo();
  const feat = repo.worktree('feat/login', { newBranch: true });
  appendFileSync(join(feat, 'README.md'), 'edited\n');
  const fix = repo.worktree('fix_1', { newBranch: true });
  writeFileSync(join(fix, 'notes.txt'), 'new\n');
  const old = repo.worktree('old', { newBranch: true });
  repo.git(['worktree', 'lock', '--reason', 'on a usb disk', old]);
  return { repo, feat, fix, old };
}

describe('plum cd with no name, fzf not installed (built-in picker)', () => {
  it('lists worktrees with their state; typing filters, Enter goes there', async () => {
    const { repo, fix } = fixture();
    const t = term(repo, binDir(BASE_TOOLS));
    await t.run('eval "$(plum shell-init bash)"; type fzf || echo "NO""-FZF"', 'NO-FZF');
    t.type('plum cd');
    t.press('Enter');
    const screen = await t.waitFor('Go to which worktree?');
    // Every worktree with its state, as plum list shows it.
    expect(screen).toMatch(/repo \(main\)\s+main/);
    expect(screen).toMatch(/feat-login\s+feat\/login\s+\*/);
    expect(screen).toMatch(/fix_1\s+fix_1\s+\?1/);
    expect(screen).toMatch(/old\s+old\s+locked \(on a usb disk\)/);
    t.type('f_1'); // fuzzy: letters in order
    await t.waitFor('(1 match)');
    t.press('Enter');
    await t.prompt();
    await t.run('echo "AT:$PWD"', `AT:${fix}`);
  });

  it('Esc cancels: exit 130, the directory stays', async () => {
    const { repo } = fixture();
    const t = term(repo, binDir(BASE_TOOLS));
    await t.run('eval "$(plum shell-init bash)"', '$ eval');
    await t.prompt();
    t.type('plum cd');
    t.press('Enter');
    await t.waitFor('Go to which worktree?');
    t.press('Escape');
    await t.waitFor('cancelled'); // typing on at once would make ESC + e an Alt-e
    await t.prompt();
    await t.run('echo "RC:$? AT:$PWD"', `RC:130 AT:${repo.path}`);
  });
});

describe('plum remove with no name', () => {
  it('in the main worktree on a terminal: pick, removed (a clean one without a question)', async () => {
    const { repo, fix } = fixture();
    const t = term(repo, binDir(BASE_TOOLS));
    t.type('plum remove');
    t.press('Enter');
    const screen = await t.waitFor('Remove which worktree?');
    expect(screen).not.toContain('(main)'); // never offered
    t.type('f_1');
    await t.waitFor('(1 match)');
    t.press('Enter');
    // fix_1 holds an untracked file: plum refuses as it would with the name given.
    await t.waitFor('refusing to remove fix_1');
    expect(repo.git(['worktree', 'list', '--porcelain'])).toContain(fix);
    await t.prompt();

    const soon = repo.worktree('gone_soon', { newBranch: true });
    t.press('C-l');
    await retryUntil(() => !t.screen().includes('refusing'));
    t.type('plum remove');
    t.press('Enter');
    await t.waitFor(/Remove which worktree\?[\s\S]*gone_soon/);
    t.type('_soon');
    await t.waitFor('(1 match)');
    t.press('Enter');
    // Clean, and one: removed without a question (plum asks only when work would be lost).
    await t.waitFor('removed gone_soon');
    expect(t.screen()).not.toContain('Remove gone_soon?');
    expect(repo.git(['worktree', 'list', '--porcelain'])).not.toContain(soon);
  });

  it('without a terminal: exit 2 with the usage line; in a linked worktree: that one (dirty: exit 4)', async () => {
    const { repo, feat } = fixture();
    const main = await runCli('plum', ['remove'], { cwd: repo.path, env: repo.env });
    expect(main.exitCode).toBe(2);
    expect(main.stderr).toContain("missing argument 'names': no terminal to pick a worktree on");
    expect(main.stderr).toContain('Usage: plum remove|rm [options] [names...]');
    // No name in a linked worktree means that worktree (remove-self.test.ts); this one is dirty.
    const linked = await runCli('plum', ['remove'], { cwd: feat, env: repo.env });
    expect(linked.exitCode).toBe(4);
    expect(linked.stderr).toContain('refusing to remove feat-login');
  });

  it('in a linked worktree on a terminal: no picker, that worktree (dirty: refused)', async () => {
    const { repo, feat } = fixture();
    const t = term(repo, binDir(BASE_TOOLS), feat);
    await t.run('plum remove; echo "RC:$?"', 'RC:4');
    expect(t.screen()).toContain('refusing to remove feat-login');
  });
});

describe.skipIf(which('fzf') === null)('plum cd with fzf on PATH', () => {
  it('fzf is the picker: type, Enter, the shell is there', async () => {
    const { repo, fix } = fixture();
    const t = term(repo, binDir([...BASE_TOOLS, 'fzf']));
    await t.run('eval "$(plum shell-init bash)"', '$ eval');
    await t.prompt();
    t.type('plum cd');
    t.press('Enter');
    const screen = await t.waitFor(/NAME\s+BRANCH\s+STATE\s+PATH/); // fzf's header line
    expect(screen).toContain('Go to which worktree?');
    expect(screen).not.toContain('Search:'); // not the built-in one
    t.type('f_1');
    await t.waitFor(/1\/4/);
    t.press('Enter');
    // fzf reads keys from the terminal until it has exited: wait for the shell before typing.
    await t.prompt();
    await t.run('echo "AT:$PWD"', `AT:${fix}`);
  });
});
