// The built `pots` bin with templates, against a real repository and a private tmux server:
// `pots templates [show|import]`, `pots create --template` (names, files, window mode, two tmux
// processes), `pots apply` (idempotent), and a repository's template refused until approved.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, spawnShim, type PotsFixture } from '../cli-helpers.js';
import { fixture, seePanes, windowPanes } from './helpers.js';

let f: PotsFixture;
let userTemplates: string;

beforeAll(() => {
  f = potsFixture({ env: { EDITOR: `printf 'ed-%s\\n'` } });
  for (const dir of ['web', 'api']) mkdirSync(join(f.repo.path, dir), { recursive: true });
  userTemplates = join(f.env.XDG_CONFIG_HOME ?? '', 'pots', 'templates');
  mkdirSync(userTemplates, { recursive: true });
  writeFileSync(
    join(userTemplates, 'mine.json'),
    JSON.stringify({ windows: [{ name: 'solo', panes: [`printf 'mine-%s\\n' ok`] }] }),
  );
  mkdirSync(join(f.repo.path, '.pots', 'templates'), { recursive: true });
  writeFileSync(
    join(f.repo.path, '.pots', 'templates', 'repo-tpl.json'),
    JSON.stringify({
      windows: [{ name: 'r', panes: [`touch ${join(f.repo.root, 'ran-repo-tpl')}`] }],
    }),
  );
});

afterAll(() => f.done());

interface SessionJson {
  name: string;
  id: string;
  windows: number;
}

const sessionId = (name: string) =>
  f.server.tmux(['display-message', '-p', '-t', `=${name}:`, '#{session_id}']).trim();

describe('pots templates', () => {
  it('lists built-ins, your files and the repository’s, with their sources', async () => {
    const list = await f.json<
      Array<{ name: string; source: string; file: string | null; needsTrust: boolean }>
    >(['templates', '--json']);
    expect(list.map((t) => [t.name, t.source, t.needsTrust])).toEqual([
      ['agent', 'builtin', false],
      ['claude', 'builtin', false],
      ['default', 'builtin', false],
      ['development', 'builtin', false],
      ['mine', 'user', false],
      ['repo-tpl', 'repo', true],
    ]);
    const table = await f.ok(['templates']);
    expect(table).toMatch(/^NAME\s+SOURCE\s+FORMAT\s+WINDOWS/);
    expect(table).toMatch(/development\s+built-in\s+pots\s+dev\(3\)/);
  });

  it('shows one template (exit 3 for an unknown one)', async () => {
    expect(await f.ok(['templates', 'show', 'development'])).toMatch(
      /name: "dev"[\s\S]*command: "printf 'ed-%s\\\\n' \."/,
    );
    const json = await f.json<{ windows: Array<{ panes: unknown[] }> }>([
      'templates',
      'show',
      'agent',
      '--json',
    ]);
    expect(json.windows[0]?.panes).toHaveLength(3);
    const missing = await f.pots(['templates', 'show', 'nope']);
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toMatch(/no template named "nope"/);
  });

  it('imports a tmuxp file: the template on stdout, ignored keys on stderr; --write saves it once', async () => {
    const file = fixture('tmuxp-3x2.json');
    const printed = await f.pots(['templates', 'import', file]);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout).toMatch(
      /^# pots template "shop-api", converted from .*\(tmuxp\)\nrun: "shell"\nwindows:\n {2}- name: "editor"/,
    );
    expect(printed.stderr).toMatch(/start_directory: "~\/code\/shop" is replaced by the worktree/);
    const saved = await f.ok(['templates', 'import', file, '--write', '--name', 'shop']);
    expect(saved).toMatch(new RegExp(`^${userTemplates}/shop\\.yaml$`));
    expect(existsSync(saved)).toBe(true);
    const again = await f.pots(['templates', 'import', file, '--write', '--name', 'shop']);
    expect(again.exitCode).toBe(4);
    const shown = await f.json<{ name: string; source: string; windows: Array<{ name: string }> }>([
      'templates',
      'show',
      'shop',
      '--json',
    ]);
    expect([shown.source, shown.windows.map((w) => w.name)]).toEqual([
      'user',
      ['editor', 'web', 'api'],
    ]);
  });
});

