#!/usr/bin/env node
// Floor for `pots create WORKTREE --template bench -L SOCKET` (the bench's 3 windows × 2 panes,
// every window main-vertical): the same calls — `git worktree list --porcelain -z` to find the
// worktree, then ONE chained tmux `new-session` that makes and tags the layout, the same argv pots
// sends — and the same output (the session name on stdout, a line on stderr).
//   node bench/floors/pots-create.mjs WORKTREE -L SOCKET
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';

const run = (cmd, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(chunks).toString()) : reject(new Error(`${cmd}: ${code}`)),
    );
  });

const [query] = process.argv.slice(2);
const socket = process.argv[process.argv.indexOf('-L') + 1];
const paths = [];
for (const field of (await run('git', ['worktree', 'list', '--porcelain', '-z'])).split('\0')) {
  if (field.startsWith('worktree ')) paths.push(realpathSync(field.slice(9)));
}
const path = paths.find((p) => basename(p) === query);
if (!path) throw new Error(`no worktree ${query}`);
const project = basename(paths[0]);
const name = `${project}-${query}-dev`;
const t = `=${name}:`;
const end = `=${name}:{end}`;
const ids = ['-P', '-F', '#{session_id}\x1f#{window_id}\x1f#{pane_id}'];
const argv = ['-u', '-L', socket, 'new-session', '-d', ...ids, '-s', name, '-c', path, '-n', 'w1'];
for (const [key, value] of [
  ['@pots-worktree', path],
  ['@pots-project', project],
  ['@pots-task', 'dev'],
  ['@pots-repo', `${paths[0]}/.git`],
  ['@pots-unit', 'session'],
]) {
  argv.push(';', 'set-option', '-t', t, key, value);
}
for (const w of ['w1', 'w2', 'w3']) {
  if (w !== 'w1') argv.push(';', 'new-window', '-d', '-a', ...ids, '-t', end, '-n', w, '-c', path);
  argv.push(';', 'set-option', '-w', '-t', end, 'pane-base-index', '0');
  argv.push(';', 'set-option', '-w', '-t', end, '@pots-window', w);
  argv.push(';', 'set-option', '-p', '-t', `${end}.0`, '@pots-pane', '0');
  argv.push(';', 'split-window', '-d', ...ids, '-t', `${end}.0`, '-c', path);
  argv.push(';', 'set-option', '-p', '-t', `${end}.1`, '@pots-pane', '1');
  argv.push(';', 'select-layout', '-t', end, 'main-vertical');
  argv.push(';', 'set-option', '-w', '-u', '-t', end, 'pane-base-index');
}
await run('tmux', argv);
process.stdout.write(`${name}\n`);
process.stderr.write(`✓ created session ${name} in ${path}\n`);
