#!/usr/bin/env bash
# npm run bench: every benchmark; each prints its table and writes JSON under bench/results/;
# then bench/render.js renders bench/RESULTS.md and the README summaries from that JSON.
# Benchmarks measure; they never fail a build on a timing.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/jest ]; then npm ci --no-audit --no-fund; fi
mkdir -p bench/results test-output
bash scripts/n8n/install.sh >/dev/null
status=0
section() { printf '\n=== %s ===\n' "$*"; }
section "Cartona node: bulk update and list of 10,000 products (issue 2)"
bash scripts/node24.sh npx jest -c bench/jest.bench.config.js bench/cartona-node.bench.ts --runInBand 2>&1 | grep -vE 'ts-jest|isolatedModules|^\s*$|at Object|console.log' || status=1
section "Cartona node: bulk update of 10,000 products by Concurrency, loopback and 80 ms (issue 11)"
bash scripts/node24.sh npx jest -c bench/jest.bench.config.js bench/concurrency.bench.ts --runInBand 2>&1 | grep -vE 'ts-jest|isolatedModules|^\s*$|at Object|console.log' || status=1
section "OdooCartona node: 50-order import and 10,000-product stock snapshot on real Odoo 17.0 (issue 4)"
if [ -n "${ODOO_SRC_17:-}" ] || [ -f "$HOME/.cache/odoo/17.0/odoo-bin" ]; then
  if bash scripts/odoo/serve.sh 17.0 > test-output/bench-odoo-serve.json 2> test-output/bench-odoo-serve.log; then
    ODOO_BENCH_ENV="$(pwd)/test-output/odoo-17.0.json" bash scripts/node24.sh node bench/odoo_node_bench.js || status=1
  else
    echo "could not start Odoo 17.0 (test-output/bench-odoo-serve.log)"; status=1
  fi
  bash scripts/odoo/serve.sh --stop 17.0 >/dev/null 2>&1 || true
else
  echo "SKIPPED: no Odoo 17.0 tree (ODOO_SRC_17 or ~/.cache/odoo/17.0)"
fi
if [ -f bench/odoo_import_bench.sh ]; then section bench/odoo_import_bench.sh; bash bench/odoo_import_bench.sh || status=1; fi
# The integration bench twice, so one run has P1 and P2 on loopback and with Cartona latency
# (issue 11): every contender both times (fetch waits for the slow peers, see the bench).
latency="${BENCH_NETWORK_LATENCY_MS:-80}"
section "bench/integration_bench.sh (Cartona on loopback)"
BENCH_LATENCY_MS=0 bash bench/integration_bench.sh || status=1
section "bench/integration_bench.sh (${latency} ms before every Cartona answer)"
BENCH_LATENCY_MS="$latency" bash bench/integration_bench.sh || status=1
for script in bench/growth_bench.sh bench/queue_bench.sh; do
  if [ -f "$script" ]; then section "$script"; bash "$script" || status=1; fi
done
section "results"
ls -1 bench/results/*.json
# Every figure in bench/RESULTS.md and the marked summaries of README.md and bench/README.md comes from that JSON.
node bench/render.js || status=1
exit $status
