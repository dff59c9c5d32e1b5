// `pnpm demo`: the main job on a throwaway repo and a private tmux server, then nothing left behind.
// Every step runs the built bins exactly as a user would type them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bins = {
  plum: join(root, 'apps/plum/dist/bin.js'),
  pots: join(root, 'apps/pots/dist/bin.js'),
};
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'plumpots-demo-')));
const repo = join(tmp, 'shop');
const env = {
  ...process.env,
  HOME: join(tmp, 'home'),
  XDG_CONFIG_HOME: join(tmp, 'config'),
  XDG_STATE_HOME: join(tmp, 'state'),
  TMUX_TMPDIR: tmp, // the demo's tmux server lives here, never on your default socket
  POTS_TMUX_SOCKET_NAME: 'demo',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.invalid',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.invalid',
};
delete env.TMUX;
delete env.TMUX_PANE;

const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s);

function step(title, bin, args, { cwd = repo, expect = 0 } = {}) {
  if (title) console.log(`\n${bold(`▸ ${title}`)}`);
  console.log(`$ ${bin} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [bins[bin], ...args], { cwd, env, stdio: 'inherit' });
  if (r.status !== expect) throw new Error(`${bin} ${args.join(' ')} exited ${r.status}`);
  if (expect !== 0) console.log(`(exit ${r.status}, as expected)`);
}

try {
  execFileSync('git', ['init', '-q', '-b', 'main', repo], { env });
  writeFileSync(join(repo, 'README.md'), '# shop\n');
  writeFileSync(join(repo, '.env'), 'SECRET=not-in-git\n');
  writeFileSync(join(repo, '.gitignore'), '.env\n');
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '-m', 'initial'], { cwd: repo, env });
  console.log(bold(`A throwaway repo at ${repo}`));

  step('plum and pots are installed', 'plum', ['--version']);
  step('', 'pots', ['--version']);
  step('a worktree per branch, .env copied in', 'plum', ['create', 'feat/login']);
  step('', 'plum', ['create', 'fix/typo']);
  writeFileSync(join(repo, '../shop.worktrees/feat-login/README.md'), '# shop, edited\n');
  step('every worktree with its state (feat-login has an uncommitted change)', 'plum', ['list']);
  step('plum refuses to lose work', 'plum', ['remove', 'feat-login', '--yes'], { expect: 4 });
  step('a clean worktree goes', 'plum', ['remove', 'fix/typo', '--yes']);
  step('', 'plum', ['list', '--json', '--no-status']);
} finally {
  spawnSync('tmux', ['-L', 'demo', 'kill-server'], { env, stdio: 'ignore' });
  rmSync(tmp, { recursive: true, force: true });
  console.log(`\n${bold('Cleaned up')}: removed ${tmp} and the demo's tmux server.`);
}
