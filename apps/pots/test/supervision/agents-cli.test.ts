// Agent supervision through the built bin, as a user (and the agents' hooks) would drive it: stand-in
// agents with their hooks installed go starting → idle → working → waiting → working → idle →
// exited; `ps --json`/`--explain` carry the evidence; `wait --state` returns on the state; screen
// rules decide where no hook runs, and win a disagreement they should; silence makes `stuck`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { psSchema } from '../../src/api/schemas.js';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { standInBin } from './stand-in.js';

interface Row {
  id: string;
  state: string;
  stateSince: string;
  agent: string | null;
  spawned: boolean;
  exitCode?: number | null;
  evidence: {
    source: string;
    summary: string;
    report: { state: string; by: string; message: string | null } | null;
    screen: { rule: string; state: string; line: string } | null;
    conflict: { winner: string; why: string } | null;
  };
}

let f: PotsFixture;
let hookLog: string;
beforeAll(() => {
  f = potsFixture();
  const bin = standInBin(join(f.repo.path, '..'));
  hookLog = join(f.repo.path, '..', 'hooks.log');
  f.env.PATH = `${bin}:${f.env.PATH ?? process.env.PATH}`;
  f.env.POTS_DATA_DIR = join(f.repo.path, '..', 'pots-data');
  f.env.STANDIN_LOG = hookLog;
});
afterAll(() => f.done());

const rowOf = async (pane: string): Promise<Row> => {
  const rows = await f.json<Row[]>(['ps', '--json']);
  expect(psSchema.safeParse(rows).success).toBe(true);
  const row = rows.find((r) => r.id === pane);
  expect(row, `pane ${pane} in ps --json`).toBeDefined();
  return row!;
};
const waitState = (pane: string, state: string) =>
  f.ok(['wait', pane, '--state', state, '--timeout', '60']);

describe('claude with its hooks', () => {
  let pane: string;

  it('hooks install writes settings.local.json, excluded from git, and the stand-in calls them', async () => {
    await f.ok(['hooks', 'install', 'claude']);
    const settings = JSON.parse(
      readFileSync(join(f.repo.path, '.claude/settings.local.json'), 'utf8'),
    ) as { hooks: Record<string, unknown[]> };
    expect(Object.keys(settings.hooks)).toEqual(
      expect.arrayContaining(['UserPromptSubmit', 'Notification', 'Stop', 'SessionEnd']),
    );
    expect(readFileSync(join(f.repo.path, '.git/info/exclude'), 'utf8')).toContain(
      '/.claude/settings.local.json',
    );
    expect(f.repo.git(['status', '--porcelain'])).toBe('');
    pane = (await f.ok(['spawn', '--name', 'claude', '--', 'claude'])).trim();
    // SessionStart → idle, from the hook.
    expect(await waitState(pane, 'idle')).toBe('idle');
    const row = await rowOf(pane);
    expect(row).toMatchObject({ state: 'idle', agent: 'claude', spawned: true });
    expect(row.evidence.report?.by).toBe('hook:SessionStart');
    expect(readFileSync(hookLog, 'utf8')).toContain('SessionStart');
  });

  it('a permission prompt: working, then waiting with the hook message; approval → working → idle', async () => {
    const waiting = f.pots(['wait', pane, '--state', 'waiting', '--json', '--timeout', '60']);
    await f.ok(['send', pane, 'ask']);
    const result = await waiting;
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ reason: 'state', paneId: pane, state: 'waiting' });
    const row = await rowOf(pane);
    expect(row.state).toBe('waiting');
    expect(row.evidence).toMatchObject({
      source: 'hook',
      report: {
        state: 'waiting',
        by: 'hook:Notification:permission_prompt|elicitation_dialog',
        message: 'Claude needs your permission to use Bash',
      },
    });
    // The screen agrees: the rule and the line are evidence too.
    expect(row.evidence.screen).toMatchObject({
      state: 'waiting',
      rule: 'claude/permission-question',
    });
    const explained = await f.ok(['ps', '--explain', pane]);
    expect(explained).toContain(`${pane}  repo-repo-dev:claude  claude  waiting since`);
    expect(explained).toContain(
      'hook Notification:permission_prompt|elicitation_dialog reported waiting',
    );
    expect(explained).toContain('"Claude needs your permission to use Bash"');
    await f.ok(['send', pane, '1']);
    expect(await waitState(pane, 'idle')).toBe('idle');
    expect(readFileSync(hookLog, 'utf8')).toMatch(/PostToolUse[\s\S]*Stop/);
    expect((await rowOf(pane)).evidence.report?.by).toBe('hook:Stop');
  });

  it('an interrupt no hook reports: hook says working, the screen shows the prompt — the screen wins, and --explain says so', async () => {
    await f.ok(['send', pane, 'work']);
    await waitState(pane, 'working');
    // The working line keeps printing: once it has printed past the report, Escape interrupts.
    await retryUntil(async () => {
      const row = await rowOf(pane);
      return row.state === 'working' && Date.now() - Date.parse(row.stateSince) > 2500;
    });
    await f.ok(['send', pane, '--key', 'Escape']);
    const row = await retryUntil(async () => {
      const r = await rowOf(pane);
      return r.state === 'idle' ? r : undefined;
    });
    expect(row.evidence).toMatchObject({
      source: 'screen',
      report: { state: 'working', by: 'hook:UserPromptSubmit' },
      screen: { state: 'idle' },
      conflict: { winner: 'screen', why: 'the pane printed after the report' },
    });
    expect(await f.ok(['ps', '--explain', pane])).toMatch(
      /hook and screen disagree: hook said working \(hook:UserPromptSubmit, [0-9:]+Z\); screen says idle \(claude\/[a-z-]+: .*\); screen won \(the pane printed after the report\)/,
    );
  });

  it('exit: SessionEnd reports exited, then the pane exits with status 0', async () => {
    await f.ok(['send', pane, 'exit']);
    expect(await waitState(pane, 'exited')).toBe('exited');
    const row = await retryUntil(async () => {
      const r = await rowOf(pane);
      return r.evidence.source === 'exit' ? r : undefined;
    });
    expect(row).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(row.evidence.summary).toBe('the process exited with status 0');
  });
});

