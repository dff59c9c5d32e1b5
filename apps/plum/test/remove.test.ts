// `plum remove` against real git: every refusal row exits 4 and changes nothing (files hashed,
// ignored ones included; git's worktree list compared), --force removes, --dry-run changes nothing,
// branches are deleted only when merged (also squash-merged) or pushed; plugins see typed payloads.
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isPlumError, onSpawn, type PlumError } from '@plumpots/core';
import { gitRepo, runCli, testPluginPath, type GitRepo } from '@plumpots/test-fixtures';
import { openRepo } from '../src/api/context.js';
import { removalRefusal, removeWorktrees, type RemoveOptions } from '../src/api/remove.js';

// --- helpers ---------------------------------------------------------------------------------------

/** Hash of every file under `dir` (ignored ones too): path, type, mode and content. */
function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    const full = join(dir, rel);
    for (const name of readdirSync(full).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      hash.update(`${path}\0${st.mode}\0`);
      if (st.isSymbolicLink()) hash.update(readlinkSync(join(dir, path)));
      else if (st.isDirectory()) walk(path);
      else hash.update(readFileSync(join(dir, path)));
      hash.update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

/** What a refusal must leave exactly as it was. */
function state(repo: GitRepo, wt: string) {
  return {
    files: existsSync(wt) ? treeHash(wt) : null,
    worktrees: repo.git(['worktree', 'list', '--porcelain']),
    refs: repo.git(['for-each-ref', '--format=%(refname) %(objectname)']),
  };
}

async function remove(
  repo: GitRepo,
  queries: string[],
  options: RemoveOptions = {},
  cwd = repo.path,
) {
  const ctx = await openRepo({ cwd, env: repo.env });
  return removeWorktrees(ctx, queries, { yes: true, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<PlumError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPlumError(error)) throw new Error(`expected a PlumError, got ${String(error)}`);
  return error;
}

function registered(repo: GitRepo, path: string): boolean {
  return repo
    .git(['worktree', 'list', '--porcelain', '-z'])
    .split('\0')
    .includes(`worktree ${path}`);
}

// --- one fixture per row of the data-loss matrix -------------------------------------------------

interface Row {
  name: string;
  /** Makes the worktree; returns its path and what the refusal's details must mention. */
  setup(repo: GitRepo): { wt: string; mentions: string[] };
}

const rows: Row[] = [
  {
    name: 'modified tracked file',
    setup(repo) {
      const wt = repo.worktree('feat', { newBranch: true });
      repo.write('README.md', 'edited\n', wt);
      return { wt, mentions: ['1 modified file', 'README.md'] };
    },
  },
  {
    name: 'untracked file',
    setup(repo) {
      const wt = repo.worktree('feat', { newBranch: true });
      repo.write('notes/todo.txt', 'mine\n', wt);
      return { wt, mentions: ['1 untracked file', 'notes/todo.txt'] };
    },
  },
  {
    name: 'ignored .env edited in the worktree',
    setup(repo) {
      repo.write('.env', 'TOKEN=main\n');
      const wt = repo.worktree('feat', { newBranch: true });
      repo.write('.env', 'TOKEN=mine\n', wt);
      return { wt, mentions: ['1 ignored file', '.env'] };
    },
  },
  {
    name: 'ignored non-disposable file in a subdirectory',
    setup(repo) {
      repo.commit('ignore *.db', { '.gitignore': '.env\nnode_modules/\ndist/\n*.db\n' });
      const wt = repo.worktree('feat', { newBranch: true });
      repo.write('data/dev.db', 'rows\n', wt);
      return { wt, mentions: ['data/dev.db'] };
    },
  },
  {
    name: 'detached HEAD with an orphan commit',
    setup(repo) {
      const wt = repo.worktree('main', { detach: true });
      const sha = repo.commit('precious orphan', { 'o.txt': 'o\n' }, wt);
      return { wt, mentions: [`${sha.slice(0, 7)} precious orphan`, 'reachable from no branch'] };
    },
  },
  {
    name: 'rebase in progress',
    setup(repo) {
      const wt = repo.worktree('topic', { newBranch: true });
      repo.commit('topic side', { 'c.txt': 'topic\n' }, wt);
      repo.commit('main side', { 'c.txt': 'main\n' });
      expect(() => repo.git(['rebase', 'main'], wt)).toThrow();
      return { wt, mentions: ['a rebase of topic is in progress'] };
    },
  },
  {
    name: 'initialized submodule',
    setup(repo) {
      const sub = gitRepo({ name: 'subsrc' });
      repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.path, 'sub']);
      repo.commit('add submodule');
      const wt = repo.worktree('feat', { newBranch: true });
      repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'update', '--init', '-q'], wt);
      return { wt, mentions: ['1 initialized submodule', 'sub'] };
    },
  },
  {
    name: 'locked worktree',
    setup(repo) {
      const wt = repo.worktree('feat', { newBranch: true });
      repo.git(['worktree', 'lock', '--reason', 'on usb drive', wt]);
      return { wt, mentions: ['locked: on usb drive'] };
    },
  },
];

