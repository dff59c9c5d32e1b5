// Notifications on each channel, hooks install/uninstall next to a user's own hooks, send --confirm,
// stop's escalation and kill %N — through the built bin, on a private server.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { nestedClient, type NestedClient } from '../nested-client.js';
import { standInBin } from './stand-in.js';

let f: PotsFixture;
let scratch: string;
beforeAll(() => {
  f = potsFixture();
  scratch = join(f.repo.path, '..');
  const bin = standInBin(scratch);
  f.env.PATH = `${bin}:${f.env.PATH ?? process.env.PATH}`;
  f.env.POTS_DATA_DIR = join(scratch, 'pots-data');
  f.env.CODEX_HOME = join(scratch, 'codex-home');
});
afterAll(() => f.done());

const spawn = async (name: string, ...command: string[]) =>
  (await f.ok(['spawn', '--name', name, '--', ...command])).trim();
const json = <T>(text: string) => JSON.parse(text) as T;

describe('notifications', () => {
  let client: NestedClient | undefined;
  afterAll(() => client?.kill());

  it('entering waiting: the config command (POTS_* env), notify-send, a message on the attached client, the bell', async () => {
    const marker = join(scratch, 'notified.txt');
    const sent = join(scratch, 'notify-send.txt');
    // notify-send, as a stand-in on PATH that records its arguments.
    writeFileSync(
      join(scratch, 'bin', 'notify-send'),
      `#!/bin/sh\nprintf '%s|' "$@" >> '${sent}'\n`,
    );
    chmodSync(join(scratch, 'bin', 'notify-send'), 0o755);
    mkdirSync(join(f.env.XDG_CONFIG_HOME!, 'plum'), { recursive: true });
    writeFileSync(
      join(f.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml'),
      `pots:\n  notify:\n    command: 'printf "%s %s %s %s\\\\n" "$POTS_PANE" "$POTS_STATE" "$POTS_SESSION" "$POTS_MESSAGE" >> ${marker}'\n`,
    );
    const pane = await spawn('bot', 'sh', '-c', 'sleep 600');
    // A second window, current, so the agent's window is not the one the client looks at (bells
    // show there); spawn opened the new session on the agent's window.
    const other = await spawn('other', 'sh', '-c', 'sleep 600');
    f.server.tmux(['select-window', '-t', other]);
    client = nestedClient(f);
    client.attach('repo-repo-dev');
    await retryUntil(() => client!.clientSessions().includes('repo-repo-dev'));

    const result = json<{ recorded: boolean; notified: Array<{ channel: string; ok: boolean }> }>(
      await f.ok([
        'report',
        'waiting',
        '--pane',
        pane,
        '--agent',
        'claude',
        '--message',
        'needs a yes',
        '--json',
      ]),
    );
    expect(result.recorded).toBe(true);
    expect(result.notified).toEqual(
      expect.arrayContaining([
        { channel: 'display', ok: true },
        { channel: 'bell', ok: true },
        { channel: 'desktop', ok: true },
        { channel: 'command', ok: true },
      ]),
    );
    expect(await retryUntil(() => readFileSync(marker, 'utf8').trim())).toBe(
      `${pane} waiting repo-repo-dev needs a yes`,
    );
    expect(await retryUntil(() => readFileSync(sent, 'utf8'))).toContain(
      `pots: waiting|claude in repo-repo-dev:bot (${pane}) is waiting — needs a yes|`,
    );
    // What the user's terminal shows: the message on the client's status line.
    const outerPane = client.outer
      .tmux(['list-panes', '-a', '-F', '#{pane_id}'])
      .trim()
      .split('\n')[0]!;
    await retryUntil(() =>
      client!.outer
        .tmux(['capture-pane', '-p', '-t', outerPane])
        .includes(`is waiting — needs a yes`),
    );
    // The bell flag on the agent's window (tmux shows it in the status bar).
    const window = f.server.tmux(['display-message', '-p', '-t', pane, '#{window_id}']).trim();
    await retryUntil(() =>
      f.server
        .tmux(['list-windows', '-a', '-F', '#{window_id} #{window_bell_flag}'])
        .includes(`${window} 1`),
    );

    // Edge-triggered: the same state again notifies nobody.
    const again = json<{ notified: unknown[] }>(
      await f.ok(['report', 'waiting', '--pane', pane, '--json']),
    );
    expect(again.notified).toEqual([]);
    // working is not a notify state; idle is.
    expect(
      json<{ notified: unknown[] }>(await f.ok(['report', 'working', '--pane', pane, '--json']))
        .notified,
    ).toEqual([]);
    await f.ok(['report', 'idle', '--pane', pane, '--no-notify']);
    expect(readFileSync(marker, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it("a repository's notify command runs only once the repository is trusted", async () => {
    const marker = join(scratch, 'repo-notified.txt');
    writeFileSync(
      join(f.repo.path, '.plumrc.yaml'),
      `pots:\n  notify:\n    command: 'touch ${marker}'\n`,
    );
    try {
      const pane = await spawn('repo-cmd', 'sh', '-c', 'sleep 600');
      const result = await f.pots(['report', 'waiting', '--pane', pane, '--json']);
      expect(result.exitCode).toBe(0);
      const outcome = json<{ notified: Array<{ channel: string; ok: boolean; detail?: string }> }>(
        result.stdout,
      );
      const command = outcome.notified.find((n) => n.channel === 'command');
      expect(command?.ok).toBe(false);
      expect(command?.detail).toMatch(/not trusted/);
      expect(result.stderr).toMatch(/notify command: .*not trusted/);
    } finally {
      writeFileSync(join(f.repo.path, '.plumrc.yaml'), '');
    }
  });
});

describe('hooks install', () => {
  const userHook = { type: 'command', command: 'echo mine' };

  it("claude: merges beside the user's hooks; uninstall takes out only pots's", async () => {
    const file = join(f.repo.path, '.claude', 'settings.local.json');
    mkdirSync(join(f.repo.path, '.claude'), { recursive: true });
    const mine = {
      model: 'opus',
      hooks: {
        Stop: [{ matcher: '', hooks: [userHook] }],
        PreToolUse: [{ matcher: 'Bash', hooks: [userHook] }],
      },
    };
    writeFileSync(file, JSON.stringify(mine, null, 2));
    await f.ok(['hooks', 'install', 'claude']);
    await f.ok(['hooks', 'install', 'claude']); // idempotent
    const installed = json<{
      model: string;
      hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>>;
    }>(readFileSync(file, 'utf8'));
    expect(installed.model).toBe('opus');
    expect(installed.hooks.PreToolUse).toEqual(mine.hooks.PreToolUse);
    const stop = installed.hooks.Stop!.flatMap((g) => g.hooks.map((h) => h.command));
    expect(stop).toEqual(['echo mine', 'pots report idle --agent claude --event Stop --stdin']);
    expect(installed.hooks.Notification).toHaveLength(2);
    await f.ok(['hooks', 'install', 'claude', '--uninstall']);
    expect(json(readFileSync(file, 'utf8'))).toEqual(mine);
    // A file that is not JSON is not touched (exit 4).
    writeFileSync(file, '{ oops');
    const refused = await f.pots(['hooks', 'install', 'claude']);
    expect(refused.exitCode).toBe(4);
    expect(readFileSync(file, 'utf8')).toBe('{ oops');
  });

  it('gemini and aider in the worktree, codex in $CODEX_HOME — and codex refuses to replace your notify', async () => {
    const printed = await f.ok(['hooks', 'install', 'gemini', '--print']);
    expect(printed).toContain('"BeforeAgent"');
    await f.ok(['hooks', 'install', 'gemini']);
    const gemini = json<{
      hooks: Record<string, Array<{ hooks: Array<{ name: string; command: string }> }>>;
    }>(readFileSync(join(f.repo.path, '.gemini', 'settings.json'), 'utf8'));
    expect(gemini.hooks.AfterAgent![0]!.hooks[0]).toEqual({
      name: 'pots-idle',
      type: 'command',
      command: 'pots report idle --agent gemini --event AfterAgent --stdin',
    });
    await f.ok(['hooks', 'install', 'aider']);
    expect(readFileSync(join(f.repo.path, '.aider.conf.yml'), 'utf8')).toContain(
      'notifications-command: "pots report idle --agent aider --event notification"',
    );
    mkdirSync(f.env.CODEX_HOME!, { recursive: true });
    const toml = join(f.env.CODEX_HOME!, 'config.toml');
    writeFileSync(toml, 'model = "o3"\n\n[tui]\nnotifications = true\n');
    await f.ok(['hooks', 'install', 'codex']);
    const text = readFileSync(toml, 'utf8');
    expect(
      text.indexOf(
        'notify = ["pots","report","idle","--agent","codex","--event","agent-turn-complete"]',
      ),
    ).toBeLessThan(text.indexOf('[tui]'));
    await f.ok(['hooks', 'install', 'codex', '--uninstall']);
    expect(readFileSync(toml, 'utf8')).toBe('model = "o3"\n\n[tui]\nnotifications = true\n');
    writeFileSync(toml, 'notify = ["my-notifier"]\n');
    const refused = await f.pots(['hooks', 'install', 'codex']);
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toMatch(/already sets notify/);
    expect((await f.pots(['hooks', 'install', 'vim'])).exitCode).toBe(2);
  });

  it('codex and gemini stand-ins report through what was installed', async () => {
    writeFileSync(join(f.env.CODEX_HOME!, 'config.toml'), '');
    await f.ok(['hooks', 'install', 'codex']);
    const codex = await spawn('codex', 'codex');
    await f.ok(['send', codex, 'fix it']);
    const row = await retryUntil(async () =>
      json<
        Array<{
          id: string;
          state: string;
          evidence: { report: { by: string; message: string } | null };
        }>
      >(await f.ok(['ps', '--json'])).find(
        (r) => r.id === codex && r.evidence.report?.by === 'hook:agent-turn-complete',
      ),
    );
    expect(row).toMatchObject({ state: 'idle', evidence: { report: { message: 'Done.' } } });
    const gemini = await spawn('gemini', 'gemini');
    await f.ok(['send', gemini, 'ask']);
    expect(await f.ok(['wait', gemini, '--state', 'waiting', '--timeout', '60'])).toBe('waiting');
  });
});

describe('controlling one pane', () => {
  it('send --confirm: 0 when the agent takes it, 1 when it does not', async () => {
    const agent = await spawn('claude', 'claude');
    await f.ok(['wait', agent, '--state', 'idle', '--timeout', '60']);
    const taken = await f.pots(['send', agent, 'do it', '--confirm', '--timeout', '30']);
    expect(taken.exitCode, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(/took it/);
    // An "agent" that never reacts: reported idle, and it stays so.
    const deaf = await spawn('deaf', 'sh', '-c', 'sleep 600');
    await f.ok(['report', 'idle', '--pane', deaf, '--agent', 'claude', '--no-notify']);
    const ignored = await f.pots(['send', deaf, 'hello', '--confirm', '--timeout', '1']);
    expect(ignored.exitCode).toBe(1);
    expect(ignored.stderr).toMatch(/did not take it within 1 s: still idle/);
    expect((await f.pots(['send', agent, '--key', 'hello'])).exitCode).toBe(2);
    expect((await f.pots(['send', agent])).exitCode).toBe(2);
  });

  it('stop: SIGINT ends a plain process, SIGTERM one that ignores SIGINT, SIGKILL one that ignores both', async () => {
    const plain = await spawn('plain', 'sh', '-c', 'sleep 600');
    const noInt = await spawn('no-int', 'sh', '-c', 'trap "" INT; while :; do sleep 0.2; done');
    const noTerm = await spawn(
      'no-term',
      'sh',
      '-c',
      'trap "" INT TERM; while :; do sleep 0.2; done',
    );
    const stop = async (pane: string) =>
      json<{ endedBy: string; sent: string[] }>(
        await f.ok(['stop', pane, '--grace', '1', '--json']),
      );
    expect(await stop(plain)).toMatchObject({ endedBy: 'SIGINT', sent: ['SIGINT'] });
    expect(await stop(noInt)).toMatchObject({ endedBy: 'SIGTERM', sent: ['SIGINT', 'SIGTERM'] });
    expect(await stop(noTerm)).toMatchObject({
      endedBy: 'SIGKILL',
      sent: ['SIGINT', 'SIGTERM', 'SIGKILL'],
    });
    expect(await f.ok(['wait', noTerm, '--state', 'exited', '--timeout', '30'])).toBe('exited');
    expect(await f.ok(['stop', plain])).toBe('');
  });

  it('kill %N kills that one pane; an unknown pane is exit 3', async () => {
    const a = await spawn('a', 'sh', '-c', 'sleep 600');
    const b = await spawn('b', 'sh', '-c', 'sleep 600');
    await f.ok(['kill', a]);
    const panes = f.server.tmux(['list-panes', '-a', '-F', '#{pane_id}']).split('\n');
    expect(panes).not.toContain(a);
    expect(panes).toContain(b);
    expect((await f.pots(['kill', '%999'])).exitCode).toBe(3);
    expect((await f.pots(['kill', b, 'repo-repo-dev'])).exitCode).toBe(2);
  });
});
