#!/usr/bin/env node
// `pots dash` under load, on a private tmux server in a temp HOME (never the user's):
//   1. start-up to first frame (the dashboard in a new 120×40 window, as its pane's process),
//   2. time from a state change to the frame that first shows it, p50/p95 over --changes changes,
//   3. CPU of the dashboard with 20 quiet agents, over --idle seconds (utime+stime of its process),
//   4. peak memory (VmHWM) and RSS over time with 20 agents printing, over --load seconds.
// The dashboard writes `<epoch ms> <pane> <state>` when a frame first shows a state
// (POTS_DASH_TRACE). A state change is `pots report waiting|working --pane %N` (agent supervision;
// without it that measure is skipped).
// usage: node bench/dash.mjs [--agents 20] [--changes 100] [--idle 30] [--load 30] [--out FILE]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const opts = { agents: '20', changes: '100', idle: '30', load: '30', out: '' };
for (let i = 2; i < process.argv.length; i += 2)
  opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const AGENTS = Number(opts.agents);
const root = resolve(new URL('..', import.meta.url).pathname);
const bin = join(root, 'apps/pots/bin/pots.cjs');
if (!existsSync(join(root, 'apps/pots/dist/dash/dash.js'))) throw new Error('run pnpm build first');

const dir = mkdtempSync(join(tmpdir(), 'plumbench-dash-'));
const socket = `dashbench${process.pid}`;
const env = {
  PATH: process.env.PATH,
  HOME: join(dir, 'home'),
  XDG_CONFIG_HOME: join(dir, 'home/.config'),
  XDG_STATE_HOME: join(dir, 'home/.local/state'),
  XDG_DATA_HOME: join(dir, 'home/.local/share'),
  TMUX_TMPDIR: join(dir, 'tmux'),
  POTS_TMUX_SOCKET_NAME: socket,
  GIT_CONFIG_NOSYSTEM: '1',
  LANG: 'C.UTF-8',
  TERM: 'xterm-256color',
};
for (const d of [env.HOME, env.XDG_CONFIG_HOME, env.TMUX_TMPDIR])
  mkdirSync(d, { recursive: true, mode: 0o700 });