describe('screen rules, where no hook runs', () => {
  it('decide idle, working and waiting from what the stand-in draws', async () => {
    const pane = (
      await f.ok(['spawn', '--name', 'quiet', '--env', 'STANDIN_NO_HOOKS=1', '--', 'claude'])
    ).trim();
    const idle = await retryUntil(async () => {
      const r = await rowOf(pane);
      return r.state === 'idle' ? r : undefined;
    });
    expect(idle.evidence).toMatchObject({
      source: 'screen',
      report: { state: 'starting', by: 'spawn' },
    });
    await f.ok(['send', pane, 'ask']);
    expect(await waitState(pane, 'waiting')).toBe('waiting');
    const row = await rowOf(pane);
    expect(row.evidence).toMatchObject({
      source: 'screen',
      screen: { rule: 'claude/permission-question', line: 'Do you want to proceed?' },
    });
    await f.ok(['send', pane, 'work']); // denies the menu: back at the prompt
    await waitState(pane, 'idle');
    await f.ok(['send', pane, 'work']);
    expect(await waitState(pane, 'working')).toBe('working');
    expect((await rowOf(pane)).evidence.screen?.rule).toBe('claude/esc-to-interrupt');
  });

  it('a working agent that goes silent past pots.agents.stuckSeconds is stuck', async () => {
    writeFileSync(join(f.repo.path, '.plumrc.yaml'), 'pots:\n  agents:\n    stuckSeconds: 2\n');
    try {
      const pane = (await f.ok(['spawn', '--name', 'hang', '--', 'claude'])).trim();
      await waitState(pane, 'idle');
      await f.ok(['send', pane, 'hang']);
      expect(await waitState(pane, 'stuck')).toBe('stuck');
      const row = await rowOf(pane);
      expect(row.evidence.source).toBe('silence');
      expect(row.evidence.summary).toMatch(
        /no output and no hook event for .* \(stuck after 2 s\)/,
      );
      expect(await f.ok(['status-line'])).toMatch(/1 stuck \(repo-repo-dev\)/);
    } finally {
      writeFileSync(join(f.repo.path, '.plumrc.yaml'), '');
    }
  });

  it('wait --state times out with exit 1, and refuses an unknown state with exit 2', async () => {
    const pane = (await f.ok(['spawn', '--name', 'idler', '--', 'claude'])).trim();
    await waitState(pane, 'idle');
    const timedOut = await f.pots(['wait', pane, '--state', 'waiting', '--timeout', '0.5']);
    expect(timedOut.exitCode).toBe(1);
    expect(timedOut.stderr).toMatch(/timed out after 0.5 s waiting for .* to be waiting/);
    expect((await f.pots(['wait', pane, '--state', 'sleepy'])).exitCode).toBe(2);
    expect((await f.pots(['wait', pane, '--state', 'idle', '--exit'])).exitCode).toBe(2);
  });
});

describe('pots report', () => {
  it('exits 0 with a warning when the server or pane is gone, or outside tmux', async () => {
    const gone = await f.pots(['report', 'idle', '--pane', '%999']);
    expect(gone).toMatchObject({ exitCode: 0, stdout: '' });
    expect(gone.stderr).toMatch(/state not recorded: .*%999/);
    const noServer = await f.pots([
      'report',
      'working',
      '--pane',
      '%0',
      '-L',
      `${f.server.socketName}-none`,
    ]);
    expect(noServer.exitCode).toBe(0);
    expect(noServer.stderr).toMatch(/state not recorded/);
    const outside = await f.pots(['report', 'working'], { env: { TMUX_PANE: '' } });
    expect(outside.exitCode).toBe(0);
    expect(outside.stderr).toMatch(/not in a tmux pane/);
    expect((await f.pots(['report', 'sleepy', '--pane', '%0'])).exitCode).toBe(2);
    expect(existsSync(join(f.repo.path, 'sleepy'))).toBe(false);
  });
});
