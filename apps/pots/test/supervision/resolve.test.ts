// The state machine as a table: each row is a pane's evidence and the state it must resolve to.
import { describe, expect, it } from 'vitest';
import { resolveState, type StateInput } from '../../src/api/supervision.js';

const now = new Date('2026-12-04T12:00:00Z');
const ago = (s: number) => now.getTime() - s * 1000;
const none = { state: null, at: null, by: null, message: null };
const base: StateInput = {
  dead: false,
  exitCode: null,
  agent: 'claude',
  report: none,
  activity: new Date(ago(1)),
  now,
  idleSeconds: 30,
  stuckSeconds: 600,
};
const report = (state: string, secondsAgo: number, by = 'hook:Stop') => ({
  state,
  at: ago(secondsAgo),
  by,
  message: null,
});
const screen = (state: 'working' | 'waiting' | 'idle', rule = `claude/${state}-rule`) => ({
  rule,
  state,
  line: `${state} line`,
});

describe('resolveState', () => {
  const cases: Array<[string, Partial<StateInput>, string, string]> = [
    ['a plain pane printing', { agent: null }, 'running', 'output'],
    ['a plain pane silent', { agent: null, activity: new Date(ago(31)) }, 'idle', 'silence'],
    ['a dead pane', { dead: true, exitCode: 3 }, 'exited', 'exit'],
    ['a dead agent pane killed by a signal', { dead: true, exitCode: 137 }, 'exited', 'exit'],
    ['spawned, nothing else known', { report: report('starting', 1, 'spawn') }, 'starting', 'spawn'],
    ['spawned, then the screen shows the prompt', { report: report('starting', 5, 'spawn'), screen: screen('idle') }, 'idle', 'screen'],
    ['a hook said waiting', { report: report('waiting', 5, 'hook:Notification') }, 'waiting', 'hook'],
    ['hook and screen agree', { report: report('idle', 5), screen: screen('idle') }, 'idle', 'hook'],
    ['no hook: the screen decides', { screen: screen('working') }, 'working', 'screen'],
    ['no hook, no rule, printing', { screen: null }, 'working', 'output'],
    ['no hook, no rule, silent', { screen: null, activity: new Date(ago(40)) }, 'idle', 'silence'],
    ['a plain pane with a report is an agent pane', { agent: null, report: report('working', 1, 'report') }, 'working', 'hook'],
    ['the agent reported its session ended', { report: report('exited', 1, 'hook:SessionEnd') }, 'exited', 'hook'],
  ]; // prettier-ignore
  it.each(cases)('%s', (_name, input, state, source) => {
    const resolved = resolveState({ ...base, ...input });
    expect(resolved.state).toBe(state);
    expect(resolved.evidence.source).toBe(source);
    expect(resolved.evidence.summary).not.toBe('');
  });

  it('names who reported: the hook event, pots spawn, or pots report', () => {
    const summary = (by: string) =>
      resolveState({ ...base, report: report('waiting', 1, by) }).evidence.summary;
    expect(summary('hook:Notification')).toMatch(/^hook Notification reported waiting/);
    expect(summary('report')).toMatch(/^pots report reported waiting/);
    expect(summary('spawn')).toMatch(/^pots spawn reported waiting/);
  });

  it('working with no output and no hook event for stuckSeconds is stuck, and says so', () => {
    const resolved = resolveState({
      ...base,
      report: report('working', 700, 'hook:UserPromptSubmit'),
      activity: new Date(ago(650)),
    });
    expect(resolved.state).toBe('stuck');
    expect(resolved.since).toEqual(new Date(ago(650) + 600_000));
    expect(resolved.evidence.summary).toMatch(/no output and no hook event for 10m 50s/);
    // A hook event inside the window keeps it working.
    expect(
      resolveState({
        ...base,
        report: report('working', 10),
        activity: new Date(ago(650)),
      }).state,
    ).toBe('working');
  });

  it('hook and screen disagree: a menu on the screen wins, and the conflict is stated', () => {
    const resolved = resolveState({
      ...base,
      report: report('working', 5, 'hook:UserPromptSubmit'),
      activity: new Date(ago(4)),
      screen: screen('waiting', 'claude/select-menu'),
    });
    expect(resolved.state).toBe('waiting');
    expect(resolved.evidence.conflict).toMatchObject({
      winner: 'screen',
      why: 'a question or permission menu is on the screen',
    });
    expect(resolved.evidence.conflict?.hook).toMatch(/^working \(hook:UserPromptSubmit, /);
  });

  it('hook and screen disagree: the screen wins when the pane printed after the report', () => {
    const interrupted = resolveState({
      ...base,
      report: report('working', 60, 'hook:UserPromptSubmit'),
      activity: new Date(ago(1)),
      screen: screen('idle'),
    });
    expect(interrupted.state).toBe('idle');
    expect(interrupted.evidence.conflict?.winner).toBe('screen');
    // …and the report wins when nothing was printed after it.
    const fresh = resolveState({
      ...base,
      report: report('idle', 1),
      activity: new Date(ago(2)),
      screen: screen('working'),
    });
    expect(fresh.state).toBe('idle');
    expect(fresh.evidence.conflict).toMatchObject({
      winner: 'hook',
      why: 'the report is newer than the screen',
    });
  });

  it('ignores a malformed report', () => {
    const resolved = resolveState({
      ...base,
      report: { state: 'bogus', at: 1, by: 'x', message: null },
      screen: null,
    });
    expect(resolved.evidence.report).toBeNull();
    expect(resolved.state).toBe('working');
  });
});
