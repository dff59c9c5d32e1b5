import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUi, type CreateUiOptions } from '../../src/ui/index.js';
import { ESC, Sink } from './streams.js';

/** A UI over fake streams and an empty environment (no NO_COLOR/FORCE_COLOR from the developer). */
function setup(options: CreateUiOptions & { outTTY?: boolean; errTTY?: boolean } = {}) {
  const stdout = new Sink(options.outTTY ?? false);
  const stderr = new Sink(options.errTTY ?? false);
  const ui = createUi({ env: {}, ...options, stdout, stderr });
  return { ui, stdout, stderr };
}

describe('createUi streams', () => {
  it('with --json, puts the JSON alone on stdout and messages on stderr', async () => {
    const { ui, stdout, stderr } = setup({ json: true });
    ui.info('reading worktrees');
    ui.success('created feat');
    ui.warn('feat has no upstream');
    ui.print('/repo.worktrees/feat');
    ui.printRaw('raw');
    await ui.printTable([{ a: 1 }], [{ key: 'a', header: 'A' }]);
    ui.json({ worktrees: [{ name: 'feat', path: '/repo.worktrees/feat' }] });
    expect(stdout.text).toBe(
      `${JSON.stringify({ worktrees: [{ name: 'feat', path: '/repo.worktrees/feat' }] }, null, 2)}\n`,
    );
    expect(JSON.parse(stdout.text)).toEqual({
      worktrees: [{ name: 'feat', path: '/repo.worktrees/feat' }],
    });
    expect(stderr.text).toBe('! feat has no upstream\n');
  });

  it('without --json, prints results to stdout and messages with symbols to stderr', () => {
    const { ui, stdout, stderr } = setup();
    ui.info('reading worktrees');
    ui.success('created feat');
    ui.warn('feat has no upstream');
    ui.verbose('$ git worktree list');
    ui.print('/repo.worktrees/feat');
    expect(stdout.text).toBe('/repo.worktrees/feat\n');
    expect(stderr.text).toBe('· reading worktrees\n✓ created feat\n! feat has no upstream\n');
  });

  it('prints verbose lines only with --verbose, on stderr', () => {
    const { ui, stdout, stderr } = setup({ verbose: true, json: true });
    ui.verbose('$ git worktree list --porcelain -z');
    expect(stdout.text).toBe('');
    expect(stderr.text).toBe('$ git worktree list --porcelain -z\n');
  });

  it('with --quiet, keeps warnings only', () => {
    const { ui, stderr } = setup({ quiet: true });
    ui.info('i');
    ui.success('s');
    ui.warn('w');
    expect(stderr.text).toBe('! w\n');
  });

  it('indents the continuation lines of a message under its text', () => {
    const { ui, stderr } = setup();
    ui.warn('feat has ignored files:\n.env\nbuild/secret');
    expect(stderr.text).toBe('! feat has ignored files:\n  .env\n  build/secret\n');
  });

  it('prints a table to stdout', async () => {
    const { ui, stdout } = setup();
    await ui.printTable(
      [
        { name: 'main', n: 1 },
        { name: 'feat', n: 22 },
      ],
      [
        { key: 'name', header: 'NAME' },
        { key: 'n', header: 'N', align: 'right' },
      ],
    );
    expect(stdout.text).toBe('NAME   N\nmain   1\nfeat  22\n');
  });
});

describe('createUi colour', () => {
  it('decides per stream: plain into a pipe, coloured on a terminal', () => {
    const { ui, stdout, stderr } = setup({ outTTY: false, errTTY: true });
    ui.success('done');
    ui.print(ui.colors.stdout.green('path'));
    expect(stderr.text).toBe(`${ESC}[32m✓${ESC}[39m done\n`);
    expect(stdout.text).toBe('path\n');
  });

  it('honours --no-color, NO_COLOR and FORCE_COLOR', () => {
    expect(setup({ errTTY: true, color: false }).ui.colors.stderr.red('x')).toBe('x');
    expect(setup({ errTTY: true, env: { NO_COLOR: '1' } }).ui.colors.stderr.red('x')).toBe('x');
    expect(setup({ errTTY: false, env: { FORCE_COLOR: '1' } }).ui.colors.stderr.red('x')).toBe(
      `${ESC}[31mx${ESC}[39m`,
    );
  });
});

