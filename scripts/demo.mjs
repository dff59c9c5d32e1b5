// `pnpm demo`: the main job on a throwaway repo and a private tmux server, then nothing left behind.
// Every step runs the built bins exactly as a user would type them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bins = {
  plum: join(root, 'apps/plum/bin/plum.cjs'),
  pots: join(root, 'apps/pots/bin/pots.cjs'),
};
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'plumpots-demo-')));
const repo = join(tmp, 'shop');
const env = {};
// Nothing of the caller's git, tmux, plum or pots set-up leaks in: a GIT_DIR, a POTS_DATA_DIR or a
// $TMUX would point the demo at the user's own repository, logs or tmux server.
for (const [key, value] of Object.entries(process.env)) {
  if (!/^(GIT_|TMUX|POTS_|PLUM_)/.test(key)) env[key] = value;
}
Object.assign(env, {
  HOME: join(tmp, 'home'),
  XDG_CONFIG_HOME: join(tmp, 'config'),
  XDG_STATE_HOME: join(tmp, 'state'),
  XDG_CACHE_HOME: join(tmp, 'cache'), // plum's config cache
  TMUX_TMPDIR: tmp, // the demo's tmux server lives here, never on your default socket
  POTS_TMUX_SOCKET_NAME: 'demo',
  // The development template opens $VISUAL/$EDITOR: a GUI editor (`code --wait`) would pop up.
  VISUAL: 'vi',
  EDITOR: 'vi',
  // `node` in the panes is the node running this demo, whatever the user's PATH holds.
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.invalid',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.invalid',
});

// The throwaway repository's "test suite": a few lines over about a second, then exit 0.
const testSuite = `const tests = ['cart adds an item', 'cart removes an item', 'checkout totals the cart', 'login rejects a bad password'];
let n = 0;
const timer = setInterval(() => {
  console.log(\`ok \${n + 1} - \${tests[n]}\`);
  if (++n === tests.length) {
    clearInterval(timer);
    console.log(\`# \${n} passed\`);
  }
}, 250);
`;

const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s);
const shown = (arg) => (/^[\w%./=:@-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

/**
 * Runs a bin and shows it as typed. stdin is never the terminal: `pots open` then prints the
 * command to attach instead of taking over the terminal of whoever runs the demo.
 * Returns stdout when `capture` is set (it is printed too).
 */
function step(title, bin, args, { expect = 0, capture = false } = {}) {
  if (title) console.log(`\n${bold(`▸ ${title}`)}`);
  console.log(`$ ${bin} ${args.map(shown).join(' ')}`);
  const r = spawnSync(process.execPath, [bins[bin], ...args], {
    cwd: repo,
    env,
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
  });
  if (capture) process.stdout.write(r.stdout);
  if (r.status !== expect) throw new Error(`${bin} ${args.join(' ')} exited ${r.status}`);
  if (expect !== 0) console.log(`(exit ${r.status}, as expected)`);
  return capture ? r.stdout.trim() : '';
}

let failed = false;
try {
  execFileSync('git', ['init', '-q', '-b', 'main', repo], { env });
  writeFileSync(join(repo, 'README.md'), '# shop\n');
  writeFileSync(join(repo, 'test.js'), testSuite);
  writeFileSync(join(repo, '.env'), 'SECRET=not-in-git\n');
  writeFileSync(join(repo, '.gitignore'), '.env\n');
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '-m', 'initial'], { cwd: repo, env });
  console.log(bold(`A throwaway repo at ${repo}`));

  step('plum and pots are installed', 'plum', ['--version']);
  step('', 'pots', ['--version']);

  // plum: worktrees.
  step('a worktree per branch, .env copied in', 'plum', ['create', 'feat/login']);
  step('', 'plum', ['create', 'fix/typo']);
  writeFileSync(join(repo, '../shop.worktrees/feat-login/README.md'), '# shop, edited\n');
  step('every worktree with its state (feat-login has an uncommitted change)', 'plum', ['list']);
  step('plum refuses to lose work', 'plum', ['remove', 'feat-login', '--yes'], { expect: 4 });
  step('a clean worktree goes', 'plum', ['remove', 'fix/typo', '--yes']);

  // pots: sessions, a command in a pane, its output live.
  step(
    'a tmux session for feat-login, laid out from a template (the demo gives pots no terminal: it prints how to attach)',
    'pots',
    ['open', 'feat-login', '--template', 'development'],
  );
  step('pots knows its sessions by worktree and task', 'pots', ['list']);
  const pane = step(
    'run the tests in a session of their own: pots prints the pane id',
    'pots',
    ['spawn', 'feat-login', '--task', 'tests', '--', 'node', 'test.js'],
    { capture: true },
  );
  if (!/^%\d+$/.test(pane))
    throw new Error(`pots spawn printed ${JSON.stringify(pane)}, not a pane id`);
  step('their output as it is produced, then their exit status', 'pots', [
    'logs',
    pane,
    '--follow',
    '--since-start',
  ]);
  step('every pane pots manages, the tests exited(0)', 'pots', ['ps']);

  // Clean up through the real commands; the finally below is only the safety net.
  step('clean up: a session by its exact name', 'pots', ['kill', 'shop-feat-login-tests', '--yes']);
  step('the worktree, uncommitted change and all (you said --force)', 'plum', [
    'remove',
    'feat-login',
    '--force',
    '--yes',
  ]);
  // --min-age 0: the session is seconds old, and cleanup spares young ones by default.
  step(
    'its dev session now points at a deleted worktree: pots cleanup finds and kills it',
    'pots',
    ['cleanup', '--yes', '--min-age', '0'],
  );
  step('', 'pots', ['list']);
} catch (error) {
  failed = true;
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  spawnSync('tmux', ['-L', 'demo', 'kill-server'], { env, stdio: 'ignore' });
  rmSync(tmp, { recursive: true, force: true });
  console.log(`\n${bold('Cleaned up')}: removed ${tmp} and the demo's tmux server.`);
}
process.exitCode = failed ? 1 : 0;
