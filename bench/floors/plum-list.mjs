#!/usr/bin/env node
// Floor for `plum list --json`: the same git calls (one `git worktree list --porcelain -z`, then
// one `git status` per worktree, all at once) and the same JSON, with nothing else. No Node
// program that makes these calls can be faster by more than noise: plum's budget is a ratio to it.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';

const run = (args, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(chunks).toString())
        : reject(new Error(`git ${args[0]}: ${code}`)),
    );
  });

const cwd = realpathSync(process.cwd());
const records = [];
let cur = null;
for (const field of (await run(['worktree', 'list', '--porcelain', '-z'], cwd)).split('\0')) {
  if (field === '') {
    if (cur) records.push(cur);
    cur = null;
    continue;
  }
  const [key, ...rest] = field.split(' ');
  const value = rest.join(' ');
  if (key === 'worktree')
    cur = {
      path: value,
      branch: null,
      head: null,
      bare: false,
      detached: false,
      locked: false,
      lockReason: null,
      prunable: false,
    };
  else if (key === 'HEAD') cur.head = value;
  else if (key === 'branch') cur.branch = value.replace(/^refs\/heads\//, '');
  else if (key === 'bare') cur.bare = true;
  else if (key === 'detached') cur.detached = true;
  else if (key === 'locked') Object.assign(cur, { locked: true, lockReason: value || null });
  else if (key === 'prunable') cur.prunable = true;
}

const real = (p) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};
const rows = records
  .filter((r) => !r.bare)
  .map((r, i) => {
    const path = real(r.path);
    return {
      name: basename(path),
      path,
      branch: r.branch,
      head: r.head,
      isMain: i === 0 && !records[0].bare,
      isCurrent: path === cwd,
      detached: r.detached,
      locked: r.locked,
      lockReason: r.lockReason,
      prunable: r.prunable,
      dirty: null,
      untracked: null,
      ahead: null,
      behind: null,
      upstream: null,
    };
  });
const [first, ...rest] = rows;
rest.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
const out = first ? [first, ...rest] : [];

await Promise.all(
  out.map(async (w) => {
    if (w.prunable) return;
    const args = [
      'status',
      '--porcelain=v2',
      '-z',
      '--branch',
      '--untracked-files=normal',
      '--ignore-submodules=none',
    ];
    const fields = (await run(args, w.path)).split('\0');
    let dirty = false,
      untracked = 0,
      ahead = null,
      behind = null,
      upstream = null;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const t = f.slice(0, 2);
      if (t === '? ') untracked++;
      else if (t === '1 ' || t === 'u ') dirty = true;
      else if (t === '2 ') ((dirty = true), i++);
      else if (f.startsWith('# branch.upstream ')) upstream = f.slice(18);
      else if (f.startsWith('# branch.ab ')) {
        const [a, b] = f.slice(12).split(' ');
        ahead = Number(a.slice(1));
        behind = Number(b.slice(1));
      }
    }
    Object.assign(w, { dirty, untracked, ahead, behind, upstream });
  }),
);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
