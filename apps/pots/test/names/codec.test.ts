// The name codec: pure, so properties over hostile strings plus a few readable examples.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SESSION_NAME_MAX,
  disambiguate,
  sanitizeSegment,
  sessionName,
  withCollisionSuffix,
} from '../../src/names/index.js';

const SAFE = /^[A-Za-z0-9_-]+$/;
const nasty = fc.constantFrom(
  '#(touch /tmp/pwned)',
  '#{host}',
  'feat#(x)',
  'a.b:c',
  'x.y:z',
  ' \t\n ',
  'ñ日本',
  '$HOME',
  '=eq',
  '@at',
  '%pct',
  '-dash',
  'a;b',
  '..',
  '',
  'é'.normalize('NFD'),
  '\u{1F600}',
  '\uD800',
);
const pieces = fc
  .array(
    fc.constantFrom(
      '#',
      '(',
      ')',
      '{',
      '}',
      '.',
      ':',
      ' ',
      '\t',
      '\n',
      '-',
      '_',
      'a',
      'Z',
      '9',
      'ñ',
      '日',
      '$',
      '=',
      '@',
      '%',
      '/',
      '\\',
      ';',
      "'",
    ),
    { maxLength: 60 },
  )
  .map((chars) => chars.join(''));
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ minLength: 200, maxLength: 600 }),
  pieces,
  nasty,
);

describe('sanitizeSegment', () => {
  it.each([
    ['feature/login', 'feature-login'],
    ['feature/login#2', 'feature-login-2'],
    ['a - b', 'a-b'],
    ['a--b', 'a--b'],
    ['repo.v2', 'repo-v2'],
    ['api:x', 'api-x'],
    ['#(touch x)', 'touch-x'],
    ['---', 'x'],
    ['', 'x'],
    ['ñ日本', 'x'],
    ['snake_case', 'snake_case'],
  ])('%j → %j', (input, output) => {
    expect(sanitizeSegment(input)).toBe(output);
  });

  it('caps a segment at 40 characters without a trailing "-"', () => {
    expect(sanitizeSegment('a'.repeat(100))).toBe('a'.repeat(40));
    expect(sanitizeSegment(`${'a'.repeat(39)}/b`)).toBe('a'.repeat(39));
  });

  it('always gives a non-empty [A-Za-z0-9_-] string that does not start or end with "-"', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const out = sanitizeSegment(s);
        expect(out).toMatch(SAFE);
        expect(out.length).toBeGreaterThan(0);
        expect(out.length).toBeLessThanOrEqual(40);
        expect(out).not.toMatch(/^-|-$/);
      }),
    );
  });

  it('is stable and idempotent', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(sanitizeSegment(s)).toBe(sanitizeSegment(s));
        expect(sanitizeSegment(sanitizeSegment(s))).toBe(sanitizeSegment(s));
      }),
    );
  });
});

