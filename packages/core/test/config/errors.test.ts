import { describe, expect, it } from 'vitest';
import { configFixture, rejection } from './fixture.js';

describe('invalid config → ConfigError, exit 6, naming the file and key path', () => {
  it('YAML syntax error', async () => {
    const fx = configFixture();
    const file = fx.write('.plumrc.yaml', 'pots:\n  mode: session\n bad: [\n');
    const error = await rejection(fx.load());
    expect(error.message).toMatch(
      new RegExp(`^${file}: YAML syntax error: .+ \\(line \\d+, column \\d+\\)$`),
    );
    expect(error.file).toBe(file);
  });

  it('JSON syntax error', async () => {
    const fx = configFixture();
    const file = fx.write('.plumrc.json', '{ "pots": { "mode": "window", } }');
    const error = await rejection(fx.load());
    expect(error.message).toMatch(new RegExp(`^${file}: JSON syntax error: .*JSON`));
    expect(error.file).toBe(file);
  });

  it('JSON syntax error in the user file', async () => {
    const fx = configFixture();
    const file = fx.writeUser('config.json', '{ pots: 1 }');
    const error = await rejection(fx.load());
    expect(error.message).toContain(`${file}: JSON syntax error`);
  });

  it('wrong type at a nested path', async () => {
    const fx = configFixture();
    const file = fx.write(
      '.plumrc.yaml',
      'pots:\n  templates:\n    review:\n      windows:\n        - name: code\n          panes: "nvim ."\n',
    );
    const error = await rejection(fx.load());
    expect(error.message).toBe(
      `${file}: pots.templates.review.windows.0.panes: expected a list of strings or objects, got "nvim ."`,
    );
    expect(error.keyPath).toBe('pots.templates.review.windows.0.panes');
  });

  it.each([
    ['pots:\n  mode: tab\n', 'pots.mode: expected one of "session", "window", got "tab"'],
    ['pots:\n  idleSeconds: 0\n', 'pots.idleSeconds: expected a number > 0, got 0'],
    ['pots:\n  killGraceSeconds: -1\n', 'pots.killGraceSeconds: expected a number >= 0, got -1'],
    ['pots:\n  autoStart: "yes"\n', 'pots.autoStart: expected true or false, got "yes"'],
    ['worktrees:\n  base: 3\n', 'worktrees.base: expected a non-empty string or null, got 3'],
    [
      'hooks:\n  postCreate: pnpm install\n',
      'hooks.postCreate: expected a list of non-empty strings, got "pnpm install"',
    ],
    ['plugins: {}\n', 'plugins: expected a list of non-empty strings, got an object'],
    [
      'pots:\n  templates:\n    x:\n      windows: []\n',
      'pots.templates.x.windows: expected a non-empty list of objects, got a list',
    ],
    [
      'pots:\n  templates:\n    x:\n      windows: [{ name: "", panes: [] }]\n',
      'pots.templates.x.windows.0.name: expected a non-empty string or null, got ""',
    ],
    [
      'pots:\n  templates:\n    x:\n      windows: [{ name: w, panes: [3] }]\n',
      'pots.templates.x.windows.0.panes.0: expected a string or an object, got 3',
    ],
    [
      'pots:\n  templates:\n    "a.b":\n      windows: [{ name: w, panes: [] }]\n',
      'pots.templates.a.b: expected a name matching',
    ],
    ['just a string\n', 'expected an object, got "just a string"'],
  ])('%j', async (yaml, expected) => {
    const fx = configFixture();
    const file = fx.write('.plumrc.yaml', yaml);
    const error = await rejection(fx.load());
    expect(error.message).toContain(`${file}: ${expected}`);
  });

  it('unknown nested key, with did-you-mean', async () => {
    const fx = configFixture();
    const file = fx.write('.plumrc.yaml', 'worktrees:\n  cpoy: [.env]\n');
    const error = await rejection(fx.load());
    expect(error.message).toBe(
      `${file}: worktrees.cpoy: unknown key, did you mean \`worktrees.copy\`?`,
    );
    expect(error.keyPath).toBe('worktrees.cpoy');
    expect(error.hint).toBe('known keys here: dir, base, copy, copyFallback, disposable');
  });

  it('unknown key inside a pane object, and no guess when nothing is close', async () => {
    const fx = configFixture();
    const file = fx.write(
      '.plumrc.yaml',
      'pots:\n  templates:\n    x:\n      windows: [{ name: w, panes: [{ comand: ls }] }]\nzzzzzzzz: 1\n',
    );
    const error = await rejection(fx.load());
    expect(error.message).toBe(
      `${file}: pots.templates.x.windows.0.panes.0.comand: unknown key, did you mean \`pots.templates.x.windows.0.panes.0.command\`?`,
    );
    expect(error.details).toContain(`${file}: zzzzzzzz: unknown key`);
  });

  it('package.json with a non-object "plum"', async () => {
    const fx = configFixture();
    const file = fx.write('package.json', JSON.stringify({ name: 'x', plum: 'notanobject' }));
    const error = await rejection(fx.load());
    expect(error.message).toBe(`${file}: plum: expected an object, got "notanobject"`);
  });

  it('package.json: key paths start at "plum"', async () => {
    const fx = configFixture();
    const file = fx.write('package.json', JSON.stringify({ plum: { pots: { mdoe: 'window' } } }));
    const error = await rejection(fx.load());
    expect(error.message).toBe(
      `${file}: plum.pots.mdoe: unknown key, did you mean \`plum.pots.mode\`?`,
    );
  });

  it('the user file is validated on its own and named', async () => {
    const fx = configFixture();
    fx.write('.plumrc.yaml', 'pots:\n  prefix: fine-\n');
    const file = fx.writeUser('config.yaml', 'pots:\n  prefix: 3\n');
    const error = await rejection(fx.load());
    expect(error.message).toBe(`${file}: pots.prefix: expected a string, got 3`);
  });

  it('a bad boolean variable names the variable', async () => {
    const fx = configFixture();
    const error = await rejection(
      fx.load({ env: { ...fx.env, POTS_AUTO_START_SESSION: 'maybe' } }),
    );
    expect(error.message).toBe(
      'environment variable POTS_AUTO_START_SESSION: expected one of 1, 0, true, false, yes, no, on, off, got "maybe"',
    );
    expect(error.file).toBeUndefined();
  });

  it('a bad POTS_MODE names the variable', async () => {
    const fx = configFixture();
    const error = await rejection(fx.load({ env: { ...fx.env, POTS_MODE: 'tab' } }));
    expect(error.message).toBe(
      'environment variable POTS_MODE: pots.mode: expected one of "session", "window", got "tab"',
    );
  });

  it('bad flags', async () => {
    const fx = configFixture();
    const error = await rejection(fx.load({ flags: { pots: { idleSeconds: -5 } } }));
    expect(error.message).toBe('flags: pots.idleSeconds: expected a number > 0, got -5');
  });
});
