// Worktrees whose branch or directory would run code or be mangled on the way through tmux
// (`#(…)`, `;`, `$`, a leading `-`, control characters): sessions are created, run nothing, and
// round-trip in `pots list --json`; a server pots starts inherits no GIT_DIR or npm_* from it.
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture, type UnitJson } from './cli-helpers.js';

let f: PotsFixture;
let sentinelDir: string;
const worktrees: Array<{ what: string; dir: string }> = [];

beforeAll(() => {
  f = potsFixture();
  sentinelDir = join(f.repo.root, 'sentinel');
  mkdirSync(sentinelDir);
  const add = (what: string, branch: string, path?: string) => {
    const dir = f.repo.worktree(branch, { newBranch: true, ...(path ? { path } : {}) });
    worktrees.push({ what, dir: realpathSync(dir) });
  };
  // `${IFS}`: git refuses spaces in branch names, not this. The absolute sentinel path becomes
  // part of the branch (and, with "/" as "-", of the worktree directory).
  add('#( in the branch', 'x#(touch${IFS}pwned)');
  add('#( with an absolute path', `y#(touch\${IFS}${sentinelDir}/pwned)`);
  add('#{ in the branch', 'x#{host}y');
  add('a trailing ;', 'semi;colon;');
  add('unicode', 'ünï-日本');
  add('spaces (directory)', 'spaced', join(f.repo.root, 'dir with space'));
});

afterAll(() => f.done());

describe('hostile worktree names and paths', () => {
  it('create sessions that run nothing and round-trip in list --json', async () => {
    const names: string[] = [];
    for (const { what, dir } of worktrees) {
      const name = await f.ok(['create', dir.split('/').pop()!]);
      expect(name, what).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/);
      names.push(name);
    }
    const units = await f.json<UnitJson[]>(['list', '--json']);
    for (const [i, { what, dir }] of worktrees.entries()) {
      const unit = units.find((u) => u.name === names[i]);
      expect(unit, what).toMatchObject({
        path: dir,
        worktree: dir.split('/').pop(),
        managed: true,
        orphan: false,
      });
      // Until the pane's forked child has exec'd the shell, its program reads as "tmux".
      await retryUntil(() => {
        const pane = f.server.tmux([
          'list-panes',
          '-t',
          unit!.id,
          '-F',
          '#{pane_current_path}\t#{pane_current_command}',
        ]);
        expect(pane.trim(), what).toBe(`${dir}\tsh`);
        return true;
      });
    }
    // tmux runs #() jobs asynchronously and drops them with the client that asked: start a known
    // one and keep that client (run-shell) until it has run, so any job a name or path had
    // started would have had its chance too.
    const canary = join(sentinelDir, 'canary');
    f.server.tmux([
      'display-message',
      '-p',
      `#(touch ${canary})`,
      ';',
      'run-shell',
      `i=0; while [ ! -e ${canary} ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i+1)); done`,
    ]);
    expect(existsSync(canary)).toBe(true);
    const places = [
      sentinelDir,
      f.repo.root,
      f.repo.path,
      f.env.HOME!,
      f.server.env.HOME!,
      process.cwd(),
    ];
    for (const dir of [...places, ...worktrees.map((w) => w.dir)]) {
      expect(existsSync(join(dir, 'pwned')), dir).toBe(false);
    }
    expect(names.some((n) => n.includes('host'))).toBe(true); // #{host} stayed literal text
  });

  it('round-trips names through attach and info', async () => {
    const units = await f.json<UnitJson[]>(['list', '--json']);
    for (const unit of units) {
      const attach = await f.pots(['attach', unit.name]);
      expect(attach.stdout).toBe(`tmux -L ${f.server.socketName} attach -t '=${unit.name}'\n`);
      const info = await f.json<{ unit: UnitJson }>(['info', unit.name, '--json']);
      expect(info.unit.path).toBe(unit.path);
    }
  });
});

describe('the environment pots starts the server with', () => {
  it('keeps GIT_DIR, GIT_INDEX_FILE and npm_* out of the server and its panes', async () => {
    const g = potsFixture();
    try {
      const out = tempDir('pe-');
      const envFile = join(out.path, 'env.txt');
      const topFile = join(out.path, 'top.txt');
      const leaks = {
        GIT_DIR: join(f.repo.path, '.git'),
        GIT_INDEX_FILE: join(f.repo.path, '.git', 'index'),
        npm_config_pots_leak: '1',
        NODE_OPTIONS: '--no-warnings',
      };
      const wt = realpathSync(g.repo.worktree('envcheck', { newBranch: true }));
      const cmd = `env > '${envFile}'; git rev-parse --show-toplevel > '${topFile}'`;
      await g.ok(['create', 'envcheck', '--cmd', cmd], { env: leaks });
      await retryUntil(() => existsSync(topFile) && readFileSync(topFile, 'utf8').endsWith('\n'));
      const global = g.server.tmux(['show-environment', '-g']);
      expect(global).not.toMatch(/^(GIT_DIR|GIT_INDEX_FILE|npm_config_pots_leak|NODE_OPTIONS)=/m);
      const paneEnv = readFileSync(envFile, 'utf8');
      expect(paneEnv).not.toMatch(/^(GIT_DIR|GIT_INDEX_FILE|npm_config_pots_leak|NODE_OPTIONS)=/m);
      expect(readFileSync(topFile, 'utf8').trim()).toBe(wt);
    } finally {
      g.done();
    }
  });
});
