// The control-mode client against a real private server: a command sent the moment the client is
// opened (before tmux has attached it) still takes effect, and a subscription pushes each change.
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openControlClient, type ControlEvent } from '../../src/tmux/control.js';
import { privateTmux, type PrivateTmux } from './private-tmux.js';

let t: PrivateTmux;
let session: string;
let panes: string[];

beforeAll(() => {
  t = privateTmux();
  t.server.tmux(['new-session', '-d', '-s', 'watched', 'sleep 600']);
  t.server.tmux(['new-window', '-d', '-t', '=watched:', 'sleep 600']);
  session = t.server.tmux(['display-message', '-p', '-t', '=watched:', '#{session_id}']).trim();
  panes = t.server.tmux(['list-panes', '-s', '-t', '=watched:', '-F', '#{pane_id}']).split('\n');
  panes = panes.filter(Boolean);
});

afterAll(() => t.done());

describe('openControlClient', () => {
  // tmux can run lines read from stdin before the attach-session it was started with; a command
  // that needs the client then fails ("no current client") and nothing is ever pushed. Several
  // rounds, because the race does not lose every time.
  it('a subscription sent at once is made, and pushes each pane option change', async () => {
    for (let round = 0; round < 4; round++) {
      const events: ControlEvent[] = [];
      const client = openControlClient(t.tmux, session, { onEvent: (e) => events.push(e) });
      client.command(['refresh-client', '-B', 'probe:%*:#{@probe}']);
      try {
        await retryUntil(() => client.attached, { interval: 20 });
        const value = `round-${round}`;
        t.server.tmux(['set-option', '-p', '-t', panes[1]!, '@probe', value]);
        const seen = await retryUntil(
          () =>
            events.find(
              (e) => e.type === 'subscription' && e.pane === panes[1] && e.value === value,
            ) ?? null,
          { interval: 20 },
        );
        expect(seen).toMatchObject({ type: 'subscription', name: 'probe', pane: panes[1] });
        expect(
          events.some((e) => e.type === 'subscription' && e.pane === panes[0] && e.value === value),
        ).toBe(false);
      } finally {
        await client.close();
      }
    }
  });

  it('is not attached once it has ended', async () => {
    const client = openControlClient(t.tmux, session, { onEvent: () => undefined });
    await retryUntil(() => client.attached, { interval: 20 });
    await client.close();
    expect(client.attached).toBe(false);
  });
});
