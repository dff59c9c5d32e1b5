#!/usr/bin/env node
// The round trip of one `pots mcp` tool call: the SDK's own client starts the built `pots mcp` on a
// scratch repository and a private tmux server, spawns a pane, then times --calls calls of
// agent_state (and of units_list, which asks tmux only) after --warmup untimed ones. For scale, the
// same question asked the CLI way — one `pots ps --json` process per question — is timed too.
// Writes --out (JSON) and prints a summary. Never talks to any tmux server but its own.
// usage: node bench/mcp.mjs [--pots apps/pots/bin/pots.cjs] [--calls 200] [--warmup 20] [--cli 20]
//          [--out FILE]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const opts = {
  pots: join(here, '../apps/pots/bin/pots.cjs'),
  calls: '200',
  warmup: '20',
  cli: '20',
};
for (let i = 2; i < process.argv.length; i += 2)
  opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const POTS = resolve(opts.pots);

// The client package is a dev dependency of pots: resolve it from there.
const fromPots = createRequire(join(here, '../apps/pots/package.json'));
const load = (name) => import(pathToFileURL(fromPots.resolve(name)).href);
const { Client } = await load('@modelcontextprotocol/client');
const { StdioClientTransport } = await load('@modelcontextprotocol/client/stdio');

const root = mkdtempSync(join(tmpdir(), 'plumbench-mcp-'));
const repo = join(root, 'repo');
const socketDir = join(root, 'tmux');
mkdirSync(repo);
mkdirSync(socketDir, { mode: 0o700 });
const socket = `plumbench-mcp-${process.pid}`;
const env = {
  PATH: process.env.PATH ?? '',
  HOME: join(root, 'home'),
  XDG_STATE_HOME: join(root, 'state'),
  XDG_CONFIG_HOME: join(root, 'config'),
  TMUX_TMPDIR: socketDir,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: join(root, 'gitconfig'),
  LANG: 'C.UTF-8',
  NO_COLOR: '1',
};
mkdirSync(env.HOME);
writeFileSync(env.GIT_CONFIG_GLOBAL, '[user]\n\tname = bench\n\temail = bench@plumpots.invalid\n');
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'ignore' });
git('init', '-q', '-b', 'main');
git('commit', '-q', '--allow-empty', '-m', 'initial');

const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1] };
};
const round = (o) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 100) / 100]));

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [POTS, 'mcp', '-L', socket],
  cwd: repo,
  env,
  stderr: 'ignore',
});
const client = new Client({ name: 'plumbench', version: '0.0.0' });
let result;
try {
  await client.connect(transport, { timeout: 60_000 });
  const call = async (name, args) => {
    const r = await client.callTool({ name, arguments: args });
    if (r.isError) throw new Error(`${name}: ${JSON.stringify(r.content)}`);
    return r.structuredContent;
  };
  const pane = await call('agent_spawn', { command: ['sh', '-c', 'echo ready; exec sleep 3600'] });
  const time = async (name, args) => {
    for (let i = 0; i < Number(opts.warmup); i++) await call(name, args);
    const ms = [];
    for (let i = 0; i < Number(opts.calls); i++) {
      const t = performance.now();
      await call(name, args);
      ms.push(performance.now() - t);
    }
    return round(stats(ms));
  };
  const agentState = await time('agent_state', { target: pane.id });
  const unitsList = await time('units_list', {});
  const cliMs = [];
  for (let i = 0; i < Number(opts.cli); i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [POTS, 'ps', '--json', '-L', socket], { cwd: repo, env });
    if (r.status !== 0) throw new Error(`pots ps: ${r.stderr}`);
    cliMs.push(performance.now() - t);
  }
  result = {
    when: new Date().toISOString(),
    node: process.version,
    agent_state: agentState,
    units_list: unitsList,
    pots_ps_cli: round(stats(cliMs)),
    command: `node bench/mcp.mjs --calls ${opts.calls} --warmup ${opts.warmup} --cli ${opts.cli}`,
  };
} finally {
  await client.close().catch(() => undefined);
  spawnSync('tmux', ['-L', socket, 'kill-server'], { env, stdio: 'ignore' });
  rmSync(root, { recursive: true, force: true });
}
if (opts.out) writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
const row = (label, s) =>
  `${label.padEnd(34)} p50 ${s.p50} ms  p95 ${s.p95} ms  (min ${s.min}, max ${s.max}, n ${s.n})`;
console.log(row('agent_state (MCP round trip)', result.agent_state));
console.log(row('units_list (MCP round trip)', result.units_list));
console.log(row('pots ps --json (a process each)', result.pots_ps_cli));
