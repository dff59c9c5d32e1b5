// The pure parts of the unit model and the CLI's argv handling, as tables: name matching, unit
// names with collision suffixes, the --cmd argv, where the caller is relative to tmux, attach plans
// and commands, global flags before and after the subcommand.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { attachCommand, planAttach, whereAmI } from '../src/api/attach.js';
import { shellCommand } from '../src/api/create.js';
import { findUnitExact, matchUnit, unitName, unitTarget, type Unit } from '../src/api/units.js';
import { createProgram } from '../src/cli.js';
import { createTmux } from '../src/tmux/index.js';

const unit = (name: string, extra: Partial<Unit> = {}): Unit => ({
  name,
  id: '$1',
  project: 'app',
  worktree: 'w',
  task: 'dev',
  path: '/src/app',
  attached: false,
  windows: 1,
  created: null,
  activity: new Date(0).toISOString(),
  orphan: false,
  managed: true,
  mode: 'session',
  session: name,
  sessionId: '$1',
  repo: '/src/app/.git',
  ...extra,
});

describe('matchUnit: exact, else unique prefix, else unique substring; managed first', () => {
  const units = [
    unit('app-feat-login-dev'),
    unit('app-feat-login-v2-dev'),
    unit('app-main-dev'),
    unit('scratch', { managed: false }),
    unit('scratch-2', { managed: false }),
    unit('mainframe', { managed: false }),
  ];
  it.each([
    ['app-feat-login-dev', 'app-feat-login-dev'],
    ['app-main', 'app-main-dev'],
    ['v2', 'app-feat-login-v2-dev'],
    ['scratch', 'scratch'], // exact wins over the longer one
    ['scratch-', 'scratch-2'], // no managed match: all sessions
    ['main', 'app-main-dev'], // managed substring before an unmanaged prefix
  ])('%s → %s', (query, name) => {
    expect(matchUnit(units, query).name).toBe(name);
  });
  it.each([
    ['app-feat-login', 2],
    ['login', 2],
    ['app', 2],
  ])('%s is ambiguous (exit 2)', (query) => {
    expect(() => matchUnit(units, query)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
  it('none is exit 3', () => {
    expect(() => matchUnit(units, 'nope')).toThrow(expect.objectContaining({ exitCode: 3 }));
  });
  it('findUnitExact never takes a prefix', () => {
    expect(findUnitExact(units, 'app-feat-login-dev').name).toBe('app-feat-login-dev');
    expect(() => findUnitExact(units, 'app-feat-login')).toThrow(
      expect.objectContaining({ exitCode: 3 }),
    );
  });
});

describe('unitName', () => {
  const a = { name: 'feat.x', path: '/r.worktrees/feat.x' };
  const b = { name: 'feat-x', path: '/r.worktrees/feat-x' };
  const c = { name: 'main', path: '/r' };
  it('is the codec name when nothing collides', () => {
    expect(unitName({ prefix: '' }, [a, c], a, 'r', 'dev')).toBe('r-feat-x-dev');
    expect(unitName({ prefix: 'p_' }, [c], c, 'r', 'dev')).toBe('p_r-main-dev');
  });
  it('suffixes worktrees that sanitize alike, the same whatever the order', () => {
    const one = unitName({ prefix: '' }, [a, b, c], a, 'r', 'dev');
    const two = unitName({ prefix: '' }, [c, b, a], a, 'r', 'dev');
    expect(one).toBe(two);
    expect(one).toMatch(/^r-feat-x-dev-[0-9a-f]{4}$/);
    expect(unitName({ prefix: '' }, [a, b, c], b, 'r', 'dev')).not.toBe(one);
  });
});

describe('shellCommand', () => {
  it("hands the command to the user's shell as one argument, then execs that shell", () => {
    expect(shellCommand('npm run dev # watch', { SHELL: '/bin/zsh' })).toEqual([
      '/bin/sh',
      '-c',
      '"$0" -c "$1"; exec "$0"',
      '/bin/zsh',
      'npm run dev # watch',
    ]);
    expect(shellCommand('ls', {})[3]).toBe('/bin/sh');
    expect(() => shellCommand('  ', {})).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('where the caller is, and how to attach', () => {
  const tmux = createTmux({ socketName: 'work' }, { env: { TMUX_TMPDIR: '/run/t' } });
  const uid = process.getuid?.() ?? 0;
  const ours = `/run/t/tmux-${uid}/work`;
  const at = (env: Record<string, string>) => ({ env: { TMUX_TMPDIR: '/run/t', ...env }, tmux });

  it.each([
    [{}, 'outside'],
    [{ TMUX: `${ours},12,0`, TMUX_PANE: '%3' }, 'same-server'],
    [{ TMUX: '/tmp/tmux-0/default,12,0' }, 'other-server'],
  ])('%j → %s', (env, kind) => {
    expect(whereAmI(at(env)).kind).toBe(kind);
  });

  it('prints an exact attach command: session, or =session:=window', () => {
    expect(attachCommand({ tmux }, unit('app-main-dev'))).toBe(
      "tmux -L work attach -t '=app-main-dev'",
    );
    const window = unit('app-main-dev', { mode: 'window', id: '@4', session: 'plum' });
    expect(attachCommand({ tmux }, window)).toBe("tmux -L work attach -t '=plum:=app-main-dev'");
    expect(unitTarget(window)).toBe('$1:@4');
    const bySocket = createTmux({ socketPath: '/run/my socket' });
    expect(attachCommand({ tmux: bySocket }, unit('x'))).toBe(
      "tmux -S '/run/my socket' attach -t '=x'",
    );
  });

  it('attaches on a terminal, prints without one or inside another server', async () => {
    const target = unit('app-main-dev');
    expect(await planAttach(at({}), target, { interactive: true })).toMatchObject({
      action: 'attach',
      args: ['attach-session', '-t', '$1'],
    });
    expect(await planAttach(at({}), target, { interactive: false })).toMatchObject({
      action: 'print',
      reason: 'stdin is not a terminal',
    });
    const other = await planAttach(at({ TMUX: '/tmp/x/default,1,0' }), target, {
      interactive: true,
    });
    expect(other.action).toBe('print');
    expect(other.reason).toMatch(/another tmux server/);
  });
});

describe('global flags', () => {
  // Built as the bin builds it: only the command argv names is registered.
  const parse = async (argv: string[]) => {
    const program = await createProgram(argv);
    expect(program.commands).toHaveLength(1);
    let seen: Record<string, unknown> = {};
    for (const command of program.commands) {
      command.action((...args: unknown[]) => {
        const cmd = args.at(-1) as Command;
        seen = { name: cmd.name(), ...program.opts(), ...cmd.opts() };
      });
    }
    program.parse(['node', 'pots', ...argv]);
    return seen;
  };
  it.each([
    [['-L', 'work', 'list'], { name: 'list', socketName: 'work' }],
    [['list', '-L', 'work', '--json'], { name: 'list', socketName: 'work', json: true }],
    [['ls', '-S', '/s', '--mode', 'window'], { name: 'list', socketPath: '/s', mode: 'window' }],
    [['-C', '/x', 'open', 'feat', 'dev'], { name: 'open', C: '/x' }],
    [['kill', 'a', 'b', '--yes'], { name: 'kill', yes: true }],
  ])('%j', async (argv, expected) => {
    expect(await parse(argv)).toMatchObject(expected);
  });
  it('rejects an unknown mode (exit 2 via commander)', async () => {
    await expect(parse(['list', '--mode', 'pane'])).rejects.toThrow(
      /Allowed choices are session, window/,
    );
  });
});
