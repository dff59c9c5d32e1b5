// Pure parts: the --filter glob, log paths and the pipe-pane command (escaped for tmux's format
// expansion and for sh), and the exit-code rule.
import { describe, expect, it } from 'vitest';
import { exitCode, globMatcher, logEndMarker, spawnLogPath } from '../../src/agents/index.js';
import { pipeCommand } from '../../src/agents/paths.js';

describe('globMatcher', () => {
  it.each([
    ['app-*', 'app-feat-dev', true],
    ['app-*', 'xapp-feat', false],
    ['*-dev', 'app-feat-dev', true],
    ['app-?-dev', 'app-a-dev', true],
    ['app-?-dev', 'app-ab-dev', false],
    ['*-[ab]-dev', 'app-b-dev', true],
    ['*-[!ab]-dev', 'app-b-dev', false],
    ['*-[!ab]-dev', 'app-c-dev', true],
    ['a.b', 'axb', false],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
    ['(x)+', '(x)+', true],
    ['[', '[', true],
    ['', '', true],
  ])('%s ~ %s → %s', (pattern, name, expected) => {
    expect(globMatcher(pattern)(name)).toBe(expected);
  });
});

describe('spawnLogPath', () => {
  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
  it('names the log after the session, the name and the pane, and escapes # for tmux', () => {
    const path = spawnLogPath('/d#x', 'app-main-dev', 'claude code', at);
    expect(path.forPane('%12')).toBe(
      '/d#x/logs/app-main-dev/claude-code-12-2026-01-02T03-04-05-006Z.log',
    );
    expect(path.format).toBe(
      '/d##x/logs/app-main-dev/claude-code-#{s/%//:pane_id}-2026-01-02T03-04-05-006Z.log',
    );
    expect(path.endMarkerFormat).toBe(
      '/d##x/logs/app-main-dev/.claude-code-#{s/%//:pane_id}-2026-01-02T03-04-05-006Z.log.end',
    );
    expect(logEndMarker(path.forPane('%12'))).toBe(
      '/d#x/logs/app-main-dev/.claude-code-12-2026-01-02T03-04-05-006Z.log.end',
    );
  });

  it('builds a pipe command that is one quoted word per path for sh', () => {
    expect(pipeCommand("/t/it's #(x)/a.log")).toBe(
      "cat >> '/t/it'\\''s ##(x)/a.log'; : > '/t/it'\\''s ##(x)/.a.log.end'",
    );
  });
});

describe('exitCode', () => {
  it('is the status, else 128 + the signal, else null', () => {
    expect(exitCode({ deadStatus: 3, deadSignal: null })).toBe(3);
    expect(exitCode({ deadStatus: null, deadSignal: 15 })).toBe(143);
    expect(exitCode({ deadStatus: null, deadSignal: null })).toBeNull();
  });
});
