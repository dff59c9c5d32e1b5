#!/usr/bin/env node
// Floor for `pots list --json -L SOCKET`: the same two calls (`git worktree list --porcelain -z`
// and tmux `list-sessions` with pots's format), started together, and the same JSON.
//   node bench/floors/pots-list.mjs -L SOCKET
import { spawn } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';

const run = (cmd, args, cwd, okCodes = [0]) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      okCodes.includes(code)
        ? resolve(Buffer.concat(chunks).toString())
        : reject(new Error(`${cmd}: ${code}`)),
    );
  });

const socket = process.argv[process.argv.indexOf('-L') + 1];
const vars = [
  'session_id',
  'session_name',
  'session_path',
  'session_attached',
  'session_windows',
  'session_created',
  'session_activity',
  '@pots-worktree',
  '@pots-project',
  '@pots-task',
  '@pots-repo',
  '@pots-unit',
];
const format = `${vars.map((v) => `#{${v}}`).join('\x1f')}\x1f\x1e`;
const cwd = process.cwd();
const [listing, sessions] = await Promise.all([
  run('git', ['worktree', 'list', '--porcelain', '-z'], cwd),
  run('tmux', ['-u', '-L', socket, 'list-sessions', '-F', format], cwd, [0, 1]),
]);

const real = (p) => {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
};
const paths = [];
let prunable = false,
  bare = false,
  path = null;
for (const field of listing.split('\0')) {
  if (field === '') {
    if (path !== null && !prunable && !bare) paths.push(real(path) ?? path);
    ((path = null), (prunable = false), (bare = false));
  } else if (field.startsWith('worktree ')) path = field.slice(9);
  else if (field.startsWith('prunable')) prunable = true;
  else if (field === 'bare') bare = true;
}
const live = new Set(paths);
// The repository's common dir, as pots records it in @pots-repo.
const commonDir = `${paths[0]}/.git`;
const isDir = (p) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const units = [];
const end = '\x1f\x1e\n';
for (const chunk of sessions === '' ? [] : sessions.slice(0, -end.length).split(end)) {
  const [id, name, spath, attached, windows, created, activity, wt, project, task, repo, unit] =
    chunk.split('\x1f');
  if (unit !== 'session' || !wt) continue;
  units.push({
    name,
    id,
    project: project || null,
    worktree: basename(wt),
    task: task || null,
    path: wt,
    attached: Number(attached) > 0,
    windows: Number(windows),
    created: new Date(Number(created) * 1000).toISOString(),
    activity: new Date(Number(activity) * 1000).toISOString(),
    orphan: !isDir(wt) || (repo === commonDir && !live.has(wt)),
    managed: true,
    mode: 'session',
    session: name,
    sessionId: id,
    repo: repo || null,
  });
}
units.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
process.stdout.write(`${JSON.stringify(units, null, 2)}\n`);
