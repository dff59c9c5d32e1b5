#!/usr/bin/env node
// Live output latency of `pots logs <pane> --follow --json`: a pane prints
// `BENCHLAT <seq> <date +%s%N>` every --interval ms; each line's latency is the wall-clock time it
// shows up on the follower's stdout minus the timestamp inside it. The same is measured through a
// tmux control-mode client (`tmux -C`, `%output` events) as the floor. Writes --out (JSON).
// Only ever talks to the private server named by --socket inside $TMUX_TMPDIR (run.sh sets both).
// usage: node latency.mjs --pots apps/pots/bin/pots.cjs --socket NAME --cwd DIR --out FILE
//          [--lines 200] [--interval 50]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';

const opts = { lines: '200', interval: '50' };
for (let i = 2; i < process.argv.length; i += 2)
  opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['pots', 'socket', 'cwd', 'out']) {
  if (!opts[k]) throw new Error(`latency.mjs: --${k} is required`);
}
if (!process.env.TMUX_TMPDIR)
  throw new Error('latency.mjs: TMUX_TMPDIR must point at a private socket dir');
delete process.env.TMUX;
delete process.env.TMUX_PANE;

const LINES = Number(opts.lines);
const INTERVAL = Number(opts.interval);
const now = () => performance.timeOrigin + performance.now(); // wall clock, ms, sub-ms resolution
const tmux = (...a) =>
  execFileSync('tmux', ['-L', opts.socket, ...a], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'plumbench-lat-'));

const PANE_SCRIPT = `
go=$1; n=$2; interval=$3; i=0
while [ ! -e "$go" ]; do
  i=$((i+1)); printf 'BENCHWARM %s\\n' "$i"; [ "$i" -gt 400 ] && exit 1; sleep 0.05
done
k=0
while [ "$k" -lt "$n" ]; do
  k=$((k+1)); printf 'BENCHLAT %s %s\\n' "$k" "$(date +%s%N)"; sleep "$interval"
done
printf 'BENCHDONE\\n'
exec cat
`;
writeFileSync(join(dir, 'pane.sh'), PANE_SCRIPT);

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

// Tagged like a session pots made (unitTags() in apps/pots/src/api/units.ts).
const COMMON_DIR = execFileSync(
  'git',
  ['-C', opts.cwd, 'rev-parse', '--path-format=absolute', '--git-common-dir'],
  { encoding: 'utf8' },
).trim();

/** One session whose pane runs the printer; returns { name, paneId, go }. */
function makePane(tag) {
  const name = `bench-lat-${tag}`;
  const go = join(dir, `go-${tag}`);
  const cmd = `sh ${join(dir, 'pane.sh')} ${go} ${LINES} ${(INTERVAL / 1000).toFixed(3)}`;
  const tags = {
    '@pots-worktree': opts.cwd,
    '@pots-project': basename(COMMON_DIR.replace(/\/\.git$/, '')),
    '@pots-task': tag,
    '@pots-repo': COMMON_DIR,
    '@pots-unit': 'session',
  };
  // Created and tagged as pots-managed in one tmux call.
  const args = ['new-session', '-d', '-s', name, '-x', '120', '-y', '40', '-c', opts.cwd, cmd];
  for (const [k, v] of Object.entries(tags)) args.push(';', 'set-option', '-t', `=${name}:`, k, v);
  tmux(...args);
  const paneId = tmux('display-message', '-p', '-t', `=${name}:`, '#{pane_id}').trim();
  return { name, paneId, go };
}

/**
 * Runs the follower `argv` against a fresh pane. Resolves to
 * { status: 'ok', sent, received, p50, … } or { status: 'unavailable' | 'failed', rc, note }.
 */
async function measure(tag, argvFor, { stdinOpen = false } = {}) {
  const pane = makePane(tag);
  const argv = argvFor(pane);
  const child = spawn(argv[0], argv.slice(1), {
    stdio: [stdinOpen ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const got = new Map(); // seq → latency ms
  let warm = false;
  let done = false;
  let exited = null;
  let stderr = '';
  let buffer = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => {
    const t = now();
    buffer += d.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) {
      if (!warm && line.includes('BENCHWARM')) {
        warm = true;
        writeFileSync(pane.go, '');
      }
      for (const m of line.matchAll(/BENCHLAT (\d+) (\d+)/g)) {
        const seq = Number(m[1]);
        if (!got.has(seq)) got.set(seq, t - Number(BigInt(m[2]) / 1000n) / 1000);
      }
      if (line.includes('BENCHDONE')) done = true;
    }
  });
  const exit = new Promise((r) =>
    child.on('exit', (code, signal) => r((exited = { code, signal }))),
  );

  const firstLine = () =>
    stderr
      .split('\n')
      .find((l) => l.trim())
      ?.slice(0, 200) ?? '';
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([exit, sleep(2000)]);
      if (!exited) child.kill('SIGKILL');
    }
    try {
      tmux('kill-session', '-t', `=${pane.name}`);
    } catch {
      /* already gone */
    }
  };

  const warmDeadline = now() + 15000;
  while (!warm && !exited && now() < warmDeadline) await sleep(10);
  if (!warm) {
    await stop();
    if (exited && exited.code !== 0)
      return { status: 'unavailable', rc: exited.code, note: firstLine() };
    return {
      status: 'failed',
      rc: exited?.code ?? null,
      note: exited
        ? `exited without printing the pane's output. ${firstLine()}`
        : 'no pane output on stdout within 15 s',
    };
  }
  const deadline = now() + LINES * INTERVAL + 15000;
  while (!done && !exited && now() < deadline) await sleep(10);
  await sleep(done ? 200 : 0); // lines still in flight
  await stop();
  const lat = [...got.values()].sort((a, b) => a - b);
  if (lat.length === 0) {
    return {
      status: 'failed',
      rc: exited?.code ?? null,
      note: `no BENCHLAT line received. ${firstLine()}`,
    };
  }
  const notes = [];
  if (lat.length < LINES) notes.push(`${LINES - lat.length} lines never arrived`);
  if (exited && !done) notes.push(`follower exited early (${exited.code ?? exited.signal})`);
  return {
    status: 'ok',
    sent: LINES,
    received: lat.length,
    p50: quantile(lat, 0.5),
    p95: quantile(lat, 0.95),
    p99: quantile(lat, 0.99),
    min: lat[0],
    max: lat[lat.length - 1],
    mean: lat.reduce((a, b) => a + b, 0) / lat.length,
    note: notes.join('; '),
  };
}

const result = {};
try {
  result.floor = await measure(
    'floor',
    (p) => ['tmux', '-L', opts.socket, '-C', 'attach-session', '-r', '-t', `=${p.name}`],
    { stdinOpen: true },
  );
  // pots: the pane id first (the most exact target), then the session name.
  for (const form of ['pane id', 'session name']) {
    const r = await measure('pots', (p) => [
      process.execPath,
      opts.pots,
      'logs',
      form === 'pane id' ? p.paneId : p.name,
      '--follow',
      '--json',
      '-L',
      opts.socket,
    ]);
    result.pots = { ...r, note: [r.note, `target given as ${form}`].filter(Boolean).join('; ') };
    if (r.status === 'ok') break;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(opts.out, JSON.stringify(result, null, 2) + '\n');
for (const [k, r] of Object.entries(result)) {
  const s =
    r.status === 'ok'
      ? `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${r.received}/${r.sent})`
      : `${r.status}${r.rc != null ? ` (exit ${r.rc})` : ''}: ${r.note}`;
  console.error(`latency ${k}: ${s}`);
}