describe('pots create --template', () => {
  it('lays out a session from a built-in with one tmux process (counted by a PATH shim)', async () => {
    const shim = spawnShim();
    const session = await f.json<SessionJson>(
      ['create', 'main', 'dev', '--template', 'development', '--json'],
      {
        env: { PATH: shim.path },
      },
    );
    expect(shim.count('tmux')).toBe(1); // one chain: new-session, options, windows, panes
    const panes = windowPanes(seePanes(f.server, session.id), 'dev');
    expect(panes.map((p) => [p.tag, p.title, p.startPath])).toEqual([
      ['0', 'editor', f.repo.path],
      ['1', 'shell', f.repo.path],
      ['2', 'tests', f.repo.path],
    ]);
  });

  it('uses a tmuxp file directly, and --cmd replaces its first pane’s command', async () => {
    copyFileSync(fixture('tmuxp-3x2.json'), join(f.repo.path, 'ws.json'));
    const name = await f.ok([
      'create',
      'main',
      'ws',
      '--template',
      './ws.json',
      '--cmd',
      `printf 'cmd-%s\\n' given`,
    ]);
    const panes = seePanes(f.server, sessionId(name));
    expect([...new Set(panes.map((p) => p.windowTag))]).toEqual(['editor', 'web', 'api']);
    expect(panes.map((p) => p.startPath)).toEqual([
      f.repo.path,
      f.repo.path,
      join(f.repo.path, 'web'),
      join(f.repo.path, 'web'),
      join(f.repo.path, 'api'),
      join(f.repo.path, 'web'),
    ]);
    // A tmuxp file's commands are typed into the pane's shell: tmux started a plain shell, and
    // pots recorded the command as written for `pots ps` / `pots info`.
    expect(panes[0]?.startCommand).toBe('');
    expect(panes[0]?.userCommand).toBe(`printf 'cmd-%s\\n' given`);
  });

  it('refuses a repository template without approval (exit 4), running nothing', async () => {
    const refused = await f.pots(['create', 'main', 'r', '--template', 'repo-tpl']);
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toMatch(/would run commands you have not approved/);
    expect(refused.stderr).toMatch(/templates\.repo-tpl\.windows\.0\.panes\.0: touch /);
    expect(f.server.tryTmux(['has-session', '-t', '=repo-main-r']).status).not.toBe(0);
    expect(existsSync(join(f.repo.root, 'ran-repo-tpl'))).toBe(false);
  });

  it("goes through plum's trust for a template in the repository's config", async () => {
    const config = join(f.repo.path, '.plumrc.yaml');
    writeFileSync(
      config,
      `pots:\n  templates:\n    cfg:\n      windows: [{ name: c, panes: ["printf 'cfg-%s\\\\n' ok"] }]\n`,
    );
    const refused = await f.pots(['create', 'main', 'c', '--template', 'cfg']);
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toMatch(/plum trust/);
    const trusted = await runCli('plum', ['trust', '--yes'], { cwd: f.repo.path, env: f.env });
    expect(trusted.exitCode, trusted.stderr).toBe(0);
    const name = await f.ok(['create', 'main', 'c', '--template', 'cfg']);
    expect(seePanes(f.server, sessionId(name)).map((p) => p.windowTag)).toEqual(['c']);
  });

  it('in window mode makes the template’s first window the unit', async () => {
    const feat = f.repo.worktree('feat', { newBranch: true });
    mkdirSync(join(feat, 'web'), { recursive: true });
    const first = await f.json<SessionJson>([
      'create',
      'main',
      'w1',
      '--mode',
      'window',
      '--template',
      'mine',
      '--json',
    ]);
    const second = await f.json<SessionJson>([
      'create',
      'feat',
      'w1',
      '--mode',
      'window',
      '--template',
      'development',
      '--json',
    ]);
    const panes = seePanes(f.server, sessionId('plum'));
    expect(panes.map((p) => [p.windowName, p.windowTag, p.tag])).toEqual([
      [first.name, first.name, '0'],
      [second.name, second.name, '0'],
      [second.name, second.name, '1'],
      [second.name, second.name, '2'],
    ]);
  });
});

describe('pots apply', () => {
  it('adds nothing to a complete session, then exactly what was removed', async () => {
    const name = await f.ok(['create', 'main', 'ap', '--template', 'development']);
    const none = await f.json<{ added: unknown[] }>([
      'apply',
      name,
      '--template',
      'development',
      '--json',
    ]);
    expect(none.added).toEqual([]);
    const tests = windowPanes(seePanes(f.server, sessionId(name)), 'dev')[2];
    f.server.tmux(['kill-pane', '-t', tests?.id ?? '']);
    const some = await f.json<{ added: Array<{ window: string; pane: number; kind: string }> }>([
      'apply',
      name,
      '-t',
      'development',
      '--json',
    ]);
    expect(some.added.map((a) => [a.window, a.pane, a.kind])).toEqual([['dev', 2, 'pane']]);
    const text = await f.pots(['apply', name, '-t', 'development']);
    expect(text.exitCode).toBe(0);
    expect(text.stderr).toMatch(/already has every window and pane of "development"/);
  });

  it('exit 3 for a session or template that does not exist', async () => {
    expect((await f.pots(['apply', 'no-such-session', '-t', 'default'])).exitCode).toBe(3);
    const name = await f.ok(['create', 'main', 'ap2']);
    expect((await f.pots(['apply', name, '-t', 'no-such-template'])).exitCode).toBe(3);
  });
});
