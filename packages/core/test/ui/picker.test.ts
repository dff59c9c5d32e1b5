// The picker: refuses without a terminal (exit 2, the caller's hint); the built-in one
// (@clack/prompts' autocomplete) filters fuzzily and returns the chosen value; with `fzf` on PATH
// it hands fzf `index<TAB>label` lines and reads the choice back (a stand-in fzf records what it
// was given). The real terminal runs are plum's picker tests (tmux).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { createUi } from '../../src/ui/index.js';
import { findExecutable, fuzzyMatch, nameRank } from '../../src/ui/picker.js';
import { ESC, fakeStdin, Sink } from './streams.js';

const items = [
  { value: 'main', label: 'repo (main)  main' },
  { value: 'feat', label: 'feat-login   feat/login  *' },
  { value: 'fix', label: 'fix_1        fix_1       ?1', hint: '/src/wt/fix_1' },
];

function setup(options: { tty?: boolean; path?: string } = {}) {
  const tty = options.tty ?? true;
  const stdin = fakeStdin(tty);
  const stderr = new Sink(tty);
  const ui = createUi({
    env: { PATH: options.path ?? '' },
    stdin,
    stdout: new Sink(false),
    stderr,
  });
  return { ui, stdin, stderr };
}

async function type(stdin: ReturnType<typeof fakeStdin>, ...keys: string[]): Promise<void> {
  while (stdin.listenerCount('keypress') === 0)
    await new Promise((resolve) => setTimeout(resolve, 5));
  for (const key of keys) stdin.write(key);
}

describe('fuzzyMatch', () => {
  it.each([
    ['', 'anything', true],
    ['fl', 'feat-login', true],
    ['FEAT', 'feat-login', true],
    ['ft lg', 'feat-login', true],
    ['lf', 'feat-login', false],
    ['feat zz', 'feat-login', false],
    ['日本', 'wt/ñ日x本', true],
  ])('%j in %j: %s', (query, text, expected) => {
    expect(fuzzyMatch(query, text)).toBe(expected);
  });
});

describe('findExecutable', () => {
  it('finds an executable file on PATH; skips non-executables, directories and relative entries', () => {
    const root = tempDir().path;
    const [a, b, c] = ['a', 'b', 'c'].map((d) => join(root, d));
    for (const dir of [a!, b!, c!]) mkdirSync(dir);
    writeFileSync(join(a!, 'tool'), '');
    mkdirSync(join(b!, 'tool'));
    writeFileSync(join(c!, 'tool'), '#!/bin/sh\n');
    chmodSync(join(c!, 'tool'), 0o755);
    expect(findExecutable('tool', ['relative', a, b, c].join(':'))).toBe(join(c!, 'tool'));
    expect(findExecutable('tool', [a, b].join(':'))).toBeNull();
    expect(findExecutable('tool', undefined)).toBeNull();
  });
});

describe('ui.pick', () => {
  it('refuses without a terminal: exit 2 with the hint', async () => {
    const { ui } = setup({ tty: false });
    await expect(ui.pick('Go where?', items, { hint: 'plum cd <name>' })).rejects.toMatchObject({
      exitCode: 2,
      code: 'ERR_NOT_INTERACTIVE',
      hint: 'plum cd <name>',
    });
  });

  it('built-in: typing filters fuzzily, Enter returns the value', async () => {
    const { ui, stdin, stderr } = setup();
    const answer = ui.pick('Go where?', items);
    await type(stdin, 'f', '_', '1');
    while (!stderr.text.includes('(1 match)')) await new Promise((r) => setTimeout(r, 5));
    stdin.write('\r');
    await expect(answer).resolves.toBe('fix');
    expect(stderr.text).toContain('feat-login   feat/login  *');
  });

  it('built-in: matches on the name rank before matches on other columns', async () => {
    const { ui, stdin, stderr } = setup();
    // The first row spells r-e-m across its columns; the second's name starts with "rem".
    const rows = [
      { value: 'here', label: 'repo (main) (here)  main  dev', name: 'repo' },
      { value: 'rem', label: 'rem-x                rem-x  -', name: 'rem-x' },
    ];
    const answer = ui.pick('Open which?', rows);
    await type(stdin, 'r', 'e', 'm');
    while (!/Search: rem█\n○ rem-x|Search: rem█\n● rem-x/.test(stderr.text)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    stdin.write('\r'); // the first row listed
    await expect(answer).resolves.toBe('rem');
    expect([
      nameRank('rem', 'rem-x'),
      nameRank('rem', 'xremx'),
      nameRank('rem', 'repo-main'),
    ]).toEqual([0, 1, 2]);
    expect(nameRank('rem', 'repo')).toBe(3);
  });

  it('built-in: Esc cancels with exit 130', async () => {
    const { ui, stdin } = setup();
    const answer = ui.pick('Go where?', items);
    await type(stdin, ESC);
    await expect(answer).rejects.toMatchObject({ exitCode: 130 });
  });

  describe('with fzf on PATH', () => {
    /** A stand-in fzf: saves its stdin and argv, prints line `pick` (1-based) or exits `code`. */
    function fakeFzf(behaviour: { pick?: number; code?: number }) {
      const dir = tempDir().path;
      const record = join(dir, 'record');
      const script = [
        '#!/bin/sh',
        `cat > '${record}.stdin'`,
        `for arg in "$@"; do printf '%s\\n' "$arg"; done > '${record}.argv'`,
        behaviour.pick === undefined
          ? `exit ${behaviour.code ?? 0}`
          : `sed -n '${behaviour.pick}p' '${record}.stdin'`,
      ].join('\n');
      writeFileSync(join(dir, 'fzf'), script);
      chmodSync(join(dir, 'fzf'), 0o755);
      return {
        path: `${dir}:/usr/bin:/bin`,
        stdin: () => readFileSync(`${record}.stdin`, 'utf8'),
        argv: () => readFileSync(`${record}.argv`, 'utf8').trimEnd().split('\n'),
      };
    }

    it('gives fzf the candidates and the header, and returns the chosen value', async () => {
      const fzf = fakeFzf({ pick: 2 });
      const { ui } = setup({ path: fzf.path });
      await expect(ui.pick('Go where?', items, { header: 'NAME  BRANCH' })).resolves.toBe('feat');
      expect(fzf.stdin()).toBe(
        '0\trepo (main)  main\n1\tfeat-login   feat/login  *\n2\tfix_1        fix_1       ?1  /src/wt/fix_1\n',
      );
      expect(fzf.argv()).toEqual(
        expect.arrayContaining([
          '--delimiter=\t',
          '--with-nth=2..',
          '--no-multi',
          '--prompt=Go where? ',
          '--header=NAME  BRANCH',
        ]),
      );
    });

    it.each([130, 1])('fzf exit %i: cancelled, exit 130', async (code) => {
      const fzf = fakeFzf({ code });
      const { ui } = setup({ path: fzf.path });
      await expect(ui.pick('Go where?', items)).rejects.toMatchObject({ exitCode: 130 });
    });

    it('fzf: false uses the built-in picker even with fzf on PATH', async () => {
      const fzf = fakeFzf({ pick: 1 });
      const { ui, stdin } = setup({ path: fzf.path });
      const answer = ui.pick('Go where?', items, { fzf: false });
      await type(stdin, '\r');
      await expect(answer).resolves.toBe('main');
    });
  });
});