describe.each(rows)('$name', (row) => {
  test('refuses with exit 4, listing what would be lost, and changes nothing', async () => {
    const repo = gitRepo();
    const { wt, mentions } = row.setup(repo);
    const before = state(repo, wt);
    const error = await rejection(remove(repo, [wt]));
    expect(error.exitCode).toBe(4);
    expect(error.code).toBe('ERR_PLUM_WOULD_LOSE_WORK');
    expect(error.hint).toMatch(/or pass --force$/);
    const details = error.details.join('\n');
    for (const text of mentions) expect(details).toContain(text);
    expect(state(repo, wt)).toEqual(before);
  });

  test('--dry-run reports it as refused and changes nothing', async () => {
    const repo = gitRepo();
    const { wt } = row.setup(repo);
    const before = state(repo, wt);
    const [result] = await remove(repo, [wt], { dryRun: true });
    expect(result).toMatchObject({ path: wt, refused: true, removed: false, dryRun: true });
    expect(result!.risks.length).toBeGreaterThan(0);
    expect(removalRefusal([result!])?.exitCode).toBe(4);
    expect(state(repo, wt)).toEqual(before);
  });

  test('--force removes it', async () => {
    const repo = gitRepo();
    const { wt } = row.setup(repo);
    const [result] = await remove(repo, [wt], { force: true });
    expect(result).toMatchObject({ path: wt, removed: true, refused: false });
    expect(result!.risks.length).toBeGreaterThan(0); // reported as discarded
    expect(existsSync(wt)).toBe(false);
    expect(registered(repo, wt)).toBe(false);
  });
});

describe('the main worktree', () => {
  test('is refused, even with --force, and nothing changes', async () => {
    const repo = gitRepo();
    repo.worktree('feat', { newBranch: true });
    const before = state(repo, repo.path);
    for (const force of [false, true]) {
      const error = await rejection(remove(repo, ['repo'], { force }));
      expect(error.exitCode).toBe(4);
      expect(error.code).toBe('ERR_PLUM_MAIN_WORKTREE');
    }
    const [dry] = await remove(repo, ['repo'], { dryRun: true, force: true });
    expect(dry?.refused).toBe(true);
    expect(state(repo, repo.path)).toEqual(before);
  });
});

