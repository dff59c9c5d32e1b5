// The agent watcher's test fixture: a pots fixture whose PATH has the stand-in agents (without
// hooks, so only the watcher can notice what their screens show), a short watch interval, and a
// notify command that appends "<pane> <state> <agent>" to a marker file; helpers to find the
// watcher by its pid file and to kill, in teardown, every watcher a test saw.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killAll } from '@plumpots/test-fixtures';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { standInBin } from './stand-in.js';

export interface WatcherFixture {
  f: PotsFixture;
  /** The pid files under the data dir's watchers/. */
  pidFiles: () => string[];
  /** The running watcher's pid (remembered for teardown), or null before it wrote its pid file. */
  watcherPid: () => number | null;
  /** What the notify command wrote so far. */
  notified: () => string;
  alive: (pid: number) => boolean;
  /** Kills every watcher seen, then the fixture. */
  done: () => void;
}

export function watcherFixture(): WatcherFixture {
  const f = potsFixture();
  const scratch = join(f.repo.path, '..');
  f.env.PATH = `${standInBin(scratch)}:${f.env.PATH ?? process.env.PATH}`;
  f.env.POTS_DATA_DIR = join(scratch, 'pots-data');
  f.env.STANDIN_NO_HOOKS = '1';
  f.env.POTS_WATCH_INTERVAL_MS = '300';
  const watchers = join(scratch, 'pots-data', 'watchers');
  const marker = join(scratch, 'notified.txt');
  mkdirSync(join(f.env.XDG_CONFIG_HOME!, 'plum'), { recursive: true });
  writeFileSync(
    join(f.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml'),
    [
      'pots:',
      '  notify:',
      '    display: false',
      '    bell: false',
      '    desktop: false',
      `    command: 'printf "%s %s %s\\\\n" "$POTS_PANE" "$POTS_STATE" "$POTS_AGENT" >> ${marker}'`,
      '',
    ].join('\n'),
  );
  const pids = new Set<number>();
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const pidFiles = () =>
    existsSync(watchers) ? readdirSync(watchers).filter((name) => name.endsWith('.pid')) : [];
  return {
    f,
    pidFiles,
    watcherPid: () => {
      const [file] = pidFiles();
      if (!file) return null;
      const pid = Number(readFileSync(join(watchers, file), 'utf8').trim());
      pids.add(pid); // the watcher links its pid file in whole; killAll refuses pid 0 regardless
      return pid;
    },
    notified: () => (existsSync(marker) ? readFileSync(marker, 'utf8') : ''),
    alive,
    done: () => {
      killAll(pids); // gone already when it exited with the last agent
      f.done();
    },
  };
}
