// tmuxp and tmuxinator files as pots templates: every window, pane, command, directory, variable
// and focus carried over as a table; every key pots ignores named in a warning; YAML and JSON
// alike; a converted template written as YAML reads back the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectTemplateFormat,
  fromTmuxinator,
  fromTmuxp,
  importTemplate,
  loadTemplateFile,
  templateToYaml,
  type Template,
} from '../../src/templates/index.js';
import { fixture, parse } from './helpers.js';

const read = (name: string) => parse(fixture(name), readFileSync(fixture(name), 'utf8'));
const HOME = '/home/tester';

/** A template's windows and panes as one row each: what the tests compare. */
function rows(template: Template) {
  return template.windows.map((w) => ({
    name: w.name,
    layout: w.layout,
    cwd: w.cwd,
    env: w.env,
    focus: w.focus,
    options: w.options,
    panes: w.panes,
  }));
}

describe('fromTmuxp', () => {
  it('converts a 3 × 2 workspace: commands, before-commands, dirs, variables, focus, options', () => {
    const { template, warnings, format } = fromTmuxp(read('tmuxp-3x2.yaml'), { home: HOME });
    expect(format).toBe('tmuxp');
    expect(template.name).toBe('shop-api');
    expect(template.format).toBe('tmuxp');
    expect(rows(template)).toEqual([
      {
        name: 'editor',
        layout: 'main-vertical',
        cwd: undefined,
        env: { X: 'tmuxp' },
        focus: true,
        options: undefined,
        panes: [
          {
            command: `export FROM_SESSION=s\nprintf 'ready-%s-%s\\n' "$X" "$FROM_SESSION"`,
            focus: true,
          },
          { command: 'export FROM_SESSION=s' },
        ],
      },
      {
        name: 'web',
        layout: 'even-horizontal',
        cwd: 'web',
        env: { X: 'web' },
        focus: undefined,
        options: undefined,
        panes: [
          { command: `export FROM_SESSION=s\nprintf 'ready-%s\\n' "$X"` },
          {
            command: `export FROM_SESSION=s\nprintf 'pane-%s\\n' "$PANE_ONLY"`,
            env: { PANE_ONLY: 'yes-pane' },
          },
        ],
      },
      {
        name: 'api',
        layout: 'even-vertical',
        cwd: 'api',
        env: { X: 'tmuxp' },
        focus: undefined,
        options: { 'main-pane-width': '60' },
        panes: [
          {
            command: `export FROM_SESSION=s\nexport BEFORE=w\nprintf 'ready-%s-%s\\n' "$X" "$BEFORE"`,
          },
          { command: `export FROM_SESSION=s\nexport BEFORE=w\nprintf 'dict-cmd\\n'`, cwd: 'web' },
        ],
      },
    ]);
    expect(warnings).toEqual([
      'start_directory: "~/code/shop" is replaced by the worktree; directories inside it stay relative to the worktree',
    ]);
  });

  it('reads the JSON form of the same workspace identically', () => {
    const fromYaml = fromTmuxp(read('tmuxp-3x2.yaml'), { home: HOME });
    const fromJson = fromTmuxp(read('tmuxp-3x2.json'), { home: HOME });
    expect(fromJson.template).toEqual(fromYaml.template);
  });

  it('names every key it cannot honour', () => {
    const { template, warnings } = fromTmuxp(read('tmuxp-unsupported.yaml'));
    const keys = warnings.map((w) => w.slice(0, w.indexOf(':')));
    expect(keys).toEqual([
      'before_script',
      'global_options',
      'plugins',
      'windows.0.panes.0.sleep_before',
      'windows.0.window_shell',
      'windows.0.panes.0.shell_command',
      'windows.2.layout',
      'windows.2',
    ]);
    expect(warnings.join('\n')).toMatch(
      /enter: false on "echo typed-only" is honoured only on a pane's last command/,
    );
    expect(warnings.join('\n')).toMatch(/"top" is not started: the pane is your shell/);
    expect(warnings.join('\n')).toMatch(/renamed "one-2"/);
    expect(template.windows.map((w) => [w.name, w.unnamed, w.index])).toEqual([
      ['one', undefined, 4],
      ['window-2', true, undefined],
      ['one-2', undefined, undefined],
    ]);
    expect(template.run).toBe('shell');
    expect(template.windows[0]?.panes).toEqual([{ command: 'echo typed-only\necho ran' }]);
    expect(template.windows[2]?.layout).toBeUndefined();
  });
});