describe('allowed without --force', () => {
  test('a .env byte-identical to the main worktree’s and node_modules are removed', async () => {
    const repo = gitRepo();
    repo.write('.env', 'TOKEN=main\n');
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('.env', 'TOKEN=main\n', wt);
    repo.write('node_modules/x/index.js', 'x\n', wt);
    const [result] = await remove(repo, ['feat']);
    expect(result).toMatchObject({ name: 'feat', removed: true, risks: [] });
    expect(existsSync(wt)).toBe(false);
    expect(readFileSync(join(repo.path, '.env'), 'utf8')).toBe('TOKEN=main\n');
  });

  test('a worktree whose directory was rm -rf’d is deregistered without error', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    rmSync(wt, { recursive: true, force: true });
    const [result] = await remove(repo, ['feat']);
    expect(result).toMatchObject({ removed: true, risks: [] });
    expect(registered(repo, wt)).toBe(false);
    expect(repo.git(['branch', '--list', 'feat'])).toContain('feat'); // the branch stays
  });

  test('removing a clean worktree takes 4 git processes (list, status before and after hooks, remove)', async () => {
    const repo = gitRepo();
    repo.worktree('feat', { newBranch: true });
    const ctx = await openRepo({ cwd: repo.path, env: repo.env });
    const spawned: string[] = [];
    const stop = onSpawn((argv) => spawned.push(argv.slice(1, 3).join(' ')));
    try {
      await removeWorktrees(ctx, ['feat'], { yes: true });
    } finally {
      stop();
    }
    expect(spawned).toEqual([
      'worktree list',
      'status --porcelain=v2',
      'status --porcelain=v2',
      'worktree remove',
    ]);
  });
});

describe('several targets', () => {
  test('one at risk: none is removed', async () => {
    const repo = gitRepo();
    const clean = repo.worktree('clean', { newBranch: true });
    const dirty = repo.worktree('dirty', { newBranch: true });
    repo.write('wip.txt', 'w\n', dirty);
    const error = await rejection(remove(repo, ['clean', 'dirty']));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain('dirty');
    expect(error.message).not.toContain('clean');
    expect(registered(repo, clean)).toBe(true);
    expect(existsSync(clean)).toBe(true);
  });

  test('all clean: all removed; a name given twice counts once', async () => {
    const repo = gitRepo();
    const a = repo.worktree('a', { newBranch: true });
    const b = repo.worktree('b', { newBranch: true });
    const results = await remove(repo, ['a', 'b', a]);
    expect(results.map((r) => [r.name, r.removed])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(existsSync(a) || existsSync(b)).toBe(false);
  });

  test('an unknown name: exit 3 and nothing removed', async () => {
    const repo = gitRepo();
    const a = repo.worktree('a', { newBranch: true });
    const error = await rejection(remove(repo, ['a', 'nope']));
    expect(error.exitCode).toBe(3);
    expect(registered(repo, a)).toBe(true);
  });
});

describe('no name', () => {
  test('in the main worktree: usage error', async () => {
    const repo = gitRepo();
    const error = await rejection(remove(repo, []));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/missing argument/);
  });

  test('inside a linked worktree: removeWorktrees refuses and points at removeSelf (naming it too)', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    const error = await rejection(remove(repo, [], {}, join(wt)));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/use removeSelf \(`plum remove` with no name\)/);
    const named = await rejection(remove(repo, ['feat'], {}, wt));
    expect(named.exitCode).toBe(2);
    expect(named.message).toMatch(/run `plum remove` with no name/);
    expect(existsSync(wt)).toBe(true);
  });
});

describe('confirmation', () => {
  test('asked once with every target; no → nothing removed', async () => {
    const repo = gitRepo();
    const a = repo.worktree('a', { newBranch: true });
    repo.worktree('b', { newBranch: true });
    const asked: string[][] = [];
    const results = await remove(repo, ['a', 'b'], {
      yes: false,
      confirm: (plan) => {
        asked.push(plan.map((r) => r.name));
        return false;
      },
    });
    expect(asked).toEqual([['a', 'b']]);
    expect(results.every((r) => !r.removed)).toBe(true);
    expect(existsSync(a)).toBe(true);
  });

  test('not asked for a refusal, nor with --yes, nor in a dry run', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('a', { newBranch: true });
    let asked = 0;
    const confirm = () => {
      asked++;
      return true;
    };
    repo.write('u.txt', 'u\n', wt);
    expect((await rejection(remove(repo, ['a'], { yes: false, confirm }))).exitCode).toBe(4);
    await remove(repo, ['a'], { dryRun: true, yes: false, confirm });
    await remove(repo, ['a'], { force: true, yes: true, confirm });
    expect(asked).toBe(0);
  });
});

