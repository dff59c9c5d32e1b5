// `pots logs -f` respects its reader's pace: while the reader takes nothing, the follower stops
// reading the log, so its memory stays flat however far the log runs ahead; when the reader
// resumes, every byte arrives. The built bin, a pane pots spawned (its log file), a private server.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { binPath, killAll, retryUntil } from '@plumpots/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { potsFixture } from '../cli-helpers.js';

const f = potsFixture();
const pids: number[] = [];
afterAll(() => {
  killAll(pids);
  f.done();
});

/** A /proc/<pid>/status field in kB (VmRSS: now; VmHWM: the peak so far). */
const memoryKb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(
    new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    )?.[1],
  );

describe('pots logs -f with a reader that pauses', () => {
  it('keeps its memory flat while 160 MB wait in the log, then delivers every byte', async () => {
    const spawned = JSON.parse(
      await f.ok(['spawn', '--name', 'quiet', '--json', '--', 'sh', '-c', 'sleep 600']),
    ) as { id: string; log: string };
    const child = spawn(process.execPath, [binPath('pots'), 'logs', spawned.id, '-f'], {
      cwd: f.repo.path,
      env: { ...f.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pids.push(child.pid!);
    child.stderr.resume();
    let received = 0;
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      received += chunk.length;
      tail = (tail + chunk.toString('latin1')).slice(-64);
    });

    // Following (it starts at the log's end, so a line written before it opened the log may be
    // behind it): lines appended until one shows up.
    await retryUntil(
      () => {
        appendFileSync(spawned.log, 'READY\n');
        return tail.includes('READY');
      },
      { timeout: 60_000, interval: 200 },
    );
    const baseline = memoryKb(child.pid!, 'VmRSS');

    // The reader stops taking anything; the log grows by 160 MB.
    child.stdout.pause();
    const line = `${'x'.repeat(1023)}\n`;
    const block = line.repeat(1024); // 1 MiB
    for (let i = 0; i < 160; i++) appendFileSync(spawned.log, block);
    appendFileSync(spawned.log, 'END\n');
    // Give the follower the chance to misbehave: it is running, its stdout is full.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const paused = memoryKb(child.pid!, 'VmHWM');

    child.stdout.resume();
    await retryUntil(() => tail.endsWith('END\n') || tail.endsWith('END\r\n'), {
      timeout: 120_000,
    });
    const peak = memoryKb(child.pid!, 'VmHWM');
    child.kill('SIGTERM');

    expect(received).toBeGreaterThanOrEqual(160 * 1024 * 1024);
    // Paused: flat, far under the 160 MB it could have buffered (a 1 MiB chunk or two, GC slack).
    expect(paused - baseline, `paused peak ${paused} kB vs ${baseline} kB`).toBeLessThan(48 * 1024);
    // Draining 160 MB as fast as the reader takes it: garbage between collections, not the log.
    expect(peak - baseline, `peak ${peak} kB vs ${baseline} kB`).toBeLessThan(96 * 1024);
  });
});
