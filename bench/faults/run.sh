#!/usr/bin/env bash
# npm run faults (issue 10): the fault suite in real n8n + real Odoo (17.0; 19.0 over JSON-2 when
# its tree exists) + the Cartona sandbox. Prints the table, writes bench/results/faults.json
# (FAULTS_SIZE=small: test-output/faults-small.json, the tier of npm test) and exits non-zero when
# a 0-tolerance figure (duplicates, lost, acknowledgement mismatches, drift, secrets) is not 0.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x node_modules/.bin/jest ]; then npm ci --no-audit --no-fund; fi
mkdir -p bench/results test-output
bash scripts/n8n/install.sh >/dev/null || exit 1
if [ "${FAULTS_SIZE:-}" = "small" ]; then out=${FAULTS_OUT:-test-output/faults-small.json}; else out=${FAULTS_OUT:-bench/results/faults.json}; fi
export FAULTS_OUT="$(pwd)/$out"
rm -f "$FAULTS_OUT.tmp"
NODE_OPTIONS=--experimental-vm-modules bash scripts/node24.sh npx jest -c bench/jest.bench.config.js bench/faults/faults.bench.ts --runInBand 2>&1 \
  | grep --line-buffered -vE 'ts-jest|isolatedModules|^\s*$|at Object|console\.(log|warn|error)' || true
[ -f "$FAULTS_OUT" ] || { echo "faults: no result file $out"; exit 1; }
node bench/faults/report.js "$FAULTS_OUT"
