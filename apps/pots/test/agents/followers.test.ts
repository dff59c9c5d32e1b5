// `pots logs -f` on a pane pots did not spawn shares one temporary pipe-pane among its followers by
// reference: stopping one never starves the others, the last one out stops the pipe, and a pipe
// whose followers were all killed outright (SIGKILL) is found and stopped by the next follower.
// Reading is bounded: a log far ahead of its reader is read a chunk at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, retryUntil, tempDir } from '@plumpots/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { openLogTail } from '../../src/agents/tail.js';
import { potsFixture } from '../cli-helpers.js';

const f = potsFixture();
const followers: ChildProcess[] = [];
afterAll(() => {
  for (const child of followers) child.kill('SIGKILL');
  f.done();
});

interface Follower {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function follow(pane: string): Follower {
  const child = spawn(process.execPath, [binPath('pots'), 'logs', pane, '-f'], {
    cwd: f.repo.path,
    env: { ...f.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  followers.push(child);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, out: () => out, exited };
}

const paneOption = (pane: string, format: string) =>
  f.server.tmux(['display-message', '-p', '-t', pane, format]).trim();
const live = (pipe: string) =>
  existsSync(`${pipe}.followers`) ? readdirSync(`${pipe}.followers`).length : 0;

function say(pane: string, text: string): void {
  f.server.tmux(['send-keys', '-t', pane, '-l', `echo ${text}`]);
  f.server.tmux(['send-keys', '-t', pane, 'Enter']);
}

describe('pots logs -f followers of one pane', () => {
  it('stopping the first leaves the second streaming; the last one out stops the pipe', async () => {
    f.server.tmux(['new-session', '-d', '-s', 'plain', '-c', f.repo.path]);
    const pane = paneOption('=plain:', '#{pane_id}');
    const a = follow(pane);
    await retryUntil(() => paneOption(pane, '#{pane_pipe}') === '1');
    const pipe = paneOption(pane, '#{@pots-pipe}');
    const b = follow(pane);
    await retryUntil(() => live(pipe) === 2);

    a.child.kill('SIGTERM');
    await a.exited;
    say(pane, 'after-a-left');
    await retryUntil(() => b.out().includes('after-a-left'), {
      message: 'the second follower starved',
    });
    expect(paneOption(pane, '#{pane_pipe}')).toBe('1');

    b.child.kill('SIGTERM');
    await b.exited;
    await retryUntil(() => paneOption(pane, '#{pane_pipe}') === '0');
    expect(existsSync(pipe)).toBe(false);
    expect(existsSync(`${pipe}.followers`)).toBe(false);
  });

  it('a pipe whose only follower was SIGKILLed is found and stopped by the next one', async () => {
    f.server.tmux(['new-session', '-d', '-s', 'orphan', '-c', f.repo.path]);
    const pane = paneOption('=orphan:', '#{pane_id}');
    const killed = follow(pane);
    await retryUntil(() => paneOption(pane, '#{pane_pipe}') === '1');
    const orphan = paneOption(pane, '#{@pots-pipe}');
    await retryUntil(() => live(orphan) === 1);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(paneOption(pane, '#{pane_pipe}')).toBe('1'); // left running: the problem

    const next = follow(pane);
    await retryUntil(() => {
      const now = paneOption(pane, '#{@pots-pipe}');
      return now !== '' && now !== orphan && live(now) === 1;
    });
    expect(existsSync(orphan)).toBe(false); // the orphan's log is gone
    say(pane, 'after-orphan');
    await retryUntil(() => next.out().includes('after-orphan'));
    next.child.kill('SIGTERM');
    await next.exited;
    await retryUntil(() => paneOption(pane, '#{pane_pipe}') === '0');
  });
});

describe('reading a log far ahead of its reader', () => {
  it('returns bounded chunks, in order, every byte once', async () => {
    const dir = tempDir('tail-').path;
    const file = join(dir, 'big.log');
    const size = 24 * 1024 * 1024;
    writeFileSync(file, Buffer.alloc(size, 'x'));
    const tail = await openLogTail(file, { from: 0 });
    let total = 0;
    let largest = 0;
    for (let chunk = await tail.read(); chunk !== ''; chunk = await tail.read()) {
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
    await tail.close();
    expect(total).toBe(size);
    expect(largest).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
  });
});
