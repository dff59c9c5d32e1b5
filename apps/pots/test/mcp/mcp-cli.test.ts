// `pots mcp` as a command: the registration snippets, bad flags, no repository, and a repository
// whose hooks the user has not approved (refused through MCP, never approved).
import { cleanEnv, runCli, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { startMcp } from './mcp-client.js';

let f: PotsFixture;
beforeAll(() => {
  f = potsFixture();
});
afterAll(() => f.done());

describe('pots mcp --print-config', () => {
  it('claude: .mcp.json with the flags it was given, and the claude mcp add line', async () => {
    const out = await f.ok(['mcp', '--print-config', 'claude', '-L', 'work', '--allow-remove']);
    expect(out).toContain('claude mcp add --scope project pots -- pots mcp -L work --allow-remove');
    const json = JSON.parse(out.slice(out.indexOf('{'))) as unknown;
    expect(json).toEqual({
      mcpServers: {
        pots: { type: 'stdio', command: 'pots', args: ['mcp', '-L', 'work', '--allow-remove'] },
      },
    });
  });

  it('codex: a [mcp_servers.pots] table whose call timeout outlasts the longest wait', async () => {
    const out = await f.ok(['mcp', '--print-config', 'codex', '--max-wait', '120']);
    expect(out).toContain('[mcp_servers.pots]');
    expect(out).toContain('command = "pots"');
    expect(out).toContain('args = ["mcp", "--max-wait", "120"]');
    expect(out).toContain('tool_timeout_sec = 150');
  });

  it('gemini: settings.json mcpServers with a timeout in milliseconds', async () => {
    const out = await f.ok(['mcp', '--print-config', 'gemini']);
    const json = JSON.parse(out.slice(out.indexOf('{'))) as unknown;
    expect(json).toEqual({
      mcpServers: { pots: { command: 'pots', args: ['mcp'], timeout: 630_000 } },
    });
  });

  it('refuses an unknown client, --allow-force alone and a bad --max-wait (exit 2)', async () => {
    expect((await f.pots(['mcp', '--print-config', 'vim'])).exitCode).toBe(2);
    const force = await f.pots(['mcp', '--allow-force']);
    expect(force.exitCode).toBe(2);
    expect(force.stderr).toContain('--allow-force needs --allow-remove');
    expect((await f.pots(['mcp', '--max-wait', 'soon'])).exitCode).toBe(2);
  });
});

describe('pots mcp, where it cannot serve', () => {
  it('outside a git repository: exit 3 before serving', async () => {
    const nowhere = tempDir('no-repo-').path;
    const r = await runCli('pots', ['mcp'], { cwd: nowhere, env: f.env });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('not in a git repository');
  });

  it('refuses to create a worktree whose hooks the user has not approved, and never approves', async () => {
    f.repo.write('.plumrc.yaml', 'hooks:\n  postCreate: ["touch hooked"]\n');
    const mcp = await startMcp({
      args: ['-L', f.server.socketName],
      cwd: f.repo.path,
      env: { ...cleanEnv(), ...f.env },
    });
    try {
      const refused = await mcp.fail('worktree_create', { branch: 'untrusted' });
      expect(refused).toMatchObject({ code: 'ERR_PLUM_UNTRUSTED', exitCode: 4 });
      expect(refused.text).toContain('touch hooked');
      const { worktrees } = await mcp.call<{ worktrees: Array<{ branch: string }> }>(
        'worktrees_list',
        { status: false },
      );
      expect(worktrees.map((w) => w.branch)).toEqual(['main']);
      // Still unapproved: plum itself refuses the same way.
      const cli = await runCli('plum', ['create', 'untrusted'], { cwd: f.repo.path, env: f.env });
      expect(cli.exitCode).toBe(4);
    } finally {
      await mcp.close();
    }
  });
});