// --- --delete-branch -----------------------------------------------------------------------------

describe('--delete-branch', () => {
  test('merged (fast-forward) into the base: deleted', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.commit('feature', { 'f.txt': 'f\n' }, wt);
    repo.git(['merge', '-q', '--ff-only', 'feat']);
    const [result] = await remove(repo, ['feat'], { deleteBranch: true });
    expect(result).toMatchObject({
      removed: true,
      branchDeleted: true,
      branchAction: 'delete',
      branchReason: 'merged into main',
    });
    expect(repo.git(['branch', '--list', 'feat'])).toBe('');
  });

  test('squash-merged into the base: deleted (git branch -d would refuse)', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.commit('one', { 'f.txt': '1\n' }, wt);
    repo.commit('two', { 'g.txt': '2\n' }, wt);
    repo.git(['merge', '-q', '--squash', 'feat']);
    repo.commit('feat (squashed)');
    const [result] = await remove(repo, ['feat'], { deleteBranch: true });
    expect(result).toMatchObject({ branchDeleted: true, branchReason: 'squash-merged into main' });
    expect(repo.git(['branch', '--list', 'feat'])).toBe('');
  });

  test('pushed to its upstream: deleted', async () => {
    const repo = gitRepo();
    repo.addOrigin();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.commit('pushed work', { 'p.txt': 'p\n' }, wt);
    repo.git(['push', '-q', '-u', 'origin', 'feat'], wt);
    const [result] = await remove(repo, ['feat'], { deleteBranch: true });
    expect(result).toMatchObject({ branchDeleted: true, branchReason: 'pushed to origin/feat' });
    expect(repo.git(['branch', '--list', 'feat'])).toBe('');
  });

  test('unmerged and unpushed: exit 4 before anything is removed, naming the commits; --force deletes', async () => {
    const repo = gitRepo();
    repo.addOrigin();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.commit('pushed', { 'p.txt': 'p\n' }, wt);
    repo.git(['push', '-q', '-u', 'origin', 'feat'], wt);
    const sha = repo.commit('local only', { 'l.txt': 'l\n' }, wt);
    const before = state(repo, wt);
    const error = await rejection(remove(repo, ['feat'], { deleteBranch: true }));
    expect(error.exitCode).toBe(4);
    const details = error.details.join('\n');
    expect(details).toContain(
      'branch feat has 1 commit neither merged into origin/main nor pushed to origin/feat',
    );
    expect(details).toContain(`${sha.slice(0, 7)} local only`);
    expect(error.hint).toContain('merge or push the branch');
    expect(state(repo, wt)).toEqual(before);

    const [result] = await remove(repo, ['feat'], { deleteBranch: true, force: true });
    expect(result).toMatchObject({ removed: true, branchDeleted: true });
    expect(repo.git(['branch', '--list', 'feat'])).toBe('');
  });

  test('a detached worktree has no branch to delete; without the flag the branch stays', async () => {
    const repo = gitRepo();
    repo.worktree('main', { detach: true, path: join(repo.root, 'det') });
    const [detached] = await remove(repo, ['det'], { deleteBranch: true });
    expect(detached).toMatchObject({ removed: true, branchAction: null, branchDeleted: false });
    repo.worktree('kept', { newBranch: true });
    await remove(repo, ['kept']);
    expect(repo.git(['branch', '--list', 'kept'])).toContain('kept');
  });
});

// --- plugins and hooks ---------------------------------------------------------------------------

function usePlugins(repo: GitRepo, plugins: string[]): void {
  const dir = join(repo.env.XDG_CONFIG_HOME!, 'plum');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.yaml'),
    `plugins:\n${plugins.map((p) => `  - ${JSON.stringify(p)}\n`).join('')}`,
  );
}

