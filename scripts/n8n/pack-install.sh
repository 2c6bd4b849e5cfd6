#!/usr/bin/env bash
# Builds this package, packs it (npm pack) and installs the tarball into an n8n user folder as a
# community package, the way n8n 2.41 itself installs one from the UI: untar into
# $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-cartona, drop dev/peer/optional
# dependencies from its package.json, record it in .n8n/nodes/package.json. Node types are then
# n8n-nodes-cartona.<node>, and require('n8n-workflow') resolves to n8n's own copy (no peer copy is
# installed next to it).
#
# Usage: scripts/n8n/pack-install.sh <n8n-user-folder>   installs, prints the package directory
#        scripts/n8n/pack-install.sh --pack-only         builds + packs, prints the tarball path
# Fast when nothing changed: the tarball is cached by a hash of the package sources, and a user
# folder that already holds that hash is left alone.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
CACHE="${CARTONA_CACHE:-$HOME/.cache/n8n-nodes-cartona}"
PKG=n8n-nodes-cartona
mkdir -p "$CACHE/pack"

target="${1:-}"
if [ -z "$target" ]; then echo "usage: $0 <n8n-user-folder> | --pack-only" >&2; exit 2; fi

cd "$root"
# Everything n8n-node build and npm pack read. A new file or an edit gives a new hash.
hash=$( { find nodes credentials -type f ! -name '*.test.ts' 2>/dev/null | LC_ALL=C sort | xargs -r sha1sum; \
          sha1sum package.json tsconfig.json; } | sha1sum | cut -c1-16)
tarball="$CACHE/pack/$PKG-$hash.tgz"

# One caller at a time, build and install (parallel jest workers, npm start and a test run share
# dist/, the cache and possibly a user folder); the lock is released when this script exits.
exec 9>"$CACHE/pack/.lock"
flock 9
if [ ! -s "$tarball" ]; then
  echo "pack-install: building $PKG (sources $hash)" >&2
  bash scripts/node24.sh npx n8n-node build >&2
  tmp=$(mktemp -d "$CACHE/pack/.tmp.XXXXXX")
  name=$(bash scripts/node24.sh npm pack --silent --pack-destination "$tmp" | tail -n1)
  mv "$tmp/$name" "$tarball.part" && mv "$tarball.part" "$tarball"
  rm -rf "$tmp"
  find "$CACHE/pack" -name "$PKG-*.tgz" -mmin +1440 ! -name "$(basename "$tarball")" -delete 2>/dev/null || true
fi

if [ "$target" = "--pack-only" ]; then echo "$tarball"; exit 0; fi

nodes="$target/.n8n/nodes"
dir="$nodes/node_modules/$PKG"
if [ -f "$nodes/.$PKG.hash" ] && [ "$(cat "$nodes/.$PKG.hash")" = "$hash" ] && [ -f "$dir/package.json" ]; then
  echo "$dir"; exit 0
fi
mkdir -p "$nodes/node_modules"
rm -rf "$dir" && mkdir -p "$dir"
tar -xzf "$tarball" -C "$dir" --strip-components=1
PKG_JSON="$dir/package.json" NODES_JSON="$nodes/package.json" bash scripts/node24.sh node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync(process.env.PKG_JSON, "utf8"));
  if (p.dependencies && Object.keys(p.dependencies).length) {
    console.error("pack-install: the package has runtime dependencies, which a community package must not have: " + Object.keys(p.dependencies).join(", "));
    process.exit(1);
  }
  delete p.devDependencies; delete p.peerDependencies; delete p.optionalDependencies;
  fs.writeFileSync(process.env.PKG_JSON, JSON.stringify(p, null, 2));
  let n = { name: "installed-nodes", private: true, dependencies: {} };
  try { n = JSON.parse(fs.readFileSync(process.env.NODES_JSON, "utf8")); } catch {}
  n.dependencies = { ...(n.dependencies || {}), [p.name]: p.version };
  fs.writeFileSync(process.env.NODES_JSON, JSON.stringify(n, null, 2));
'
echo "$hash" > "$nodes/.$PKG.hash"
echo "$dir"
