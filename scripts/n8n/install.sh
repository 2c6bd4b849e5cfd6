#!/usr/bin/env bash
# Installs the pinned real n8n into a cache (once) and prints its directory.
# The plain install fails here (a Kafka native build downloads libraries), hence --ignore-scripts
# and the targeted sqlite3 rebuild (see docs in README "Real n8n"). Everything comes from the npm registry.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
N8N_VERSION="${N8N_VERSION:-2.41.1}"
CACHE="${CARTONA_CACHE:-$HOME/.cache/n8n-nodes-cartona}"
dir="$CACHE/n8n-$N8N_VERSION"
if [ ! -f "$dir/.installed" ]; then
  echo "n8n: installing n8n@$N8N_VERSION into $dir (first run only, a few minutes)" >&2
  mkdir -p "$dir"
  echo '{"name":"n8n-runtime","private":true}' > "$dir/package.json"
  (cd "$dir" && bash "$here/node24.sh" npm install "n8n@$N8N_VERSION" --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2 \
    && bash "$here/node24.sh" npm rebuild sqlite3 --loglevel=error >&2)
  touch "$dir/.installed"
fi
echo "$dir"
