#!/usr/bin/env node
// Writes bench/RESULTS.md from one harness run: results/manifest.tsv (what happened to each row),
// results/hf/*.json (hyperfine exports), results/calls/*.log (git/tmux calls counted by the PATH
// shim), results/out/*.stdout (probe output) and results/latency.json. Budgets: bench/BUDGET.md.
// usage: node report.mjs --results DIR --root REPO --out FILE [--quick 0|1] [--elapsed S] …
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const args = parseArgs(process.argv.slice(2));
const RES = args.results;
const ROOT = args.root;
const quick = args.quick === '1';

// ---- inputs ------------------------------------------------------------------------------------

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['results', 'root', 'out']) if (!out[k]) throw new Error(`report.mjs: --${k}?`);
  return out;
}

function readManifest() {
  const [header, ...lines] = readFileSync(join(RES, 'manifest.tsv'), 'utf8').trimEnd().split('\n');
  const keys = header.split('\t');
  const rows = new Map();
  for (const line of lines) {
    const values = line.split('\t');
    const row = Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
    rows.set(row.id, row);
  }
  return rows;
}

function readTimings() {
  const byId = new Map();
  const dir = join(RES, 'hf');
  if (!existsSync(dir)) return byId;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const r of data.results) {
      byId.set(r.command, {
        median: r.median * 1000,
        mean: r.mean * 1000,
        stddev: (r.stddev ?? 0) * 1000,
        min: r.min * 1000,
        max: r.max * 1000,
        runs: r.times?.length ?? 0,
      });
    }
  }
  return byId;
}

// git/tmux calls from the shim log: total and the subcommands, e.g. "22 (21 status, 1 worktree)".
const VALUE_FLAGS = {
  git: ['-C', '-c', '--git-dir', '--work-tree'],
  tmux: ['-L', '-S', '-f', '-T'],
};
function readCalls(id) {
  const file = join(RES, 'calls', `${id}.log`);
  if (!existsSync(file)) return null;
  const calls = { git: { n: 0, sub: new Map() }, tmux: { n: 0, sub: new Map() } };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const [tool, ...argv] = line.split('\t');
    const c = calls[tool];
    if (!c) continue;
    c.n++;
    let sub = argv.length ? argv[0] : '(none)'; // e.g. `tmux -V`
    for (let i = 0; i < argv.length; i++) {
      if (VALUE_FLAGS[tool].includes(argv[i])) i++;
      else if (!argv[i].startsWith('-')) {
        sub = argv[i].replace(/;$/, '');
        if (tool === 'tmux') {
          // `;` alone, or a command word ending in `;` (tmuxinator's `start-server;`), chains.
          const chained = argv.filter((a) => a === ';' || /^[a-z-]+;$/.test(a)).length;
          if (chained) sub += ` +${chained} chained`;
        }
        break;
      }
    }
    c.sub.set(sub, (c.sub.get(sub) ?? 0) + 1);
  }
  return calls;
}

function callText(c) {
  if (!c) return '–';
  if (c.n === 0) return '0';
  const parts = [...c.sub.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v} ${k}`);
  return c.n === 1 ? `1 (${parts[0].replace(/^1 /, '')})` : `${c.n} (${parts.join(', ')})`;
}

// What a --json row printed: "JSON array of 21", "JSON object", "not JSON".
function outputNote(id, label) {
  if (!/--json/.test(label)) return '';
  const file = join(RES, 'out', `${id}.stdout`);
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8').trim();
  if (text === '') return 'printed nothing';
  try {
    const v = JSON.parse(text);
    if (Array.isArray(v)) return `JSON array of ${v.length}`;
    const arrays = Object.entries(v ?? {}).filter(([, x]) => Array.isArray(x));
    return arrays.length
      ? `JSON object (${arrays.map(([k, x]) => `${k}: ${x.length}`).join(', ')})`
      : 'JSON object';
  } catch {
    const lines = text.split('\n');
    try {
      lines.forEach((l) => JSON.parse(l));
      return `NDJSON, ${lines.length} lines`;
    } catch {
      return 'stdout is not JSON';
    }
  }
}

// pots list must see the fixture's managed sessions (half of each server's): if it does not, the
// fixture's tags no longer match what pots writes, and the row measures an empty listing.
function expectNote(id) {
  const m = /^potslist\.pots(\d+)$/.exec(id);
  const file = join(RES, 'out', `${id}.stdout`);
  if (!m || !existsSync(file)) return '';
  const want = Number(m[1]) / 2;
  let got = null;
  try {
    const v = JSON.parse(readFileSync(file, 'utf8'));
    got = Array.isArray(v) ? v.length : null;
  } catch {
    /* reported by outputNote */
  }
  if (got === want) return `all ${want} tagged sessions listed`;
  return `⚠ expected the ${want} tagged sessions, got ${got ?? 'no array'}: bench/lib/fixtures.sh tags may no longer match pots's`;
}

