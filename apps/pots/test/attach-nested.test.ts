// A real tmux client: an outer private server's pane is the user's terminal; in it `pots attach`
// attaches a client to the inner (pots's) server. Inside that client, `pots open` must switch the
// client (never nest), `pots kill` of the session you are in moves you first, `pots detach`
// detaches. Driven by send-keys, observed with list-clients; no sleeps.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binPath, retryUntil, tempDir, tmuxServer, type TmuxServer } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

let f: PotsFixture;
let outer: TmuxServer;
let outerPane: string;
let logs: { path: string; cleanup: () => void };

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const pots = (...args: string[]) => [process.execPath, binPath('pots'), ...args].map(q).join(' ');

function type(server: TmuxServer, pane: string, line: string): void {
  server.tmux(['send-keys', '-t', pane, '-l', line]);
  server.tmux(['send-keys', '-t', pane, 'Enter']);
}

/** `session:window` of every client attached to pots's server. */
function clients(): string[] {
  const result = f.server.tryTmux(['list-clients', '-F', '#{client_session}:#{window_name}']);
  return result.stdout.split('\n').filter(Boolean);
}

function paneOf(session: string): string {
  return f.server.tmux(['list-panes', '-t', `=${session}:`, '-F', '#{pane_id}']).trim();
}

/** Runs pots in a pane of pots's own server (so inside the client), output to a log file. */
async function potsInside(session: string, name: string, ...args: string[]): Promise<string> {
  const log = join(logs.path, `${name}.log`);
  type(f.server, paneOf(session), `${pots(...args)} > ${q(log)} 2>&1; echo "exit=$?" >> ${q(log)}`);
  await retryUntil(() => existsSync(log) && /exit=\d+/.test(readFileSync(log, 'utf8')), {
    message: `pots ${args.join(' ')} in ${session} did not finish`,
  });
  return readFileSync(log, 'utf8');
}

function attachFromOuter(name: string): void {
  // The outer pane is a terminal inside the outer server: leave its TMUX behind and point pots at
  // the inner server, as a user on another terminal would.
  const env = Object.entries({ ...f.env, TERM: 'screen' })
    .map(([key, value]) => `${key}=${q(value)}`)
    .join(' ');
  type(
    outer,
    outerPane,
    `cd ${q(f.repo.path)} && env -u TMUX -u TMUX_PANE ${env} ${pots('attach', name)}; echo "attach-exit=$?"`,
  );
}

beforeAll(async () => {
  f = potsFixture();
  outer = tmuxServer();
  logs = tempDir('pl-');
  f.repo.worktree('other', { newBranch: true });
  await f.ok(['create']); // repo-repo-dev: the main worktree's
  await f.ok(['create', 'other']); // repo-other-dev
  outer.tmux(['new-session', '-d', '-s', 'terminal', '-x', '160', '-y', '40']);
  outerPane = outer.tmux(['list-panes', '-t', '=terminal:', '-F', '#{pane_id}']).trim();
});

afterAll(() => {
  f.done();
  outer.kill();
  logs.cleanup();
});

