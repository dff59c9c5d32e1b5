// `pots mcp` end to end: the built bin as a child process, driven by the SDK's own client over
// stdio, against a real repository and a private tmux server; a stand-in agent in a pane.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binPath, cleanEnv, runCli, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { startMcp, type McpSession } from './mcp-client.js';

const AGENT = fileURLToPath(new URL('./stand-in-agent.mjs', import.meta.url));

let f: PotsFixture;
let env: Record<string, string>;
let mcp: McpSession;

beforeAll(async () => {
  f = potsFixture();
  env = { ...cleanEnv(), ...f.env };
  mcp = await startMcp({ args: ['-L', f.server.socketName], cwd: f.repo.path, env });
}, 60_000);

afterAll(async () => {
  await mcp?.close();
  f?.done();
});

describe('pots mcp, without --allow-remove', () => {
  it('lists the tools, with JSON Schemas in and out, and no remove tools', async () => {
    const { tools } = await mcp.client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual([
      'worktrees_list',
      'worktree_create',
      'units_list',
      'agent_spawn',
      'agent_send',
      'agent_output',
      'agent_wait',
      'agent_state',
      'agent_stop',
    ]);
    expect(names).not.toContain('worktree_remove');
    expect(names).not.toContain('unit_kill');
    const spawn = tools.find((tool) => tool.name === 'agent_spawn')!;
    expect(spawn.inputSchema).toMatchObject({ type: 'object', required: ['command'] });
    expect(spawn.outputSchema).toMatchObject({ type: 'object' });
  });

  it('creates a worktree, runs an agent in it, talks to it, waits, reads it, stops it', async () => {
    const created = await mcp.call<{ worktree: { name: string; path: string; branch: string } }>(
      'worktree_create',
      { branch: 'feat/mcp' },
    );
    expect(created.worktree.branch).toBe('feat/mcp');
    expect(existsSync(created.worktree.path)).toBe(true);
    const { worktrees } = await mcp.call<{ worktrees: Array<{ path: string }> }>('worktrees_list');
    expect(worktrees.map((w) => w.path)).toContain(created.worktree.path);

    const pane = await mcp.call<{ id: string; cwd: string; log: string; unitCreated: boolean }>(
      'agent_spawn',
      {
        worktree: 'feat/mcp',
        command: [process.execPath, AGENT],
        name: 'agent',
        env: { STANDIN_POTS: binPath('pots') },
      },
    );
    expect(pane.id).toMatch(/^%\d+$/);
    expect(pane.cwd).toBe(created.worktree.path);
    expect(pane.unitCreated).toBe(true);
    const { units } = await mcp.call<{ units: Array<{ path: string }> }>('units_list');
    expect(units.map((u) => u.path)).toEqual([created.worktree.path]);

    // Ready: its SessionStart hook reported idle.
    const ready = await mcp.call<{ reason: string; state: string }>('agent_wait', {
      target: pane.id,
      until: 'state',
      states: ['idle'],
      timeoutSeconds: 60,
    });
    expect(ready).toMatchObject({ reason: 'state', state: 'idle' });

    const sent = await mcp.call<{ via: string; confirmed: boolean }>('agent_send', {
      target: pane.id,
      text: 'first line of the prompt\nsecond line of the prompt',
      confirm: true,
      confirmSeconds: 60,
    });
    expect(sent).toMatchObject({ via: 'paste', confirmed: true });
    const answered = await mcp.call<{ reason: string; match: string }>('agent_wait', {
      target: pane.id,
      until: 'text',
      text: 'answered \\d+ lines',
      timeoutSeconds: 60,
    });
    expect(answered.match).toBe('answered 2 lines');
    // Its turn is over: its Stop hook reported idle.
    const idle = await mcp.call<{ reason: string; state: string }>('agent_wait', {
      target: pane.id,
      until: 'state',
      states: ['idle', 'waiting'],
      timeoutSeconds: 60,
    });
    expect(idle).toMatchObject({ reason: 'state', state: 'idle' });
    const state = await mcp.call<{ state: string; evidence: { source: string; summary: string } }>(
      'agent_state',
      { target: pane.id },
    );
    expect(state.state).toBe('idle');
    expect(state.evidence.source).toBe('hook');
    expect(state.evidence.summary).not.toBe('');

    const log = await mcp.call<{ text: string; nextCursor: number; truncated: boolean }>(
      'agent_output',
      { target: pane.id, cursor: 0 },
    );
    expect(log.text).toContain('read: first line of the prompt\nread: second line of the prompt');
    expect(log.truncated).toBe(false);
    // From the cursor on: what came after; a small page stops at its size.
    const page = await mcp.call<{ nextCursor: number; truncated: boolean }>('agent_output', {
      target: pane.id,
      cursor: 0,
      maxBytes: 8,
    });
    expect(page).toMatchObject({ nextCursor: 8, truncated: true });
    const screen = await mcp.call<{ text: string }>('agent_output', {
      target: pane.id,
      source: 'screen',
    });
    expect(screen.text).toContain('answered 2 lines');

    // Named keys arrive as keys: h, i, then Enter ends the line.
    const keys = await mcp.call<{ via: string }>('agent_send', {
      target: pane.id,
      keys: ['h', 'i', 'Enter'],
    });
    expect(keys.via).toBe('keys');
    await mcp.call('agent_wait', {
      target: pane.id,
      until: 'text',
      text: 'answered 1 lines',
      timeoutSeconds: 60,
    });
    const next = await mcp.call<{ text: string }>('agent_output', {
      target: pane.id,
      cursor: log.nextCursor,
    });
    expect(next.text).toContain('read: hi\n');
    expect(next.text).not.toContain('first line');

    // Its log is a resource too.
    const uri = `pots-log://${pane.id.slice(1)}`;
    const { resources } = await mcp.client.listResources();
    expect(resources.map((r) => r.uri)).toContain(uri);
    const read = await mcp.client.readResource({ uri });
    expect(read.contents).toMatchObject([{ uri, mimeType: 'text/plain' }]);
    expect((read.contents[0] as { text: string }).text).toContain('answered 2 lines');

    const stopped = await mcp.call<{ endedBy: string; sent: string[] }>('agent_stop', {
      target: pane.id,
      graceSeconds: 30,
    });
    expect(stopped.sent[0]).toBe('SIGINT');
    expect(stopped.endedBy).toBe('SIGINT');
    const exited = await mcp.call<{ reason: string }>('agent_wait', {
      target: pane.id,
      until: 'exit',
      timeoutSeconds: 60,
    });
    expect(exited.reason).toBe('exit');
    const after = await mcp.call<{ state: string }>('agent_state', { target: pane.id });
    expect(after.state).toBe('exited');
  });

  it('agent_spawn with create: a new worktree through spawnCreate, an existing branch checked out, an existing worktree used', async () => {
    type Spawned = {
      id: string;
      cwd: string;
      worktreeCreated: { branchSource: string; worktree: { branch: string } } | null;
    };
    const made = await mcp.call<Spawned>('agent_spawn', {
      worktree: 'feat/mcp-new',
      create: true,
      command: ['sh', '-c', 'sleep 600'],
    });
    expect(made.worktreeCreated).toMatchObject({
      branchSource: 'new',
      worktree: { branch: 'feat/mcp-new' },
    });
    f.repo.git(['branch', 'feat/mcp-old']);
    const old = await mcp.call<Spawned>('agent_spawn', {
      worktree: 'feat/mcp-old',
      create: true,
      command: ['sh', '-c', 'sleep 600'],
    });
    expect(old.worktreeCreated).toMatchObject({ branchSource: 'local' });
    const again = await mcp.call<Spawned>('agent_spawn', {
      worktree: 'feat/mcp-new',
      create: true,
      command: ['sh', '-c', 'sleep 600'],
    });
    expect(again.worktreeCreated).toBeNull();
    expect(again.cwd).toBe(made.cwd);
  });

  it('refuses a path outside the repository, and panes of other sessions', async () => {
    const elsewhere = tempDir('elsewhere-').path;
    const outside = await mcp.fail('agent_spawn', { worktree: elsewhere, command: ['true'] });
    expect(outside).toMatchObject({ code: 'ERR_POTS_MCP_OUT_OF_SCOPE', exitCode: 4 });
    expect(outside.message).toContain(elsewhere);

    f.server.tmux(['new-session', '-d', '-s', 'not-pots', '-c', elsewhere]);
    const foreign = await mcp.fail('agent_send', { target: 'not-pots', text: 'rm -rf ~' });
    expect(foreign).toMatchObject({ code: 'ERR_POTS_MCP_OUT_OF_SCOPE', exitCode: 4 });

    const missing = await mcp.fail('agent_spawn', {
      worktree: 'no-such-branch',
      command: ['true'],
    });
    expect(missing.exitCode).toBe(3);
  });

  it('logs every call as one JSON line under the data dir', () => {
    const file = join(env.XDG_STATE_HOME!, 'pots', 'mcp', 'calls.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as { tool: string; ok: boolean });
    expect(entries.map((e) => e.tool)).toContain('agent_send');
    expect(entries.find((e) => !e.ok)).toMatchObject({ code: 'ERR_POTS_MCP_OUT_OF_SCOPE' });
  });
});

describe('pots mcp --allow-remove', () => {
  let remover: McpSession;
  beforeAll(async () => {
    remover = await startMcp({
      args: ['-L', f.server.socketName, '--allow-remove'],
      cwd: f.repo.path,
      env,
    });
  }, 60_000);
  afterAll(async () => remover?.close());

  it('lists the remove tools, without force', async () => {
    const { tools } = await remover.client.listTools();
    const remove = tools.find((tool) => tool.name === 'worktree_remove');
    expect(remove).toBeDefined();
    expect(tools.map((tool) => tool.name)).toContain('unit_kill');
    expect(Object.keys(remove!.inputSchema.properties ?? {})).not.toContain('force');
  });

  it('refuses to remove a dirty worktree with the CLI’s message and exit code', async () => {
    const { worktree } = await remover.call<{ worktree: { path: string; name: string } }>(
      'worktree_create',
      { branch: 'dirty' },
    );
    writeFileSync(join(worktree.path, 'notes.txt'), 'not committed\n');
    const refused = await remover.fail('worktree_remove', { worktree: 'dirty' });
    const cli = await runCli('plum', ['remove', 'dirty'], { cwd: f.repo.path, env });
    expect(cli.exitCode).toBe(4);
    expect(refused.exitCode).toBe(4);
    expect(refused.code).toBe('ERR_PLUM_WOULD_LOSE_WORK');
    expect(cli.stderr.split('\n')[0]).toBe(`✗ ${refused.message}`);
    expect(existsSync(join(worktree.path, 'notes.txt'))).toBe(true);

    // Clean again, it goes.
    writeFileSync(join(worktree.path, 'notes.txt'), '');
    f.repo.git(['clean', '-fq'], worktree.path);
    const removed = await remover.call<{ results: Array<{ removed: boolean }> }>(
      'worktree_remove',
      { worktree: 'dirty' },
    );
    expect(removed.results).toMatchObject([{ removed: true }]);
  });

  it('refuses to kill a unit whose agent still runs, and another repository’s session', async () => {
    const pane = await remover.call<{ id: string; sessionName: string }>('agent_spawn', {
      command: [process.execPath, AGENT],
      task: 'busy',
    });
    const busy = await remover.fail('unit_kill', { name: pane.sessionName });
    expect(busy).toMatchObject({ code: 'ERR_POTS_UNIT_BUSY', exitCode: 4 });
    f.server.tmux(['new-session', '-d', '-s', 'not-pots-either', '-c', f.repo.root]);
    const foreign = await remover.fail('unit_kill', { name: 'not-pots-either' });
    expect(foreign).toMatchObject({ code: 'ERR_POTS_MCP_OUT_OF_SCOPE', exitCode: 4 });

    await remover.call('agent_stop', { target: pane.id });
    const killed = await remover.call<{ killed: Array<{ name: string }> }>('unit_kill', {
      name: pane.sessionName,
    });
    expect(killed.killed.map((u) => u.name)).toEqual([pane.sessionName]);
  });
});

describe('pots mcp --allow-remove --allow-force', () => {
  let forcer: McpSession;
  beforeAll(async () => {
    forcer = await startMcp({
      args: ['-L', f.server.socketName, '--allow-remove', '--allow-force'],
      cwd: f.repo.path,
      env,
    });
  }, 60_000);
  afterAll(async () => forcer?.close());

  it('offers force on both remove tools', async () => {
    const { tools } = await forcer.client.listTools();
    for (const name of ['worktree_remove', 'unit_kill']) {
      const tool = tools.find((t) => t.name === name);
      expect(Object.keys(tool?.inputSchema.properties ?? {}), name).toContain('force');
    }
  });

  it('refuses a dirty worktree without force, removes it with force; a server without it ignores force', async () => {
    const { worktree } = await forcer.call<{ worktree: { path: string } }>('worktree_create', {
      branch: 'forced',
    });
    writeFileSync(join(worktree.path, 'notes.txt'), 'not committed\n');
    const refused = await forcer.fail('worktree_remove', { worktree: 'forced' });
    expect(refused).toMatchObject({ code: 'ERR_PLUM_WOULD_LOSE_WORK', exitCode: 4 });
    // The server started with --allow-remove only: force is not an input it knows.
    const plain = await startMcp({
      args: ['-L', f.server.socketName, '--allow-remove'],
      cwd: f.repo.path,
      env,
    });
    try {
      const ignored = await plain.fail('worktree_remove', { worktree: 'forced', force: true });
      expect(ignored).toMatchObject({ code: 'ERR_PLUM_WOULD_LOSE_WORK', exitCode: 4 });
    } finally {
      await plain.close();
    }
    expect(existsSync(join(worktree.path, 'notes.txt'))).toBe(true);

    const removed = await forcer.call<{ results: Array<{ removed: boolean }> }>('worktree_remove', {
      worktree: 'forced',
      force: true,
    });
    expect(removed.results).toMatchObject([{ removed: true }]);
    expect(existsSync(worktree.path)).toBe(false);
  });

  it('kills a unit whose agent still runs with force', async () => {
    const pane = await forcer.call<{ id: string; sessionName: string }>('agent_spawn', {
      command: [process.execPath, AGENT],
      task: 'forced-kill',
    });
    expect(await forcer.fail('unit_kill', { name: pane.sessionName })).toMatchObject({
      code: 'ERR_POTS_UNIT_BUSY',
    });
    const killed = await forcer.call<{ killed: Array<{ name: string }> }>('unit_kill', {
      name: pane.sessionName,
      force: true,
    });
    expect(killed.killed.map((u) => u.name)).toEqual([pane.sessionName]);
    expect(f.server.tmux(['list-sessions', '-F', '#{session_name}'])).not.toContain(
      pane.sessionName,
    );
  });
});