describe('fromTmuxinator', () => {
  it('converts a 3 × 2 project: pre_window, window pre, root, named panes, startup window/pane', () => {
    const { template, warnings, format } = fromTmuxinator(read('tmuxinator-3x2.yml'), {
      home: HOME,
    });
    expect(format).toBe('tmuxinator');
    expect(template.name).toBe('shop');
    expect(rows(template)).toEqual([
      {
        name: 'editor',
        layout: 'main-vertical',
        cwd: undefined,
        env: undefined,
        focus: undefined,
        options: undefined,
        panes: [
          { command: `export FROM_PRE=p\nprintf 'ready-%s\\n' "$FROM_PRE"` },
          { command: 'export FROM_PRE=p' },
        ],
      },
      {
        name: 'server',
        layout: 'even-horizontal',
        cwd: 'web',
        env: undefined,
        focus: undefined,
        options: undefined,
        panes: [
          {
            command: `export FROM_PRE=p\nexport FROM_WINDOW=w\nprintf 'ready-%s-%s\\n' "$FROM_PRE" "$FROM_WINDOW"`,
          },
          {
            command: `export FROM_PRE=p\nexport FROM_WINDOW=w\nprintf 'named-pane\\n'`,
            title: 'tests',
          },
        ],
      },
      {
        name: 'logs',
        layout: 'tiled',
        cwd: 'api',
        env: undefined,
        focus: true,
        options: undefined,
        panes: [
          { command: `export FROM_PRE=p\nprintf 'ready-logs\\n'` },
          { command: `export FROM_PRE=p\nprintf 'one\\n'\nprintf 'two\\n'`, focus: true },
        ],
      },
    ]);
    expect(warnings).toEqual([
      'root: "~/code/shop" is replaced by the worktree; directories inside it stay relative to the worktree',
    ]);
  });

  it('names every key it cannot honour, and ERB', () => {
    const { template, warnings } = fromTmuxinator(read('tmuxinator-unsupported.yml'));
    const keys = warnings.map((w) => w.slice(0, w.indexOf(':')));
    expect(keys).toEqual([
      'on_project_start',
      'tmux_options',
      'attach',
      'root',
      'windows.1.unknown_window_key',
      '(file)',
    ]);
    expect(warnings.at(-1)).toMatch(/ERB/);
    expect(template.windows[0]?.panes).toEqual([{ command: 'vim' }]);
    expect(template.windows[1]?.options).toBeUndefined();
    expect(template.windows[1]?.optionsAfter).toEqual({ 'synchronize-panes': 'on' });
  });

  it('accepts `name: [commands]` windows and bare names', () => {
    const { template } = fromTmuxinator({
      name: 'x',
      windows: [{ logs: ['cd log', 'tail -f x.log'] }, 'shell'],
    });
    expect(rows(template).map((r) => [r.name, r.panes])).toEqual([
      ['logs', [{ command: 'cd log\ntail -f x.log' }]],
      ['shell', [{}]],
    ]);
  });
});

describe('detecting the format', () => {
  it.each([
    ['tmuxp-3x2.yaml', 'tmuxp'],
    ['tmuxp-3x2.json', 'tmuxp'],
    ['tmuxinator-3x2.yml', 'tmuxinator'],
    ['tmuxinator-unsupported.yml', 'tmuxinator'],
    ['review.yaml', 'pots'],
  ])('%s is %s', (file, format) => {
    expect(detectTemplateFormat(read(file))).toBe(format);
  });

  it.each([
    [{ windows: [{ window_name: 'a' }] }, 'tmuxp'],
    [{ windows: [{ editor: 'vim' }] }, 'tmuxinator'],
    [{ windows: [{ name: 'a', panes: [] }] }, 'pots'],
  ])('%j is %s', (data, format) => {
    expect(detectTemplateFormat(data)).toBe(format);
  });

  it('loads each kind of file through one call, named after the file unless the file names it', async () => {
    const review = await loadTemplateFile(fixture('review.yaml'), { parse });
    expect(review.format).toBe('pots');
    expect(review.template.name).toBe('review');
    expect(review.template.source).toEqual({ kind: 'file', file: fixture('review.yaml') });
    const tmuxinator = await loadTemplateFile(fixture('tmuxinator-3x2.yml'), {
      parse,
      name: 'mine',
    });
    expect(tmuxinator.template.name).toBe('mine');
    expect(tmuxinator.warnings[0]?.startsWith(`${fixture('tmuxinator-3x2.yml')}: root:`)).toBe(
      true,
    );
  });
});

describe('templateToYaml', () => {
  it.each(['tmuxp-3x2.yaml', 'tmuxinator-3x2.yml', 'review.yaml'])(
    'writes the template converted from %s so that it reads back identically',
    (file) => {
      const { template } = importTemplate(read(file), { name: 'x', home: HOME });
      const yaml = templateToYaml(template);
      const again = importTemplate(parse('x.yaml', yaml), { name: 'x' });
      expect(again.format).toBe('pots');
      expect(again.warnings).toEqual([]);
      expect(rows(again.template)).toEqual(rows(template));
    },
  );

  it('keeps hostile text as text', () => {
    const { template } = importTemplate(
      {
        windows: [
          {
            name: '#(touch x): "y"',
            panes: [{ command: "echo 'a;' \\\n#{host} -- \u00e9\u65e5", env: { A: 'b: c' } }],
          },
        ],
      },
      { name: 'x' },
    );
    const again = importTemplate(parse('x.yaml', templateToYaml(template)), { name: 'x' });
    expect(again.template.windows).toEqual(template.windows);
  });
});
