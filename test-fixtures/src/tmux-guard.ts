// A vitest setup file (every package's vitest.config.ts): puts a `tmux` first on PATH that runs
// the real one only when its global options name a server — `-S <path>`, or `-L <name>` with
// TMUX_TMPDIR an existing directory — or it only prints the version (`-V`). Any other call would
// reach the default server or the user's socket directory (tmux falls back to /tmp/tmux-UID when
// TMUX_TMPDIR is unset or missing): it fails instead (exit 97, a message naming the call), so a
// test can never touch them by mistake.
// Children inherit PATH: the bins under test, the shells and the panes of a test's own server.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll } from 'vitest';

const real = execFileSync('sh', ['-c', 'command -v tmux || true'], { encoding: 'utf8' }).trim();
if (real !== '' && !real.startsWith(tmpdir())) install(real);

function install(tmux: string): void {
  const dir = join(mkdtempSync(join(tmpdir(), 'tmux-guard-')), 'bin');
  mkdirSync(dir);
  // Global options come before the command; -c, -f and -T take a value.
  const script = `#!/bin/sh
real='${tmux.replaceAll("'", "'\\''")}'
skip=
for arg in "$@"; do
  if [ -n "$skip" ]; then skip=; continue; fi
  case $arg in
    -L*)
      [ -d "$TMUX_TMPDIR" ] && exec "$real" "$@"
      echo "tmux-guard: 'tmux $*' with TMUX_TMPDIR '$TMUX_TMPDIR' (not a directory) would use /tmp/tmux-$(id -u)" >&2
      exit 97 ;;
    -S* | -V) exec "$real" "$@" ;;
    -c | -f | -T) skip=1 ;;
    -*) ;;
    *) break ;;
  esac
done
echo "tmux-guard: 'tmux $*' names no private server (-L or -S): tests never use the default server" >&2
exit 97
`;
  writeFileSync(join(dir, 'tmux'), script);
  chmodSync(join(dir, 'tmux'), 0o755);
  process.env.PATH = `${dir}${delimiter}${process.env.PATH ?? ''}`;
  // As in hermetic-env.ts: after the file's own teardown (its tmux servers are gone by then), and
  // on exit.
  const cleanup = () => rmSync(join(dir, '..'), { recursive: true, force: true });
  afterAll(cleanup);
  process.once('exit', cleanup);
}