describe('createUi sanitizing', () => {
  const payload = `${ESC}]52;c;cHduZWQ=\u0007${ESC}]0;x\u0007${ESC}[6n${ESC}[31mred${ESC}[0m`;

  it('strips control sequences from printed text, keeping SGR only with colour', () => {
    const plain = setup();
    plain.ui.print(payload);
    plain.ui.warn(`branch ${payload}`);
    expect(plain.stdout.text).toBe('red\n');
    expect(plain.stderr.text).toBe('! branch red\n');

    const coloured = setup({ env: { FORCE_COLOR: '1' } });
    coloured.ui.print(payload);
    expect(coloured.stdout.text).toBe(`${ESC}[31mred${ESC}[0m\n`);
  });

  it('prints --raw output untouched', () => {
    const { ui, stdout } = setup();
    ui.printRaw(payload);
    expect(stdout.text).toBe(payload);
  });

  it('escapes DEL, C1 and bidi characters in JSON, which still means the same', () => {
    const { ui, stdout } = setup({ json: true });
    const value = { name: `a\u202eb\u009bc${ESC}[31m\u007fd` };
    ui.json(value);
    expect(stdout.text).toContain('a\\u202eb\\u009bc\\u001b[31m\\u007fd');
    expect(stdout.text).not.toMatch(/[\u007f-\u009f\u202e]/);
    expect(JSON.parse(stdout.text)).toEqual(value);
  });

  it('writes null for undefined', () => {
    const { ui, stdout } = setup({ json: true });
    ui.json(undefined);
    expect(stdout.text).toBe('null\n');
  });
});

describe('spinner', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is silent on a non-TTY stderr until its final line', () => {
    const { ui, stdout, stderr } = setup({ errTTY: false });
    const s = ui.spinner('installing');
    s.update('installing (pnpm)');
    expect(stderr.text).toBe('');
    s.succeed('installed');
    s.fail('ignored after the end');
    expect(stderr.text).toBe('✓ installed\n');
    expect(stdout.text).toBe('');
  });

  it('ends with the current text by default, and stop() leaves nothing', () => {
    const { ui, stderr } = setup();
    const s = ui.spinner('step one');
    s.update('step two');
    s.fail();
    ui.spinner('quiet step').stop();
    expect(stderr.text).toBe('✗ step two\n');
  });

  it('with --json or --quiet keeps only failures, even on a terminal', () => {
    for (const mode of [{ json: true }, { quiet: true }]) {
      const { ui, stderr } = setup({ ...mode, errTTY: true });
      ui.spinner('a').succeed('a done');
      ui.spinner('b').fail('b failed');
      expect(stderr.text).toBe(`${ESC}[31m✗${ESC}[39m b failed\n`);
    }
  });

  it('animates on an interactive stderr without taking over SIGINT', async () => {
    vi.stubEnv('CI', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
    const { ui, stderr } = setup({ errTTY: true, color: false });
    const sigint = process.listenerCount('SIGINT');
    const s = ui.spinner('installing');
    await vi.waitFor(() => expect(stderr.text).toContain('installing'));
    expect(stderr.text).toContain(`${ESC}[?25l`); // cursor hidden while spinning
    expect(process.listenerCount('SIGINT')).toBe(sigint);
    s.update('installing (pnpm)');
    expect(stderr.text).toContain('installing (pnpm)');
    s.succeed('installed');
    expect(stderr.text.endsWith(`${ESC}[?25h✓ installed\n`)).toBe(true);
  });

  it('never starts animating once it has ended', async () => {
    vi.stubEnv('CI', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
    const { ui, stderr } = setup({ errTTY: true, color: false });
    ui.spinner('quick').succeed('done'); // before yocto-spinner has even loaded
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stderr.text).toBe('✓ done\n');
  });

  it('does not animate on a terminal when CI is set', () => {
    const { ui, stderr } = setup({ errTTY: true, env: { CI: 'true' } });
    ui.spinner('installing').succeed('installed');
    expect(stderr.text).toBe(`${ESC}[32m✓${ESC}[39m installed\n`);
  });

  it('sanitizes its text', () => {
    const { ui, stderr } = setup();
    ui.spinner(`${ESC}]0;title\u0007hook\nrunning`).fail();
    expect(stderr.text).toBe('✗ hook running\n');
  });
});
