# Tools the bench needs: hyperfine (required), tmuxp and tmuxinator (Debian; optional), and the npm
# peers in their own prefix under .work/peers (optional). A peer that cannot be installed becomes a
# "not installed" row, never a failed run. Sourced by run.sh.
# shellcheck shell=bash

# Pinned so runs compare like with like; override with BENCH_PEERS="pkg@ver …".
PEER_PKGS=(${BENCH_PEERS:-@ntindle/branchlet@0.1.16 @tokenbooks/wt@0.6.1 @humanu/orchestra@0.5.81})

APT_UPDATED=0
apt_install() { # packages…; returns non-zero when apt is unavailable or the install fails
  command -v apt-get >/dev/null || return 1
  local sudo=()
  [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo=(sudo -n); } || return 1
  if [ "$APT_UPDATED" = 0 ]; then
    "${sudo[@]}" apt-get update -qq >&2 || return 1
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >&2
}

ensure_tools() {
  if ! command -v hyperfine >/dev/null; then
    log "installing hyperfine (apt)"
    apt_install hyperfine || { echo "bench: hyperfine is required and could not be installed" >&2; exit 1; }
  fi
  [ -n "$REAL_TMUX" ] || { echo "bench: tmux is required" >&2; exit 1; }
  local tool
  for tool in tmuxp tmuxinator; do
    if ! command -v "$tool" >/dev/null; then
      log "installing $tool (apt)"
      apt_install "$tool" || warn "$tool could not be installed: its rows will say 'not installed'"
    fi
  done
  ensure_peers
}

peer_bin() { # bin name → absolute path, or nothing
  local p=$PEERS/node_modules/.bin/$1
  [ -x "$p" ] && printf '%s' "$p"
}

ensure_peers() {
  mkdir -p "$PEERS"
  local stamp=$PEERS/.installed want
  want=$(printf '%s\n' "${PEER_PKGS[@]}")
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && peer_bin branchlet >/dev/null &&
    peer_bin wt >/dev/null && peer_bin orchestra-cli >/dev/null; then
    return 0
  fi
  log "installing npm peers into ${PEERS#"$ROOT"/}: ${PEER_PKGS[*]}"
  # HOME inside .work (peers' install scripts and first-run state stay there); the user's npm
  # config (registry) and download cache still apply, so a re-install does not download again.
  local cache userconfig=$ORIG_HOME/.npmrc
  cache=$(HOME=$ORIG_HOME npm config get cache 2>/dev/null || echo "$ORIG_HOME/.npm")
  local pkg ok=1
  # One by one: a peer that fails to install must not take the others with it.
  for pkg in "${PEER_PKGS[@]}"; do
    # npm talks to the registry: it needs the CA bundle the timed rows run without.
    if ! (cd "$PEERS" && NODE_EXTRA_CA_CERTS=$CA_CERTS npm_config_cache=$cache npm_config_userconfig=$userconfig npm install --prefix "$PEERS" --no-audit \
      --no-fund --loglevel=error "$pkg" >>"$PEERS/install.log" 2>&1); then
      warn "npm install $pkg failed (see ${PEERS#"$ROOT"/}/install.log): its row will say 'not installed'"
      ok=0
    fi
  done
  [ "$ok" = 1 ] && printf '%s\n' "$want" >"$stamp"
  return 0
}

peer_version() { # package name → version from its package.json
  local f=$PEERS/node_modules/$1/package.json
  [ -f "$f" ] && "$REAL_NODE" -p "require('$f').version" 2>/dev/null || printf 'n/a'
}
