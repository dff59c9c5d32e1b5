#!/usr/bin/env bash
# Why the dashboard uses ink: the same 22-line screen (a heading, 20 rows, a footer) drawn once by
# ink (React), blessed and terminal-kit, each unbundled from npm, timed side by side with hyperfine
# (`node -e 0` beside them) and its resident memory after the frame printed.
# Usage: bash bench/tui/run.sh   (installs into bench/.work/tui; needs the npm registry)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$here/../.work/tui
mkdir -p "$work"
cp "$here"/ink.mjs "$here"/blessed.cjs "$here"/termkit.cjs "$work"/
cd "$work"
[ -f package.json ] || echo '{ "private": true, "type": "module" }' >package.json
[ -d node_modules/ink ] || npm install --silent --no-audit --no-fund ink@6 react@19 blessed@0.1.81 terminal-kit@3 >/dev/null
unset NODE_EXTRA_CA_CERTS
export TERM=xterm-256color NODE_ENV=production # React's production build, as the dashboard bundles it
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for lib in ink blessed terminal-kit; do
  printf '%s %s, ' "$lib" "$(node -p "require('./node_modules/$lib/package.json').version")"
done
echo
for script in ink.mjs blessed.cjs termkit.cjs; do
  printf '%-12s ' "$script"
  node "$script" 2>&1 >/dev/null | tail -1
done
hyperfine -N --warmup 2 --min-runs 15 'node -e 0' 'node ink.mjs' 'node blessed.cjs' 'node termkit.cjs'