describe('plugins (through the built bin)', () => {
  test('recorder receives beforeRemove then afterRemove with typed payloads', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat/rec', { newBranch: true });
    usePlugins(repo, [testPluginPath('recorder')]);
    const log = join(repo.root, 'plugin.log');
    const run = await runCli('plum', ['remove', 'feat/rec', '--yes'], {
      cwd: repo.path,
      env: { ...repo.env, PLUM_TEST_PLUGIN_LOG: log },
    });
    expect(run.stderr).toContain('removed feat-rec');
    expect(run.exitCode).toBe(0);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { hook: string; payload: Record<string, Record<string, unknown>> },
      );
    expect(calls.map((c) => c.hook)).toEqual(['worktree:beforeRemove', 'worktree:afterRemove']);
    for (const { payload } of calls) {
      expect(payload.worktree).toMatchObject({ name: 'feat-rec', path: wt, branch: 'feat/rec' });
      expect(typeof payload.worktree!.head).toBe('string');
      expect(payload.repo).toMatchObject({ projectName: 'repo', projectRoot: repo.path });
    }
  });

  test('a throwing beforeRemove is reported by name and the worktree is not removed', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    usePlugins(repo, [testPluginPath('thrower')]);
    const before = state(repo, wt);
    const run = await runCli('plum', ['remove', 'feat', '--yes'], {
      cwd: repo.path,
      env: { ...repo.env, PLUM_TEST_THROW_ON: 'worktree:beforeRemove' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('plugin thrower: worktree:beforeRemove failed: boom');
    expect(state(repo, wt)).toEqual(before);
  });

  test('work a plugin writes during beforeRemove is found by the second check: refused', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    const plugin = join(repo.root, 'writer.mjs');
    writeFileSync(
      plugin,
      `import { writeFileSync } from 'node:fs';
export default { name: 'writer', hooks: { 'worktree:beforeRemove': ({ worktree }) => {
  writeFileSync(worktree.path + '/late.log.txt', 'a dev server wrote this\\n');
} } };\n`,
    );
    usePlugins(repo, [plugin]);
    const error = await rejection(remove(repo, ['feat']));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain('found after plugins and hooks ran');
    expect(error.details.join('\n')).toContain('late.log.txt');
    expect(registered(repo, wt)).toBe(true);
  });
});

// --- the built bin -------------------------------------------------------------------------------