describe('sessionName', () => {
  it('joins {prefix}{project}-{worktree}-{task}', () => {
    expect(sessionName({ project: 'app', worktree: 'feat/login', task: 'dev' })).toBe(
      'app-feat-login-dev',
    );
    expect(sessionName({ prefix: 'pots-', project: 'app', worktree: 'main', task: 'dev' })).toBe(
      'pots-app-main-dev',
    );
    expect(sessionName({ prefix: 'p.', project: 'my repo', worktree: 'x', task: 'a b' })).toBe(
      'p-my-repo-x-a-b',
    );
    expect(sessionName({ prefix: '-', project: '-', worktree: '-', task: '-' })).toBe('x-x-x');
  });

  it('never yields a name tmux would mangle, expand or read as a flag or target', () => {
    fc.assert(
      fc.property(
        fc.option(anyString, { nil: undefined }),
        anyString,
        anyString,
        anyString,
        (prefix, project, worktree, task) => {
          const name = sessionName({ prefix, project, worktree, task });
          expect(name).toMatch(SAFE);
          expect(name).not.toMatch(/^[-=$@%]/);
          expect(name).not.toMatch(/[.:#]/);
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(SESSION_NAME_MAX);
          expect(sessionName({ prefix, project, worktree, task })).toBe(name);
        },
      ),
    );
  });

  it('keeps tasks apart however long the other parts are', () => {
    const long = { prefix: 'p'.repeat(50), project: 'q'.repeat(50), worktree: 'w'.repeat(200) };
    const dev = sessionName({ ...long, task: 'dev' });
    const test = sessionName({ ...long, task: 'test' });
    expect(dev).not.toBe(test);
    expect(withCollisionSuffix(dev, '/a').length).toBeLessThanOrEqual(SESSION_NAME_MAX);
  });
});

describe('withCollisionSuffix', () => {
  const sha4 = (p: string) => createHash('sha1').update(p).digest('hex').slice(0, 4);

  it('appends 4 hex digits of sha1(absolute path)', () => {
    expect(withCollisionSuffix('app-x-y-dev', '/src/x.y')).toBe(`app-x-y-dev-${sha4('/src/x.y')}`);
    expect(withCollisionSuffix('app-x-y-dev', '/src/x.y/')).toBe(`app-x-y-dev-${sha4('/src/x.y')}`);
  });

  it('is stable, safe and within the length limit', () => {
    fc.assert(
      fc.property(anyString, fc.string({ minLength: 1 }), (s, tail) => {
        const name = sessionName({ project: s, worktree: s, task: s });
        const path = `/w/${tail}`;
        const out = withCollisionSuffix(name, path);
        expect(out).toBe(withCollisionSuffix(name, path));
        expect(out).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]*-[0-9a-f]{4}$/);
        expect(out.length).toBeLessThanOrEqual(SESSION_NAME_MAX);
      }),
    );
  });

  it('differs for different paths (full-length hash always; 4 digits on a realistic corpus)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(resolve(`/w/${a}`) !== resolve(`/w/${b}`)); // one directory, however spelled, is one path
        expect(withCollisionSuffix('n', `/w/${a}`, 40)).not.toBe(
          withCollisionSuffix('n', `/w/${b}`, 40),
        );
      }),
    );
    const corpus = Array.from({ length: 200 }, (_, i) => `/src/app.worktrees/feature-${i}`);
    expect(new Set(corpus.map((p) => withCollisionSuffix('app-feat-dev', p))).size).toBe(
      corpus.length,
    );
  });
});

describe('disambiguate', () => {
  it('suffixes only names that different worktrees share', () => {
    const out = disambiguate([
      { path: '/a/x.y', name: 'app-x-y-dev' },
      { path: '/a/x-y', name: 'app-x-y-dev' },
      { path: '/a/z', name: 'app-z-dev' },
      { path: '/a/z', name: 'app-z-dev' },
    ]);
    expect(out.map((e) => e.name)).toEqual([
      withCollisionSuffix('app-x-y-dev', '/a/x.y'),
      withCollisionSuffix('app-x-y-dev', '/a/x-y'),
      'app-z-dev',
      'app-z-dev',
    ]);
  });

  const entries = fc.array(
    fc.record({
      path: fc.constantFrom('/a/x.y', '/a/x-y', '/a/x_y', '/b/x.y', '/c', '/d/e f'),
      name: fc.constantFrom('app-x-y-dev', 'app-c-dev', 'app-x-y-dev-1234'),
    }),
    { maxLength: 12 },
  );

  it('gives distinct paths distinct names, one path one name, whatever the order', () => {
    fc.assert(
      fc.property(
        entries.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ([list, shuffled]) => {
          const out = disambiguate(list);
          const byName = new Map<string, string>();
          const byKey = new Map<string, string>();
          out.forEach((entry, i) => {
            const original = list[i]!;
            expect(entry.path).toBe(original.path);
            const key = `${original.name}\0${original.path}`;
            if (byKey.has(key)) expect(entry.name).toBe(byKey.get(key));
            byKey.set(key, entry.name);
            const owner = byName.get(entry.name);
            if (owner !== undefined) expect(owner).toBe(entry.path);
            byName.set(entry.name, entry.path);
            const shared = list.some((o) => o.name === original.name && o.path !== original.path);
            if (!shared) expect(entry.name).toBe(original.name);
          });
          const again = new Map(
            disambiguate(shuffled).map((e, i) => [`${shuffled[i]!.name}\0${e.path}`, e.name]),
          );
          for (const [key, name] of byKey) expect(again.get(key)).toBe(name);
        },
      ),
    );
  });
});
