// broadcast: one text to the agent pane (or else the active pane) of every matching managed
// session, reported per target; dead panes and panes with input off are skipped with a reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcast, spawnAgent } from '../../src/agents/index.js';
import { agentFixture, recorder, type AgentFixture } from './fixture.js';

let f: AgentFixture;
const files: Record<string, string> = {};
const received = (name: string) =>
  existsSync(files[name]!) ? readFileSync(files[name]!, 'utf8') : '';

/** A session whose first pane records its input, tagged as pots would tag it. */
async function managedSession(name: string, project: string | null) {
  files[name] = join(f.dir, `${name}.in`);
  f.server.tmux(['new-session', '-d', '-s', name, '-c', f.dir, '--', ...recorder(files[name])]);
  if (project !== null) {
    f.server.tmux(['set-option', '-t', `=${name}:`, '@pots-worktree', `/w/${name}`]);
    f.server.tmux(['set-option', '-t', `=${name}:`, '@pots-project', project]);
    f.server.tmux(['set-option', '-t', `=${name}:`, '@pots-task', 'dev']);
  }
  await f.screenHas(
    f.server.tmux(['display', '-p', '-t', `=${name}:`, '#{pane_id}']).trim(),
    'READY',
  );
}

beforeAll(async () => {
  f = agentFixture('bc-base');
  await managedSession('app-a-dev', 'app');
  await managedSession('app-b-dev', 'app');
  await managedSession('web-c-dev', 'web');
  await managedSession('not-managed', null);
  // app-b-dev also runs an agent: the broadcast goes to it, not to the session's active pane.
  const id = f.server.tmux(['display', '-p', '-t', '=app-b-dev:', '#{session_id}']).trim();
  files.agent = join(f.dir, 'agent.in');
  const agent = await spawnAgent(f.tmux, {
    session: { id, name: 'app-b-dev' },
    cwd: f.dir,
    command: recorder(files.agent),
    dataDir: f.dataDir,
  });
  await f.screenHas(agent.id, 'READY');
  // web-x-dev's pane has died; web-y-dev's ignores input.
  f.server.tmux([
    'new-session',
    '-d',
    '-s',
    'web-x-dev',
    '-c',
    f.dir,
    'exit 1',
    ';',
    'set-option',
    '-p',
    '-t',
    '=web-x-dev:',
    'remain-on-exit',
    'on',
  ]);
  f.server.tmux(['set-option', '-t', '=web-x-dev:', '@pots-worktree', '/w/x']);
  f.server.tmux(['set-option', '-t', '=web-x-dev:', '@pots-project', 'web']);
  f.server.tmux(['new-session', '-d', '-s', 'web-y-dev', '-c', f.dir]);
  f.server.tmux(['set-option', '-t', '=web-y-dev:', '@pots-worktree', '/w/y']);
  f.server.tmux(['select-pane', '-d', '-t', '=web-y-dev:']);
  await retryUntil(
    () => f.server.tmux(['display', '-p', '-t', '=web-x-dev:', '#{pane_dead}']).trim() === '1',
  );
});
afterAll(() => f.cleanup());

describe('broadcast', () => {
  it('reaches every managed session and reports each target', async () => {
    const results = await broadcast(f.tmux, 'status? ;');
    expect(results.map((r) => [r.session, r.delivered, r.reason ?? null])).toEqual([
      ['app-a-dev', true, null],
      ['app-b-dev', true, null],
      ['web-c-dev', true, null],
      ['web-x-dev', false, 'dead'],
      ['web-y-dev', false, 'input-off'],
    ]);
    expect(results[0]).toMatchObject({
      target: expect.stringMatching(/^app-a-dev:.+\.0$/) as string,
      pane: expect.stringMatching(/^%\d+$/) as string,
      worktree: '/w/app-a-dev',
    });
    await retryUntil(
      () =>
        received('app-a-dev') === 'status? ;\r' &&
        received('agent') === 'status? ;\r' &&
        received('web-c-dev') === 'status? ;\r',
    );
    expect(received('app-b-dev')).toBe(''); // its agent got it instead
    expect(received('not-managed')).toBe('');
  });

  it('filters by project and by a glob on the session name, without Enter when asked', async () => {
    const byProject = await broadcast(f.tmux, 'app only', { project: 'app', enter: false });
    expect(byProject.map((r) => r.session)).toEqual(['app-a-dev', 'app-b-dev']);
    const byGlob = await broadcast(f.tmux, 'glob', { filter: '*-[bc]-dev', enter: false });
    expect(byGlob.map((r) => r.session)).toEqual(['app-b-dev', 'web-c-dev']);
    await retryUntil(
      () =>
        received('app-a-dev').endsWith('app only') &&
        received('agent').endsWith('app onlyglob') &&
        received('web-c-dev').endsWith('\rglob'),
    );
    expect(await broadcast(f.tmux, 'nobody', { filter: 'zzz*' })).toEqual([]);
  });
});
