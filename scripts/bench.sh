#!/usr/bin/env bash
# npm run bench: every benchmark; each prints its table and writes JSON under bench/results/.
# Benchmarks measure; they never fail a build on a timing.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/jest ]; then npm ci --no-audit --no-fund; fi
mkdir -p bench/results
bash scripts/n8n/install.sh >/dev/null
status=0
section() { printf '\n=== %s ===\n' "$*"; }
section "Cartona node: bulk update and list of 10,000 products (issue 2)"
bash scripts/node24.sh npx jest -c bench/jest.bench.config.js bench/cartona-node.bench.ts --runInBand 2>&1 | grep -vE 'ts-jest|isolatedModules|^\s*$|at Object|console.log' || status=1
for script in bench/odoo_import_bench.sh bench/odoo_node_bench.sh bench/integration_bench.sh; do
  if [ -f "$script" ]; then section "$script"; bash "$script" || status=1; fi
done
section "results"
ls -1 bench/results/*.json
exit $status
