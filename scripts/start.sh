#!/usr/bin/env bash
# npm start: see scripts/start.js. Installs the devDependencies on a fresh clone, then runs with Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/n8n-node ]; then npm ci --no-audit --no-fund; fi
exec bash scripts/node24.sh node scripts/start.js "$@"
