// stderr → kind, exit code and hint. The samples are tmux 3.3a's own words.
import { describe, expect, it } from 'vitest';
import { TmuxError } from '@plumpots/core';
import {
  TmuxCommandError,
  classifyTmuxStderr,
  exitCodeForKind,
  tmuxFailure,
  type TmuxErrorKind,
} from '../../src/tmux/index.js';

const samples: Array<[string, TmuxErrorKind]> = [
  ['no server running on /tmp/scratch/stale.sock', 'no-server'],
  ['error connecting to /tmp/tmux-0/research-2784 (No such file or directory)', 'no-server'],
  ["can't find session: feat-login", 'not-found'],
  ["can't find pane: =k", 'not-found'],
  ["can't find window: win", 'not-found'],
  ['no such session: =cap', 'not-found'],
  ['no such window: @99', 'not-found'],
  ['no such pane: %99', 'not-found'],
  ['session not found: x', 'not-found'],
  ['duplicate session: a_b', 'duplicate'],
  ['no current client', 'no-client'],
  ['sessions should be nested with care, unset $TMUX to force', 'nested'],
  ['open terminal failed: not a terminal', 'no-terminal'],
  ['open terminal failed: terminal does not support clear', 'no-terminal'],
  ['missing or unsuitable terminal: xterm-doesnotexist', 'no-terminal'],
  ['error connecting to /tmp/x/tmux-1000/default (Permission denied)', 'permission'],
  ['directory /tmp/x/tmux-1000 has unsafe permissions', 'permission'],
  ['error connecting to /tmp/very/long/path/default (File name too long)', 'too-long'],
  ['command too long', 'too-long'],
  ['protocol version mismatch (client 8, server 7)', 'protocol'],
  ['server exited unexpectedly', 'protocol'],
  ['unknown command: frobnicate', 'failed'],
  ['', 'failed'],
];

describe('classifyTmuxStderr', () => {
  it.each(samples)('%j → %s', (stderr, kind) => {
    expect(classifyTmuxStderr(`${stderr}\n`)).toBe(kind);
  });

  it('maps not-found to exit 3, duplicate to exit 4, the rest to 1', () => {
    expect(exitCodeForKind('not-found')).toBe(3);
    expect(exitCodeForKind('duplicate')).toBe(4);
    for (const kind of [
      'no-server',
      'no-client',
      'nested',
      'no-terminal',
      'permission',
      'too-long',
      'protocol',
      'failed',
    ] as const) {
      expect(exitCodeForKind(kind)).toBe(1);
    }
  });
});

describe('tmuxFailure', () => {
  const result = (stderr: string, exitCode: number | null = 1) => ({
    command: ['tmux', '-u', '-L', 's', 'kill-session', '-t', '$3'],
    stdout: '',
    stderr,
    exitCode,
    signal: exitCode === null ? ('SIGTERM' as const) : null,
  });

  it("keeps tmux's words, the command and stderr, with a stable code", () => {
    const error = tmuxFailure(result("can't find session: $3\n"), {
      args: ['kill-session', '-t', '$3'],
    });
    expect(error).toBeInstanceOf(TmuxCommandError);
    expect(error).toBeInstanceOf(TmuxError);
    expect(error).toMatchObject({
      kind: 'not-found',
      code: 'ERR_TMUX_NOT_FOUND',
      exitCode: 3,
      message: "tmux kill-session: can't find session: $3",
      stderr: "can't find session: $3\n",
      commandExitCode: 1,
    });
    expect(error.command).toEqual(result('').command);
  });

  it('codes each kind', () => {
    expect(tmuxFailure(result('duplicate session: x')).code).toBe('ERR_TMUX_DUPLICATE');
    expect(tmuxFailure(result('duplicate session: x')).exitCode).toBe(4);
    expect(tmuxFailure(result('no server running on /x')).code).toBe('ERR_TMUX_NO_SERVER');
    expect(tmuxFailure(result('weird')).code).toBe('ERR_TMUX');
  });

  it('gives terminal hints that name the TERM value', () => {
    expect(tmuxFailure(result('missing or unsuitable terminal: xterm-doesnotexist')).hint).toBe(
      'TERM=xterm-doesnotexist has no terminfo entry on this host (try TERM=xterm-256color)',
    );
    expect(
      tmuxFailure(result('open terminal failed: terminal does not support clear')).hint,
    ).toMatch(/TERM is unset/);
    expect(tmuxFailure(result('open terminal failed: not a terminal')).hint).toMatch(
      /stdin is not a terminal/,
    );
  });

  it('gives actionable hints for socket trouble', () => {
    expect(tmuxFailure(result('error connecting to /x (File name too long)')).hint).toMatch(
      /107-byte/,
    );
    expect(tmuxFailure(result('directory /x has unsafe permissions')).hint).toMatch(/mode 700/);
    expect(tmuxFailure(result('protocol version mismatch (client 8, server 7)')).hint).toMatch(
      /another version/,
    );
  });

  it('says when tmux was killed rather than refused', () => {
    expect(tmuxFailure(result('', null)).message).toBe(
      'tmux kill-session was killed by SIGTERM (timed out?)',
    );
  });
});