mkdirSync(join(env.XDG_CONFIG_HOME, 'plum'), { recursive: true });
writeFileSync(join(env.XDG_CONFIG_HOME, 'plum/config.yaml'), 'pots:\n  idleSeconds: 1\n');
const repo = join(dir, 'repo');
const run = (file, args, extra = {}) =>
  execFileSync(file, args, {
    cwd: repo,
    env: { ...env, ...extra },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const tmux = (...args) => run('tmux', ['-L', socket, '-f', '/dev/null', ...args]);
const pots = (...args) => run(process.execPath, [bin, ...args]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

mkdirSync(repo);
run('git', ['init', '-q', '-b', 'main']);
run('git', [
  '-c',
  'user.name=b',
  '-c',
  'user.email=b@b',
  'commit',
  '-q',
  '--allow-empty',
  '-m',
  'init',
]);

// Agents: quiet until their flag file exists, then one line every 20 ms (the printing phase).
const agent = join(dir, 'agent.sh');
writeFileSync(
  agent,
  `flag=$1\nwhile :; do if [ -e "$flag" ]; then i=0; while [ -e "$flag" ]; do i=$((i+1)); echo "agent output line $i: the quick brown fox jumps over the lazy dog"; sleep 0.02; done; fi; sleep 0.5; done\n`,
);
const flag = join(dir, 'print');
const panes = [];
for (let i = 0; i < AGENTS; i++)
  panes.push(pots('spawn', '--name', `agent${i}`, '--', 'sh', agent, flag).trim());
const hasReport = pots('--help')
  .split('\n')
  .some((line) => /^\s+report\b/.test(line));

process.on('exit', () => {
  try {
    tmux('kill-server');
  } catch {}
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); // logs may still be closing
});
const trace = join(dir, 'trace.txt');
writeFileSync(trace, '');
const started = Date.now();
tmux(
  'new-session',
  '-d',
  '-s',
  'bench-dash',
  '-x',
  '120',
  '-y',
  '40',
  '-c',
  repo,
  'env',
  `POTS_DASH_TRACE=${trace}`,
  process.execPath,
  bin,
  'dash',
);
const dashPid = Number(tmux('display-message', '-p', '-t', '=bench-dash:', '#{pane_pid}').trim());
const traceLines = () => readFileSync(trace, 'utf8').split('\n').filter(Boolean);
const waitFor = async (test, ms = 20_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const hit = traceLines().find(test);
    if (hit) return hit;
    if (Date.now() > end) throw new Error('dash bench: the dashboard did not show it in time');
    await sleep(5);
  }
};
const first = await waitFor((l) => l.includes(' first-frame '));
const firstFrameMs = Number(first.split(' ')[0]) - started;
await waitFor((l) => l.includes(` ${panes.at(-1)} `));

// 2. state changes
const latencies = [];
const changes = hasReport ? Number(opts.changes) : 0; // a state change needs `pots report`
for (let i = 0; i < changes; i++) {
  const pane = panes[i % panes.length];
  // Every change is a change: each round over the panes flips them all (waiting, then working).
  const state = Math.floor(i / panes.length) % 2 === 0 ? 'waiting' : 'working';
  const before = traceLines().length;
  const t0 = Date.now();
  pots('report', state, '--pane', pane);
  const seen = await waitFor(
    (l) => traceLines().indexOf(l) >= before && l.endsWith(`${pane} ${state}`),
  );
  latencies.push(Number(seen.split(' ')[0]) - t0);
}

// 3. idle CPU (the agents quiet)
const cpuTicks = () => {
  const stat = readFileSync(`/proc/${dashPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(stat[11]) + Number(stat[12]); // utime + stime, in clock ticks
};
const hz = Number(run('getconf', ['CLK_TCK']).trim()) || 100;
await sleep(2000);
const c0 = cpuTicks();
const idleSeconds = Number(opts.idle);
await sleep(idleSeconds * 1000);
const idleCpu = ((cpuTicks() - c0) / hz / idleSeconds) * 100;

// 4. memory with every agent printing
const memory = () => {
  const status = readFileSync(`/proc/${dashPid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)[1]);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
};
const idleRss = memory().rss;
writeFileSync(flag, '');
const samples = [];
const loadSeconds = Number(opts.load);
const c1 = cpuTicks();
for (let s = 0; s < loadSeconds; s++) {
  await sleep(1000);
  samples.push(memory().rss);
}
const loadCpu = ((cpuTicks() - c1) / hz / loadSeconds) * 100;
rmSync(flag);
const { hwm } = memory();
const third = Math.max(1, Math.floor(samples.length / 3));
const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

const result = {
  agents: AGENTS,
  stateChange: hasReport
    ? 'pots report waiting|working --pane %N'
    : 'skipped: no pots report in this build',
  firstFrameMs,
  stateLatencyMs: latencies.length
    ? {
        n: latencies.length,
        p50: pct(latencies, 50),
        p95: pct(latencies, 95),
        max: Math.max(...latencies),
      }
    : null,
  idleCpuPercentOfOneCore: Number(idleCpu.toFixed(2)),
  printing: {
    seconds: loadSeconds,
    cpuPercentOfOneCore: Number(loadCpu.toFixed(1)),
    peakMemoryMB: Number(hwm.toFixed(1)),
    rssIdleMB: Number(idleRss.toFixed(1)),
    rssFirstThirdMB: Number(avg(samples.slice(0, third)).toFixed(1)),
    rssLastThirdMB: Number(avg(samples.slice(-third)).toFixed(1)),
  },
};
console.log(JSON.stringify(result, null, 2));
if (opts.out) writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