describe('a real client', () => {
  it('pots attach on a terminal attaches it (attach-session with the terminal inherited)', async () => {
    attachFromOuter('repo-repo-dev');
    await retryUntil(() => clients().includes('repo-repo-dev:sh'), {
      message: `no client on repo-repo-dev: ${outer.tmux(['capture-pane', '-p', '-t', outerPane])}`,
    });
  });

  it('pots open inside the client switches it (switch-client, no nested attach)', async () => {
    const log = await potsInside('repo-repo-dev', 'open', 'open', 'other');
    expect(log).toMatch(/exit=0/);
    await retryUntil(() => clients().join() === 'repo-other-dev:sh', {
      message: `clients: ${clients().join()}`,
    });
  });

  it('window mode: pots open switches the client to the window', async () => {
    expect(await f.ok(['create', '--mode', 'window'])).toBe('repo-repo-dev');
    const log = await potsInside(
      'repo-other-dev',
      'open-window',
      'open',
      'other',
      '--mode',
      'window',
    );
    expect(log).toMatch(/created window repo-other-dev/);
    expect(log).toMatch(/exit=0/);
    await retryUntil(() => clients().join() === 'plum:repo-other-dev', {
      message: `clients: ${clients().join()}`,
    });
  });

  it("killing the session you are in switches your client to the main worktree's first", async () => {
    const back = await potsInside('plum', 'back', 'attach', 'repo-other-dev');
    expect(back).toMatch(/exit=0/);
    await retryUntil(() => clients().join() === 'repo-other-dev:sh');
    f.server.tmux(['new-session', '-d', '-s', 'zzz-recent']); // more recent than the main's session
    const log = join(logs.path, 'kill.log');
    // The kill takes down the pane pots runs in: no "exit=" line can follow; pots's own lines are
    // printed before its session goes.
    type(
      f.server,
      paneOf('repo-other-dev'),
      `${pots('kill', '--yes', 'repo-other-dev')} > ${q(log)} 2>&1`,
    );
    await retryUntil(() => clients().join() === 'repo-repo-dev:sh', {
      message: `clients: ${clients().join()}`,
    });
    await retryUntil(() => f.server.tryTmux(['has-session', '-t', '=repo-other-dev']).status !== 0);
    expect(readFileSync(log, 'utf8')).toMatch(/killing repo-other-dev \(the session you are in\)/);
  });

  it('pots detach detaches the client; pots attach then returns 0', async () => {
    const log = await potsInside('repo-repo-dev', 'detach', 'detach');
    expect(log).toMatch(/exit=0/);
    await retryUntil(() => clients().length === 0);
    await retryUntil(() =>
      outer.tmux(['capture-pane', '-p', '-t', outerPane]).includes('attach-exit=0'),
    );
  });
});

describe('plum remove from inside the session it removes (the plum plugin)', () => {
  it('switches the client away first, removes the worktree, then kills the session', async () => {
    const dir = join(f.env.XDG_CONFIG_HOME!, 'plum');
    mkdirSync(dir, { recursive: true });
    const plugin = fileURLToPath(new URL('../dist/plum-plugin.js', import.meta.url));
    writeFileSync(
      join(dir, 'config.yaml'),
      `plugins:\n  - ${JSON.stringify(plugin)}\npots:\n  autoStart: true\n`,
    );
    const plum = (...args: string[]) =>
      [process.execPath, binPath('plum'), ...args].map(q).join(' ');

    attachFromOuter('repo-repo-dev');
    await retryUntil(() => clients().join() === 'repo-repo-dev:sh');
    const made = join(logs.path, 'plum-create.log');
    type(
      f.server,
      paneOf('repo-repo-dev'),
      `${plum('create', 'third')} > ${q(made)} 2>&1; echo "exit=$?" >> ${q(made)}`,
    );
    await retryUntil(() => existsSync(made) && /exit=\d+/.test(readFileSync(made, 'utf8')));
    expect(readFileSync(made, 'utf8')).toMatch(/started session repo-third-dev[\s\S]*exit=0/);
    const path = readFileSync(made, 'utf8')
      .split('\n')
      .find((line) => line.startsWith('/'))!;

    expect(await potsInside('repo-repo-dev', 'open-third', 'open', 'third')).toMatch(/exit=0/);
    await retryUntil(() => clients().join() === 'repo-third-dev:sh');

    const log = join(logs.path, 'plum-remove.log');
    type(
      f.server,
      paneOf('repo-third-dev'),
      `cd ${q(f.repo.path)} && ${plum('remove', 'third', '--yes')} > ${q(log)} 2>&1`,
    );
    await retryUntil(() => clients().join() === 'repo-repo-dev:sh', {
      message: `clients: ${clients().join()}`,
    });
    await retryUntil(() => f.server.tryTmux(['has-session', '-t', '=repo-third-dev']).status !== 0);
    // plum outlived its own pane: it finished the removal and said so.
    await retryUntil(() => !existsSync(path));
    await retryUntil(() => /removed third \(/.test(readFileSync(log, 'utf8')), {
      message: `plum remove log: ${existsSync(log) ? readFileSync(log, 'utf8') : '(none)'}`,
    });
  });
});