// ---- formatting --------------------------------------------------------------------------------

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x) => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mark = (ok) => (ok === null ? 'n/a' : ok ? '✓' : '✗');

function unquote(cmd) {
  // hyperfine -N / shell-words splitting of the single-quoted command lines run.sh writes.
  const out = [];
  let cur = null;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i];
    if (ch === "'") {
      const end = cmd.indexOf("'", i + 1);
      cur = (cur ?? '') + cmd.slice(i + 1, end);
      i = end;
    } else if (ch === '\\') {
      cur = (cur ?? '') + cmd[++i];
    } else if (ch === ' ') {
      if (cur !== null) out.push(cur);
      cur = null;
    } else cur = (cur ?? '') + ch;
  }
  if (cur !== null) out.push(cur);
  return out;
}

function display(cmd) {
  const work = join(ROOT, 'bench/.work');
  const argv = unquote(cmd).map((a) =>
    a
      .replaceAll(join(work, 'peers/node_modules/.bin') + '/', '')
      .replaceAll(join(work, 'fixtures') + '/', 'fx/')
      .replaceAll(join(work, 'snapshot') + '/', '')
      .replaceAll(ROOT + '/', '')
      .replace(/^(=?)pb\d+-/, '$1$$'),
  );
  let s = argv.map((a) => (a === ';' ? '\\;' : /[\s'"]/.test(a) ? `'${a}'` : a)).join(' ');
  s = s
    .replace(/^node apps\/plum\/dist\/bin\.js/, 'plum')
    .replace(/^node apps\/pots\/dist\/bin\.js/, 'pots');
  return s;
}

function versionOf(cmd, argv) {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .trim()
      .split('\n')[0];
  } catch {
    return 'not installed';
  }
}

function pkgVersion(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

// ---- model -------------------------------------------------------------------------------------

const manifest = readManifest();
const timings = readTimings();

// The floor of a row: the bare script in bench/floors/ making the same calls (list20.plum →
// list20.floor, potslist.pots100 → potslist.floor100, create.pots → create.floor).
function floorId(id) {
  const m = /^(list20|list200|create)\.(plum|pots)$/.exec(id) ?? /^(potslist)\.pots(\d+)$/.exec(id);
  if (!m) return null;
  return m[1] === 'potslist' ? `potslist.floor${m[2]}` : `${m[1]}.floor`;
}

function info(id) {
  const row = manifest.get(id);
  if (!row) return null;
  const t = timings.get(id);
  // A row with NODE_EXTRA_CA_CERTS set is divided by `node -e 0` with it set.
  const base = timings.get(`${row.group}.node${id.endsWith('.ca') ? '.ca' : ''}`);
  const floor = floorId(id) ? timings.get(floorId(id)) : undefined;
  return {
    ...row,
    t,
    base,
    floor,
    ratio: t && base ? t.median / base.median : null,
    floorRatio: t && floor ? t.median / floor.median : null,
    calls: readCalls(id),
    ours: /apps\/(plum|pots)\/dist/.test(row.command),
  };
}

// A floor must print what its command prints: else it is not the same work.
function sameOutputNote(id) {
  const m = /^(list20|list200|create)\.floor$/.exec(id) ?? /^(potslist)\.floor(\d+)$/.exec(id);
  if (!m) return '';
  const cmd =
    m[1] === 'potslist' ? `potslist.pots${m[2]}` : `${m[1]}.${m[1] === 'create' ? 'pots' : 'plum'}`;
  const read = (x, ext) => {
    const f = join(RES, 'out', `${x}.${ext}`);
    return existsSync(f) ? readFileSync(f, 'utf8') : null;
  };
  const a = read(id, 'stdout');
  const b = read(cmd, 'stdout');
  if (a === null || b === null) return '';
  // Timestamps (created/activity of a session) may tick between the two probe runs.
  const norm = (x) => x.replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"T"');
  return norm(a) === norm(b)
    ? 'stdout identical to the command’s'
    : '⚠ stdout differs from the command’s';
}

function statusText(r) {
  if (!r) return 'not run in this mode';
  const why = (r.rc ? `exit ${r.rc}` : '') + (r.note ? `${r.rc ? ': ' : ''}${r.note}` : '');
  switch (r.status) {
    case 'timed':
      return null;
    case 'missing':
      return 'not installed';
    case 'unavailable':
      return `${r.ours ? 'not available yet' : 'failed on the probe run'} (${why})`;
    case 'failed':
      return `failed while timed (${r.note})`;
    default:
      return `not timed (${r.status})`;
  }
}

// ---- budgets (bench/BUDGET.md) -----------------------------------------------------------------

const checks = []; // { operation, criterion, measured, ok }

function checkFloor(operation, id, max) {
  const r = info(id);
  const ok = r?.floorRatio == null ? null : r.floorRatio <= max;
  checks.push({
    operation,
    criterion: `≤ ${max} × floor`,
    measured:
      r?.floorRatio == null
        ? (statusText(r) ?? 'n/a (no floor timed)')
        : `${ms(r.t.median)} ms vs floor ${ms(r.floor.median)} ms = ${ratio(r.floorRatio)}${
            r.floorRatio > max ? ` (${ms(r.t.median - max * r.floor.median)} ms over)` : ''
          }`,
    ok,
  });
  return ok;
}

function checkRatio(operation, id, max) {
  const r = info(id);
  const ok = r?.ratio == null ? null : r.ratio <= max;
  checks.push({
    operation,
    criterion: `≤ ${max} × \`node -e 0\``,
    measured:
      r?.ratio == null ? (statusText(r) ?? 'n/a') : `${ms(r.t.median)} ms = ${ratio(r.ratio)}`,
    ok,
  });
  return ok;
}

function checkFaster(operation, id, peerId, min) {
  // "≥ 2× faster" is stated in BUDGET.md as "≤ 0.5 × the peer".
  const r = info(id);
  const p = info(peerId);
  const name = p ? p.label.split(' ')[0] : peerId;
  let measured;
  let ok = null;
  if (!r?.t) measured = statusText(r) ?? 'n/a';
  else if (!p?.t) measured = `${name}: ${statusText(p) ?? 'n/a'}`;
  else {
    const x = p.t.median / r.t.median;
    ok = x >= min;
    measured = `${name} ${ms(p.t.median)} ms ÷ ${ms(r.t.median)} ms = ${ratio(x)}`;
  }
  checks.push({
    operation,
    criterion: `≤ ${(1 / min).toFixed(2).replace(/0$/, '')} × \`${p?.label ?? peerId}\` (≥ ${min}× faster)`,
    measured,
    ok,
  });
  return ok;
}

function checkCalls(operation, id, tool, op, n) {
  const r = info(id);
  const c = r?.status === 'timed' || r?.status === 'failed' ? r.calls?.[tool] : null;
  const ok = c ? (op === '=' ? c.n === n : c.n <= n) : null;
  checks.push({
    operation,
    criterion: `${op === '=' ? 'exactly' : '≤'} ${n} ${tool} process${n === 1 ? '' : 'es'}`,
    measured: c ? callText(c) : (statusText(r) ?? 'n/a'),
    ok,
  });
  return ok;
}

function overall(list) {
  if (list.some((x) => x === false)) return false;
  if (list.every((x) => x === null)) return null;
  return list.every((x) => x === true) ? true : 'partly';
}

const rowBudget = new Map(); // id → { text, ok }
function budget(id, text, oks) {
  rowBudget.set(id, { text, ok: overall(oks) });
}

const OP = {
  plumVersion: '`plum --version`',
  potsVersion: '`pots --version`',
  plumPath: '`plum path x`',
  plumList: '`plum list --json`, 20 worktrees with status',
  potsList: '`pots list --json`, 100 sessions, 50 worktrees',
  potsCreate: '`pots create --template`, 3 windows × 2 panes',
  growth: 'growth: `pots list` at 500 sessions vs 10',
  plumGrowth: 'growth: `plum list` per extra worktree (20 → 200)',
  latency: 'live output latency (`pots logs -f`)',
};

budget('startup.plum-version', '≤ 1.25× `node -e 0`', [
  checkRatio(OP.plumVersion, 'startup.plum-version', 1.25),
]);
budget('startup.pots-version', '≤ 1.25× `node -e 0`', [
  checkRatio(OP.potsVersion, 'startup.pots-version', 1.25),
]);
budget('startup.plum-path', '≤ 1.25× `node -e 0`', [
  checkRatio(OP.plumPath, 'startup.plum-path', 1.25),
]);
budget('list20.plum', '≤ 1.2× floor; ≥ 5× faster than branchlet', [
  checkFloor(OP.plumList, 'list20.plum', 1.2),
  checkFaster(OP.plumList, 'list20.plum', 'list20.branchlet', 5),
]);
budget('potslist.pots100', '≤ 1.2× floor; 1 tmux; ≤ 2 git', [
  checkFloor(OP.potsList, 'potslist.pots100', 1.2),
  checkCalls(OP.potsList, 'potslist.pots100', 'tmux', '=', 1),
  checkCalls(OP.potsList, 'potslist.pots100', 'git', '≤', 2),
]);
budget('create.pots', '≤ 1.2× floor; ≤ 0.5× tmuxp and tmuxinator; ≤ 2 tmux', [
  checkFloor(OP.potsCreate, 'create.pots', 1.2),
  checkFaster(OP.potsCreate, 'create.pots', 'create.tmuxp', 2),
  checkFaster(OP.potsCreate, 'create.pots', 'create.tmuxinator', 2),
  checkCalls(OP.potsCreate, 'create.pots', 'tmux', '≤', 2),
]);

// Growth: plum list's cost per extra worktree (20 → 200) against its floor's.
{
  const a = info('list20.plum');
  const b = info('list200.plum');
  let measured;
  let ok = null;
  if (quick) measured = 'n/a: the 200-worktree repo is skipped in quick mode';
  else if (!a?.floor || !b?.floor) measured = 'n/a: a row or its floor was not timed';
  else {
    const per = (b.t.median - a.t.median) / 180;
    const floorPer = (b.floor.median - a.floor.median) / 180;
    ok = per <= 1.2 * floorPer;
    measured = `${ms(per)} ms vs floor ${ms(floorPer)} ms per worktree = ${ratio(per / floorPer)}`;
  }
  checks.push({
    operation: OP.plumGrowth,
    criterion: '≤ 1.2 × the floor’s per-worktree cost',
    measured,
    ok,
  });
  budget('list200.plum', '≤ 1.2× the floor’s cost per worktree', [ok]);
}

// Growth: pots list at 500 sessions ÷ at 10.
{
  const a = info('potslist.pots10');
  const b = info('potslist.pots500');
  let measured;
  let ok = null;
  if (quick) measured = 'n/a: the 500-session server is skipped in quick mode';
  else if (!a?.t || !b?.t) measured = statusText(a?.t ? b : a) ?? 'n/a';
  else {
    const x = b.t.median / a.t.median;
    ok = x <= 1.3;
    measured = `${ms(b.t.median)} ms ÷ ${ms(a.t.median)} ms = ${ratio(x)}`;
  }
  checks.push({ operation: OP.growth, criterion: '≤ 1.3×', measured, ok });
  budget('potslist.pots500', '≤ 1.3 × the 10-session time', [ok]);
}

// Latency.
const latency = existsSync(join(RES, 'latency.json'))
  ? JSON.parse(readFileSync(join(RES, 'latency.json'), 'utf8'))
  : null;
{
  const p = latency?.pots;
  const ok = p?.status === 'ok';
  const why = p
    ? `${p.status === 'unavailable' ? 'not available yet' : p.status} (${p.note ?? ''})`
    : 'not run';
  checks.push({
    operation: OP.latency,
    criterion: 'p50 ≤ 20 ms',
    measured: ok ? `${ms(p.p50)} ms` : why,
    ok: ok ? p.p50 <= 20 : null,
  });
  checks.push({
    operation: OP.latency,
    criterion: 'p95 ≤ 50 ms',
    measured: ok ? `${ms(p.p95)} ms` : why,
    ok: ok ? p.p95 <= 50 : null,
  });
}

// ---- tables ------------------------------------------------------------------------------------

function table(ids, { peer = null, growthBase = null } = {}) {
  const head = [
    'command',
    'median ms',
    'min–max ms',
    'runs',
    '× `node -e 0`',
    '× floor',
    ...(growthBase ? ['× 10 sessions'] : []),
    'vs peer',
    'git calls',
    'tmux calls',
    'budget',
    'met',
    'notes',
  ];
  const right = new Set([
    'median ms',
    'min–max ms',
    'runs',
    '× `node -e 0`',
    '× floor',
    '× 10 sessions',
  ]);
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((h) => (right.has(h) ? '---:' : '---')).join('|')}|`,
  ];
  for (const id of ids) {
    const r = info(id);
    if (!r) continue;
    const s = statusText(r);
    const b = rowBudget.get(id);
    const p = peer && peer !== id ? info(peer) : null;
    let vsPeer = '–';
    if (b && p) {
      const name = p.label.split(' ')[0];
      vsPeer = p.t && r.t ? `${name} ÷ this = ${ratio(p.t.median / r.t.median)}` : `${name}: n/a`;
    }
    let grow = [];
    if (growthBase) {
      const g = info(growthBase(id));
      grow = [g?.t && r.t && !id.endsWith('.node') ? ratio(r.t.median / g.t.median) : '–'];
    }
    const note = [
      outputNote(id, r.label),
      expectNote(id),
      sameOutputNote(id),
      r.status === 'timed' ? r.note : '',
    ]
      .filter(Boolean)
      .join('; ');
    const cells = s
      ? [
          `\`${esc(r.label)}\``,
          esc(s),
          '',
          '',
          '',
          '',
          ...grow.map(() => ''),
          '',
          '',
          '',
          b?.text ?? '',
          b ? 'n/a' : '',
          '',
        ]
      : [
          `\`${esc(r.label)}\``,
          `**${ms(r.t.median)}**`,
          `${ms(r.t.min)}–${ms(r.t.max)}`,
          String(r.t.runs),
          id.endsWith('.node') ? '1' : r.ratio == null ? '–' : ratio(r.ratio),
          r.floorRatio == null ? '–' : `**${ratio(r.floorRatio)}**`,
          ...grow,
          vsPeer,
          esc(callText(r.calls?.git)),
          esc(callText(r.calls?.tmux)),
          b?.text ?? '',
          b ? (b.ok === 'partly' ? '✓ (part n/a)' : mark(b.ok)) : '',
          esc(note),
        ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const warnings = [...new Set(ids.map((id) => manifest.get(id)?.group))]
    .map((g) => groupNotes.get(g))
    .filter(Boolean)
    .map((n) => `> ⚠ ${esc(n)}: these numbers may be wrong; run again.`);
  return [lines.join('\n'), ...warnings].join('\n\n');
}

const groupNotes = new Map(
  existsSync(join(RES, 'groups.tsv'))
    ? readFileSync(join(RES, 'groups.tsv'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t'))
    : [],
);
const groupIds = (g) => [...manifest.values()].filter((r) => r.group === g).map((r) => r.id);

// ---- machine -----------------------------------------------------------------------------------

function osName() {
  try {
    return (
      readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1] ?? os.type()
    );
  } catch {
    return os.type();
  }
}
const peersDir = join(ROOT, 'bench/.work/peers/node_modules');
let head = 'n/a';
try {
  head = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], {
    encoding: 'utf8',
  }).trim();
  const dirty = execFileSync(
    'git',
    ['-C', ROOT, 'status', '--porcelain', '--', 'apps', 'packages'],
    {
      encoding: 'utf8',
    },
  ).trim();
  if (dirty) head += ' + uncommitted changes in apps/ or packages/';
} catch {
  /* not a git checkout */
}
const elapsed = Number(args.elapsed ?? 0);
const machine = [
  ['date (UTC)', args.started ?? new Date().toISOString()],
  [
    'mode',
    quick
      ? 'quick (`BENCH_QUICK=1`: `--warmup 1 --min-runs 3 --max-runs 10`, no 200/500 fixtures)'
      : 'full (`--warmup 3 --min-runs 10`)',
  ],
  ['harness run time', `${Math.floor(elapsed / 60)} min ${elapsed % 60} s`],
  ['commit', head],
  ['OS', osName()],
  [
    'CPU',
    `${os.availableParallelism?.() ?? os.cpus().length} × ${os.cpus()[0]?.model ?? '?'} (nproc)`,
  ],
  [
    'load average (1/5/15 min) at start → end (before the dashboard step, which loads the machine itself)',
    `${args['load-start'] ?? 'n/a'} → ${
      args['load-end'] ??
      os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')
    }`,
  ],
  ['node', process.version],
  [
    'baseline',
    '`NODE_EXTRA_CA_CERTS` unset (as users run Node); rows marked “(NODE_EXTRA_CA_CERTS set)” put it back',
  ],
  ['git', versionOf('git', ['--version'])],
  ['tmux', versionOf('tmux', ['-V'])],
  ['hyperfine', versionOf('hyperfine', ['--version'])],
  ['tmuxp', versionOf('tmuxp', ['--version'])],
  ['tmuxinator', versionOf('tmuxinator', ['version'])],
  ['@ntindle/branchlet', pkgVersion(join(peersDir, '@ntindle/branchlet/package.json'))],
  ['@tokenbooks/wt', pkgVersion(join(peersDir, '@tokenbooks/wt/package.json'))],
  ['@humanu/orchestra', pkgVersion(join(peersDir, '@humanu/orchestra/package.json'))],
  [
    'plum / pots',
    `${pkgVersion(join(ROOT, 'apps/plum/package.json'))} / ${pkgVersion(join(ROOT, 'apps/pots/package.json'))} ${args.snapshot === '1' ? '(a copy of `apps/*/dist` taken at the start of the run)' : '(`apps/*/dist` in place)'}`,
  ],
];

// ---- document ----------------------------------------------------------------------------------

const md = [];
md.push('# Benchmark results');
md.push('');
md.push(
  'Written by `bench/run.sh` (`bench/lib/report.mjs`); do not edit by hand. Budgets: [`BUDGET.md`](BUDGET.md). ' +
    'Every number is a hyperfine median (`-N`, no shell) in ms. Each table is **one hyperfine invocation** that ran ' +
    '`node -e 0` and the **floor** next to the commands. A floor (`bench/floors/*.mjs`) is a minimal Node script that ' +
    'makes the same git/tmux calls as the command, as concurrently as they can be made, and prints the same output: ' +
    'no Node program doing that work can beat it by more than noise, so "× floor" is what the budgets use ' +
    '(`--version` has no calls: its floor is `node -e 0`). `NODE_EXTRA_CA_CERTS` is unset for every row but those ' +
    'marked as having it, which are divided by `node -e 0` with it set. "vs peer" is the peer’s ' +
    'median ÷ this one (above 1 = faster than the peer). git/tmux calls were counted once per command through ' +
    'logging `git`/`tmux` wrappers placed first on `PATH`. Every tmux server was private (own `TMUX_TMPDIR`, own `-L`).',
);
md.push('');
md.push('## Machine');
md.push('');
md.push('| | |');
md.push('|---|---|');
for (const [k, v] of machine) md.push(`| ${k} | ${esc(v)} |`);
md.push('');
{
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const limit = Number(args['load-limit'] ?? 1.5);
  const loads = [args['load-start'], args['load-end']].map((x) =>
    Number((x ?? 'NaN').split(' ')[0]),
  );
  const max = Math.max(...loads.filter((x) => !Number.isNaN(x)));
  if (max > limit) {
    md.push(
      `> ## ⚠ MEASURED UNDER LOAD: 1-minute load average ${loads.map((x) => x.toFixed(2)).join(' → ')} (limit ${limit}, ${cores} cores)`,
    );
    md.push('>');
    md.push(
      '> Other work competed for the CPU: every number is inflated and noisy, and the ratios (taken side by side ' +
        'in one hyperfine run) are only indicative. This file was written because `BENCH_ALLOW_LOAD=1` was set; ' +
        'run `pnpm bench` again on a quiet machine for numbers to quote.',
    );
    md.push('');
  }
}
md.push('## Budget summary');
md.push('');
md.push('| operation | criterion | measured | met |');
md.push('|---|---|---|---|');
for (const c of checks)
  md.push(`| ${c.operation} | ${c.criterion} | ${esc(c.measured)} | ${mark(c.ok)} |`);
md.push('');

md.push(
  '## 1. Start-up: `plum --version`, `pots --version`, `plum path x` (budget ≤ 1.25 × `node -e 0`)',
);
md.push('');
md.push(
  'In the 20-worktree repo. The git and tmux rows are the floors; wt (commander, Node), tmuxp (Python) and tmuxinator (Ruby) are the peers’ start-up for comparison.',
);
md.push('');
md.push(table(groupIds('startup'), { peer: 'startup.wt-version' }));
md.push('');

md.push(
  '## 2. `plum list --json`, 20 worktrees with status (budget ≤ 1.2 × floor and ≥ 5× faster than `branchlet list --json`)',
);
md.push('');
md.push(
  'Repo: main + 20 worktrees (6 commits, ~45 files; every 4th worktree dirty, every 5th with an untracked file, every 6th ahead of its upstream, every 3rd tracking main). The peers run in the same repo. `wt list --json` lists only wt’s own allocations, so it does less work.',
);
md.push('');
md.push(table(groupIds('list20'), { peer: 'list20.branchlet' }));
md.push('');
if (groupIds('list200').length) {
  md.push('### The same at 200 worktrees (budget: cost per extra worktree ≤ 1.2 × the floor’s)');
  md.push('');
  md.push(table(groupIds('list200')));
  md.push('');
  const a = info('list20.plum');
  const b = info('list200.plum');
  if (a?.t && b?.t) {
    md.push(
      `\`plum list --json\` at 200 worktrees takes ${ratio(b.t.median / a.t.median)} its time at 20 (${ms(b.t.median)} vs ${ms(a.t.median)} ms).`,
    );
    md.push('');
  }
} else {
  md.push('_The 200-worktree rows are skipped in quick mode._');
  md.push('');
}

const potsIds = groupIds('potslist');
md.push(
  '## 3. `pots list --json`, 100 sessions, 50 worktrees (budget ≤ 1.2 × floor; exactly 1 tmux and ≤ 2 git processes)',
);
md.push('');
md.push(
  'Private servers with 10, 100 and 500 idle sessions (default shell, no command); every other session is tagged as pots-managed (`@pots-worktree` = a real worktree of the 50-worktree repo, `@pots-project`, `@pots-task`, `@pots-repo` = its git common dir, `@pots-unit` = session, as pots itself tags a session), the rest are named `other-N`. pots selects the server with `-L`. No peer lists live sessions as JSON, so "vs peer" is n/a; the floor makes the same `git worktree list` and `list-sessions` calls at once and prints the same JSON.',
);
md.push('');
md.push(table(potsIds.filter((id) => /(100|100\.ca|node|node\.ca)$/.test(id))));
md.push('');

md.push(
  '## 4. `pots create --template`, 1 session × 3 windows × 2 panes (budget ≤ 1.2 × floor; ≤ 0.5 × `tmuxp load -d` and `tmuxinator start`; ≤ 2 tmux processes)',
);
md.push('');
md.push(
  'The same layout four ways (every window `main-vertical`, every pane the default shell, cwd = one worktree), on a private server that keeps one `keep` session. The floor finds the worktree with `git worktree list` and sends the one chained `new-session` pots sends. Each timed run is preceded (`--prepare`, untimed) by killing every other session there; the notes say what the probe run left behind.',
);
md.push('');
md.push(table(groupIds('create'), { peer: 'create.tmuxp' }));
md.push('');
md.push('### 4b. The same layout with commands typed into each pane (no budget; measured)');
md.push('');
md.push(
  'Every pane gets two commands typed into its shell (`export`/`cd`, then `echo`), from one tmuxp file that pots reads itself and a tmuxinator file of the same shape. pots waits until each shell has drawn its prompt (polling every pane with one `list-panes`), then types; tmuxp and tmuxinator type as soon as each pane exists.',
);
md.push('');
md.push(table(groupIds('createcmd'), { peer: 'createcmd.tmuxp' }));
md.push('');

md.push('## 5. Growth: `pots list` at 500 sessions vs 10 (budget ≤ 1.3×)');
md.push('');
if (quick) {
  md.push('_Quick mode skips the 500-session server; the 10- and 100-session rows are below._');
  md.push('');
}
md.push(
  table(potsIds, {
    growthBase: (id) => (id.endsWith('.node') ? id : id.replace(/\d+$/, '10')),
  }),
);
md.push('');

md.push(
  '## 6. Live output latency: `pots logs <pane> --follow --json` (budget p50 ≤ 20 ms, p95 ≤ 50 ms)',
);
md.push('');
md.push(
  '`bench/latency.mjs`: a pane prints `BENCHLAT <seq> <date +%s%N>` lines at a fixed interval; the receive time of each line on the follower’s stdout minus the timestamp inside the line is its latency. The floor is the same measurement through a tmux control-mode client (`tmux -C`, `%output` events): the best any tmux-based follower can do.',
);
md.push('');
md.push('| follower | lines | received | p50 ms | p95 ms | min–max ms | budget | met | notes |');
md.push('|---|---:|---:|---:|---:|---:|---|---|---|');
for (const [name, r, isPots] of [
  ['`tmux -C` control mode (floor)', latency?.floor, false],
  ['`pots logs --follow --json`', latency?.pots, true],
]) {
  const b = isPots ? 'p50 ≤ 20, p95 ≤ 50' : '';
  if (r?.status === 'ok') {
    const ok = isPots ? mark(r.p50 <= 20 && r.p95 <= 50) : '';
    md.push(
      `| ${name} | ${r.sent} | ${r.received} | **${ms(r.p50)}** | ${ms(r.p95)} | ${ms(r.min)}–${ms(r.max)} | ${b} | ${ok} | ${esc(r.note ?? '')} |`,
    );
  } else {
    const why = r
      ? `${isPots && r.status === 'unavailable' ? 'not available yet' : r.status}${r.rc != null ? ` (exit ${r.rc})` : ''}: ${r.note ?? ''}`
      : 'not run';
    md.push(`| ${name} | ${esc(why)} | | | | | ${b} | ${isPots ? 'n/a' : ''} | |`);
  }
}
md.push('');

if (groupIds('copydirs').length) {
  md.push('## 7. A worktree ready to work in: `worktrees.copy` directories (no budget)');
  md.push('');
  md.push(
    'A project with this repository’s manifests and lockfile, installed from the local pnpm store. ' +
      '`node_modules/` in `worktrees.copy` makes `plum create` clone it copy-on-write where the filesystem can ' +
      '(btrfs, XFS, APFS: metadata only, milliseconds); where it cannot (this machine’s ext4) it falls back to ' +
      '`worktrees.copyFallback`: `copy` is the `cp` row, `skip` leaves it to a postCreate hook such as the `pnpm install` row. ' +
      'Each run starts without `new/node_modules` (`--prepare`, untimed). The page cache is warm for both.',
  );
  md.push('');
  md.push(table(groupIds('copydirs').filter((id) => !/\.node\.ca$/.test(id))));
  md.push('');
  const install = info('copydirs.install');
  const copy = info('copydirs.copy');
  if (install?.t && copy?.t) {
    md.push(
      `The fallback copy takes ${ratio(copy.t.median / install.t.median)} the time of \`pnpm install --offline\` (${ms(copy.t.median)} vs ${ms(install.t.median)} ms).`,
    );
    md.push('');
  }
}

md.push('## 8. `pots mcp`: one tool call’s round trip (no budget)');
md.push('');
md.push(
  '`bench/mcp.mjs`: the MCP SDK’s own client starts the built `pots mcp` on a scratch repository and a private tmux server, spawns a pane, and times each `tools/call` from request to response, after untimed warm-up calls. For scale: the same question asked the CLI way, one `pots ps --json` process per question.',
);
md.push('');
const mcp = existsSync(join(RES, 'mcp.json'))
  ? JSON.parse(readFileSync(join(RES, 'mcp.json'), 'utf8'))
  : null;
if (mcp) {
  md.push('| call | n | p50 ms | p95 ms | min–max ms |');
  md.push('|---|---:|---:|---:|---:|');
  for (const [name, r] of [
    ['`agent_state` (MCP)', mcp.agent_state],
    ['`units_list` (MCP)', mcp.units_list],
    ['`pots ps --json` (a process each)', mcp.pots_ps_cli],
  ]) {
    md.push(`| ${name} | ${r.n} | **${ms(r.p50)}** | ${ms(r.p95)} | ${ms(r.min)}–${ms(r.max)} |`);
  }
  md.push('');
  md.push(`Command: \`${esc(mcp.command)}\``);
} else {
  md.push('Not run (see the run’s log).');
}
md.push('');

md.push('## 9. Agent supervision at 50 agent panes (no budget)');
md.push('');
md.push(
  '`bench/supervision.sh`: a private server with 50 panes tagged as claude agents. “pots report (hook → state listed)” is what a hook costs end to end: `pots report` writes the state, then one `list-panes -a` (what every `pots ps` reads) shows it. Each row beside `node -e 0` in the same hyperfine run.',
);
md.push('');
const supervision = join(RES, 'supervision.md');
md.push(
  existsSync(supervision)
    ? readFileSync(supervision, 'utf8').trim()
    : 'Not run (see the run’s log, `supervision.log`).',
);
md.push('');
md.push('Command: `bash bench/supervision.sh`');
md.push('');

md.push('## 10. `pots dash` with 20 agents (budget: idle CPU ≤ 1% of one core)');
md.push('');
const dash = existsSync(join(RES, 'dash.json'))
  ? JSON.parse(readFileSync(join(RES, 'dash.json'), 'utf8'))
  : null;
if (dash) {
  const lat = dash.stateLatencyMs;
  md.push('| measure | value |');
  md.push('|---|---:|');
  md.push(`| start-up to first frame | ${ms(dash.firstFrameMs)} ms |`);
  md.push(
    lat
      ? `| state change → on screen, p50 / p95 (n = ${lat.n}) | ${ms(lat.p50)} / ${ms(lat.p95)} ms |`
      : `| state change → on screen | ${esc(dash.stateChange)} |`,
  );
  md.push(
    `| idle CPU, ${dash.agents} quiet agents | ${dash.idleCpuPercentOfOneCore}% of one core ${dash.idleCpuPercentOfOneCore <= 1 ? '✓' : '✗'} |`,
  );
  md.push(
    `| peak memory (VmHWM), ${dash.agents} agents printing | ${dash.printing.peakMemoryMB} MB |`,
  );
  md.push(
    `| RSS, first → last third of the printing run | ${dash.printing.rssFirstThirdMB} → ${dash.printing.rssLastThirdMB} MB |`,
  );
  md.push('');
  md.push(
    'The latency floor is tmux itself: it checks control-mode subscriptions once a second. Command: `node bench/dash.mjs --agents 20 --changes 100 --idle 30 --load 20`',
  );
} else {
  md.push('Not run (see the run’s log, `dash.log`).');
}
md.push('');

const notRun = [...manifest.values()].filter((r) => r.status !== 'timed');
md.push('## Rows that were not timed');
md.push('');
if (notRun.length === 0) md.push('None.');
else {
  md.push('| row | command | why |');
  md.push('|---|---|---|');
  for (const r of notRun)
    md.push(`| ${r.id} | \`${esc(display(r.command))}\` | ${esc(statusText(info(r.id)))} |`);
}
md.push('');

md.push('## Exact commands');
md.push('');
md.push(
  'Paths shortened: `fx/` = `bench/.work/fixtures/`, `$s100` etc. = this run’s private socket names, peers from `bench/.work/peers/node_modules/.bin`, `plum`/`pots` = `node apps/{plum,pots}/dist/bin.js` (run from a byte-identical copy in `bench/.work/snapshot/` unless `BENCH_SNAPSHOT=0`). cwd: the group’s repo (`fx/repo20`, `fx/repo200`, `fx/repo50`, `fx/repo20.worktrees/wt-001` for create).',
);
md.push('');
md.push('| row | command | prepare |');
md.push('|---|---|---|');
for (const r of manifest.values()) {
  md.push(
    `| ${r.id} | \`${esc(display(r.command))}\` | ${r.prepare ? `\`${esc(display(r.prepare))}\`` : ''} |`,
  );
}
md.push('');

writeFileSync(args.out, md.join('\n'));
console.log(`report: ${args.out}`);
