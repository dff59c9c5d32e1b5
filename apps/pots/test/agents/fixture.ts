// A private tmux server with one session to spawn into, and a data dir for logs — per test file.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil, tempDir } from '@plumpots/test-fixtures';
import { capturePane } from '../../src/agents/index.js';
import { privateTmux, type PrivateTmux } from '../tmux/private-tmux.js';

export interface AgentFixture extends PrivateTmux {
  /** The session every test spawns into. */
  session: { id: string; name: string };
  /** A scratch directory (the commands' cwd). */
  dir: string;
  /** pots's data dir (POTS_DATA_DIR). */
  dataDir: string;
  /** Waits until pane `%N`'s screen contains `text`. */
  screenHas(paneId: string, text: string): Promise<string>;
  cleanup(): void;
}

export function agentFixture(sessionName = 'agents'): AgentFixture {
  const t = privateTmux();
  const root = tempDir('pa-');
  const dir = join(root.path, 'work');
  const dataDir = join(root.path, 'data');
  mkdirSync(dir);
  const id = t.server
    .tmux([
      'new-session',
      '-d',
      '-P',
      '-F',
      '#{session_id}',
      '-s',
      sessionName,
      '-c',
      dir,
      '-x',
      '200',
      '-y',
      '50',
    ])
    .trim();
  return {
    ...t,
    session: { id, name: sessionName },
    dir,
    dataDir,
    screenHas: (paneId, text) =>
      retryUntil(
        async () => {
          const screen = await capturePane(t.tmux, paneId, { lines: 2000 });
          return screen.includes(text) ? screen : '';
        },
        { message: `pane ${paneId} never showed ${JSON.stringify(text)}` },
      ),
    cleanup() {
      try {
        t.done();
      } finally {
        root.cleanup();
      }
    },
  };
}

/**
 * argv for a pane that records every byte it receives (raw mode, no echo) to `file`, with
 * bracketed paste enabled; it prints READY once tmux can paste into it.
 */
export function recorder(file: string): string[] {
  return [
    'sh',
    '-c',
    `stty raw -echo; printf '\\033[?2004hREADY'; exec cat > "$1"`,
    'recorder',
    file,
  ];
}