describe('plum remove (built bin)', () => {
  test('exit 4 with the details on stderr; --dry-run --json prints the plan and exits 4 too', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('wip.txt', 'w\n', wt);
    const before = state(repo, wt);
    const run = await runCli('plum', ['rm', 'feat', '--yes'], { cwd: repo.path, env: repo.env });
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toContain('refusing to remove feat');
    expect(run.stderr).toContain('wip.txt');
    expect(run.stderr).toContain('hint: commit or stash it');

    const dry = await runCli('plum', ['remove', 'feat', '--dry-run', '--json'], {
      cwd: repo.path,
      env: repo.env,
    });
    expect(dry.exitCode).toBe(4);
    const [plan] = JSON.parse(dry.stdout) as Array<Record<string, unknown>>;
    expect(plan).toMatchObject({ name: 'feat', refused: true, dryRun: true, removed: false });
    expect(state(repo, wt)).toEqual(before);

    const clean = repo.worktree('clean', { newBranch: true });
    const ok = await runCli('plum', ['remove', 'clean', '--dry-run'], {
      cwd: repo.path,
      env: repo.env,
    });
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain(`would remove clean (${clean})`);
    expect(existsSync(clean)).toBe(true);
  });

  test('without a terminal: one clean worktree is just removed, as git worktree remove does', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    const run = await runCli('plum', ['remove', 'feat'], { cwd: repo.path, env: repo.env });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain(`removed feat (${wt})`);
    expect(existsSync(wt)).toBe(false);
  });

  test('without a terminal and without --yes, several at once or --force discarding work: exit 2, nothing removed', async () => {
    const repo = gitRepo();
    const a = repo.worktree('a', { newBranch: true });
    const b = repo.worktree('b', { newBranch: true });
    const several = await runCli('plum', ['remove', 'a', 'b'], { cwd: repo.path, env: repo.env });
    expect(several.exitCode).toBe(2);
    expect(several.stderr).toContain('--yes');
    repo.write('wip.txt', 'w\n', a);
    const forced = await runCli('plum', ['remove', 'a', '--force'], {
      cwd: repo.path,
      env: repo.env,
    });
    expect(forced.exitCode).toBe(2);
    expect(forced.stderr).toContain('--yes');
    expect([existsSync(a), existsSync(b)]).toEqual([true, true]);
  });

  test('--force says what it discarded and that it overrode a lock', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('wip.txt', 'w\n', wt);
    repo.git(['worktree', 'lock', '--reason', 'usb', wt]);
    const run = await runCli('plum', ['remove', 'feat', '--force', '--yes', '--json'], {
      cwd: repo.path,
      env: repo.env,
    });
    expect(run.exitCode).toBe(0);
    const [result] = JSON.parse(run.stdout) as Array<{
      removed: boolean;
      risks: Array<{ kind: string }>;
    }>;
    expect(result!.removed).toBe(true);
    expect(result!.risks.map((r) => r.kind)).toEqual(['untracked', 'locked']);
    const human = gitRepo();
    const lockedWt = human.worktree('feat', { newBranch: true });
    human.git(['worktree', 'lock', '--reason', 'usb', lockedWt]);
    const text = await runCli('plum', ['remove', 'feat', '--force', '--yes'], {
      cwd: human.path,
      env: human.env,
    });
    expect(text.exitCode).toBe(0);
    expect(text.stderr).toContain(
      'locked: usb: removed anyway (--force; git worktree remove -f -f)',
    );
    expect(existsSync(wt) || existsSync(lockedWt)).toBe(false);
  });

  test.each(['feat#(touch${IFS}x)', 'a;b', 'q"uote', 'ñ日本'])(
    'hostile branch %s: removed with its branch, nothing executed',
    async (branch) => {
      const repo = gitRepo();
      const wt = repo.worktree(branch, { newBranch: true });
      const run = await runCli('plum', ['remove', branch, '--delete-branch', '--yes'], {
        cwd: repo.path,
        env: repo.env,
      });
      expect(run.stderr).not.toContain('✗');
      expect(run.exitCode).toBe(0);
      expect(existsSync(wt)).toBe(false);
      expect(repo.git(['for-each-ref', '--format=%(refname)', 'refs/heads/'])).toBe(
        'refs/heads/main\n',
      );
      for (const dir of [repo.path, repo.root, join(repo.root, 'wt')]) {
        expect(existsSync(join(dir, 'x'))).toBe(false);
      }
    },
  );

  test('a worktree path with a space, named by its path', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('spaced', {
      newBranch: true,
      path: join(repo.root, 'my trees', 'the wt'),
    });
    const run = await runCli('plum', ['remove', wt, '--yes', '--json'], {
      cwd: repo.path,
      env: repo.env,
    });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ name: 'the wt', path: wt, removed: true }]);
    expect(existsSync(wt)).toBe(false);
    expect(registered(repo, wt)).toBe(false);
  });
});

// --- where plum runs from ------------------------------------------------------------------------

