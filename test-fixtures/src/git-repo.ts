// Real git repositories in temp dirs: branch main, a fixed user, no gpg, gc.auto off, one commit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './temp.js';

export interface GitRepo {
  /** Temp root holding the repo, `origin.git`, `home/` and `state/`. */
  readonly root: string;
  /** The main worktree. */
  readonly path: string;
  /** A hermetic environment for git and for the CLIs under test (HOME, XDG dirs, git config). */
  readonly env: Record<string, string>;
  git(args: readonly string[], cwd?: string): string;
  write(file: string, content: string, cwd?: string): void;
  commit(message: string, files?: Record<string, string>, cwd?: string): string;
  branch(name: string, from?: string): void;
  /** `git worktree add`; with `newBranch` creates the branch. Returns the worktree path. */
  worktree(
    branch: string,
    options?: { path?: string; newBranch?: boolean; detach?: boolean },
  ): string;
  /** A bare `origin` beside the repo, main pushed to it with upstream set. */
  addOrigin(): string;
  cleanup(): void;
}

const FIXED_TIME = '2026-01-01T00:00:00Z';

/** The hermetic environment for a temp root (also used by runCli). */
export function hermeticEnv(root: string): Record<string, string> {
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  const gitconfig = join(home, '.gitconfig');
  writeFileSync(
    gitconfig,
    [
      '[user]',
      '\tname = Plum Test',
      '\temail = test@plumpots.invalid',
      '[commit]',
      '\tgpgsign = false',
      '[tag]',
      '\tgpgsign = false',
      '[gc]',
      '\tauto = 0',
      '[init]',
      '\tdefaultBranch = main',
      '[advice]',
      '\tdetachedHead = false',
      '[protocol "file"]',
      '\tallow = always',
      '',
    ].join('\n'),
  );
  // Where a shell (fish) or tmux would otherwise fall back to /tmp: its own, removed with the root.
  const runtime = join(root, 'runtime');
  const tmuxTmp = join(root, 'tmux');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  mkdirSync(tmuxTmp, { recursive: true, mode: 0o700 });
  return {
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    TMUX_TMPDIR: tmuxTmp,
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_STATE_HOME: join(root, 'state'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CACHE_HOME: join(root, 'cache'),
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_DATE: FIXED_TIME,
    GIT_COMMITTER_DATE: FIXED_TIME,
  };
}

/**
 * A real repository in a temp dir, removed when the test ends.
 * @example const repo = gitRepo(); repo.worktree('feat', { newBranch: true });
 */
export function gitRepo(options: { name?: string; bare?: boolean } = {}): GitRepo {
  const tmp = tempDir();
  const root = tmp.path;
  const env = hermeticEnv(root);
  const path = join(root, options.name ?? 'repo');
  mkdirSync(path, { recursive: true });
  const childEnv = { ...cleanEnv(), ...env };

  const git = (args: readonly string[], cwd = path) =>
    execFileSync('git', args, {
      cwd,
      env: childEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const write = (file: string, content: string, cwd = path) => {
    const full = join(cwd, file);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  };
  const commit = (message: string, files: Record<string, string> = {}, cwd = path) => {
    for (const [file, content] of Object.entries(files)) write(file, content, cwd);
    git(['add', '-A'], cwd);
    git(['commit', '-q', '--allow-empty', '-m', message], cwd);
    return git(['rev-parse', 'HEAD'], cwd).trim();
  };

  git(['init', '-q', '-b', 'main']);
  commit('initial', { 'README.md': '# fixture\n', '.gitignore': '.env\nnode_modules/\ndist/\n' });

  return {
    root,
    path,
    env: childEnv,
    git,
    write,
    commit,
    branch(name, from = 'HEAD') {
      git(['branch', '--', name, from]);
    },
    worktree(branch, opts = {}) {
      const dir = opts.path ?? join(root, 'wt', branch.replace(/\//g, '-'));
      if (opts.detach) git(['worktree', 'add', '-q', '--detach', dir, branch]);
      else if (opts.newBranch) git(['worktree', 'add', '-q', '-b', branch, dir]);
      else git(['worktree', 'add', '-q', dir, branch]);
      return dir;
    },
    addOrigin() {
      const origin = join(root, 'origin.git');
      execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin], { env: childEnv });
      git(['remote', 'add', 'origin', origin]);
      git(['push', '-q', '-u', 'origin', 'main']);
      git(['remote', 'set-head', 'origin', 'main']);
      return origin;
    },
    cleanup: tmp.cleanup,
  };
}

// Node settings of the caller's that would change what the bins under test do (preloads, where the
// compile cache goes or whether there is one).
const NODE_SETTINGS = new Set(['NODE_OPTIONS', 'NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE']);

/**
 * process.env without what a developer's shell or a git hook might leak into tests. The XDG base
 * dirs go too: an environment built as `{ ...repo.env, ...server.env }` must keep the repo
 * fixture's own dirs, never fall back to whatever the caller (or the test process) exported.
 */
export function cleanEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(GIT_|TMUX|npm_|POTS_|PLUM_|XDG_)/.test(key) || NODE_SETTINGS.has(key)) continue;
    out[key] = value;
  }
  return out;
}