describe('works from anywhere in the repository', () => {
  test('from inside another linked worktree and from a subdirectory of the main one', async () => {
    const repo = gitRepo();
    const here = repo.worktree('here', { newBranch: true });
    const a = repo.worktree('a', { newBranch: true });
    const b = repo.worktree('b', { newBranch: true });
    mkdirSync(join(repo.path, 'deep', 'er'), { recursive: true });
    expect((await remove(repo, ['a'], {}, here))[0]?.removed).toBe(true);
    expect((await remove(repo, ['b'], {}, join(repo.path, 'deep', 'er')))[0]?.removed).toBe(true);
    expect(existsSync(a) || existsSync(b)).toBe(false);
    expect(existsSync(here)).toBe(true);
  });

  test('in a bare repository + worktrees layout (no main worktree to compare ignored files with)', async () => {
    const src = gitRepo();
    const root = join(src.root, 'layout');
    mkdirSync(root);
    src.git(['clone', '-q', '--bare', src.path, join(root, '.bare')]);
    writeFileSync(join(root, '.git'), 'gitdir: ./.bare\n');
    src.git(['worktree', 'add', '-q', join(root, 'main'), 'main'], root);
    src.git(['worktree', 'add', '-q', '-b', 'feat', join(root, 'feat')], root);
    src.git(['worktree', 'add', '-q', '-b', 'env', join(root, 'env')], root);
    src.write('.env', 'E=1\n', join(root, 'env'));
    const [removed] = await remove(src, ['feat'], { deleteBranch: true }, join(root, 'main'));
    expect(removed).toMatchObject({
      removed: true,
      branchDeleted: true,
      branchReason: 'merged into main',
    });
    const error = await rejection(remove(src, ['env'], {}, root));
    expect(error.exitCode).toBe(4);
    expect(error.details.join('\n')).toContain('.env');
  });
});

// --- hooks.preRemove (the user's own config: trusted) -----------------------------------------------

function useConfig(repo: GitRepo, yaml: string): void {
  const dir = join(repo.env.XDG_CONFIG_HOME!, 'plum');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), yaml);
}

describe('hooks.preRemove', () => {
  test('runs in the worktree with its values in the environment, before removal', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat#(touch${IFS}x)', { newBranch: true });
    const out = join(repo.root, 'pre-remove.out');
    useConfig(
      repo,
      `hooks:\n  preRemove:\n    - 'printf "%s|%s|%s" "$PLUM_WORKTREE_NAME" "$PLUM_BRANCH" "$(pwd)" > "$OUT"'\n`,
    );
    const ctx = await openRepo({ cwd: repo.path, env: { ...repo.env, OUT: out } });
    const [result] = await removeWorktrees(ctx, ['feat#(touch${IFS}x)'], { yes: true });
    expect(result?.removed).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe(`feat#(touch\${IFS}x)|feat#(touch\${IFS}x)|${wt}`);
    expect(existsSync(join(wt, 'x')) || existsSync(join(repo.path, 'x'))).toBe(false);
  });

  test('a failing hook stops the removal; files it wrote are caught by the second check', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    useConfig(repo, `hooks:\n  preRemove: ['exit 3']\n`);
    const failed = await rejection(remove(repo, ['feat']));
    expect(failed.code).toBe('ERR_PLUM_HOOK_FAILED');
    expect(registered(repo, wt)).toBe(true);

    useConfig(repo, `hooks:\n  preRemove: ['echo log > late.txt']\n`);
    const refused = await rejection(remove(repo, ['feat']));
    expect(refused.exitCode).toBe(4);
    expect(refused.details.join('\n')).toContain('late.txt');
    expect(registered(repo, wt)).toBe(true);
  });
});

describe('trust', () => {
  test("a repository's preRemove hooks need approval: untrusted → exit 4, nothing run or removed", async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    const out = join(repo.root, 'ran');
    repo.write('.plumrc.yaml', `hooks:\n  preRemove: ['touch "${out}"']\n`);
    const error = await rejection(remove(repo, ['feat']));
    expect(error.code).toBe('ERR_PLUM_UNTRUSTED');
    expect(error.exitCode).toBe(4);
    expect(existsSync(out)).toBe(false);
    expect(registered(repo, wt)).toBe(true);
  });

  test("a repository's postCreate hooks do not block removal (remove runs none of them)", async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('.plumrc.yaml', `hooks:\n  postCreate: ['touch never']\n`);
    expect((await remove(repo, ['feat']))[0]?.removed).toBe(true);
    expect(existsSync(wt)).toBe(false);
  });
});
