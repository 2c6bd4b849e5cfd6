#!/usr/bin/env bash
# The project's one test command (npm test; .ci/run calls it). Tiers, fastest first:
#   install (Node 24, real n8n 2.41.1, chromium) -> lint + build + n8n's verification scan
#   -> unit (nock) -> sandbox (Cartona sandbox on loopback) -> n8n (real n8n) -> e2e (templates in
#   real n8n, real Odoo 17.0 and 19.0; then 17.0 again in n8n queue mode, E2E_QUEUE=1) -> odoo (real Odoo per series found; a loud SKIPPED line
#   for a series whose tree is absent, a failure when ODOO_REQUIRED_SERIES lists it).
# Prints a closing "N passed, N failed" line summed over every tier; exits non-zero on any failure.
#
# With CI=true every run is a fresh machine: an empty private cache (CARTONA_CACHE: Node 24, n8n,
# the packed package, n8n user folders), a fresh `npm ci`, and nothing reused from an earlier run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/test-output"; mkdir -p "$out"
passed=0; failed=0; failures=()
log="$out/test-run.log"; : >"$log"

if [ "${CI:-}" = "true" ]; then
  CARTONA_CACHE=$(mktemp -d "${TMPDIR:-/tmp}/cartona-ci-cache.XXXXXX")
  export CARTONA_CACHE
  trap 'rm -rf "$CARTONA_CACHE"' EXIT
  echo "CI: empty private cache $CARTONA_CACHE (every install step runs)"
  rm -rf "$out"/odoo-*.json "$out"/odoo-*.pid "$out"/odoo-addons
fi

note() { printf '\n=== %s ===\n' "$*"; }
check() { # check <name> <command...>: one pass or one fail
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}
jest_tier() { # jest_tier <project> [extra env...]: counts tests from jest's JSON report
  local project=$1; shift
  local report="$out/jest-$project.json"; rm -f "$report"
  env "$@" bash scripts/node24.sh npx jest --ci --selectProjects "$project" --runInBand --passWithNoTests \
    --json --outputFile="$report" 2>&1 | tee -a "$log" | grep -v '^\s*$' | tail -n 400
  if [ -f "$report" ]; then
    local p f
    p=$(node -p "require('$report').numPassedTests"); f=$(node -p "const r=require('$report'); r.numFailedTests + r.numRuntimeErrorTestSuites")
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -gt 0 ] && failures+=("jest $project ($f)")
  else
    failed=$((failed + 1)); failures+=("jest $project (no report)")
  fi
}

note "dependencies"
if [ "${CI:-}" = "true" ] || [ ! -x node_modules/.bin/jest ] || [ ! -x node_modules/.bin/n8n-node ]; then npm ci --no-audit --no-fund; fi
check "node 24" bash scripts/node24.sh node --version

note "install: real n8n (scripts/n8n/install.sh), chromium for the editor checks"
check "n8n install" bash scripts/n8n/install.sh
# The editor checks drive Debian's chromium; a fresh machine gets it from Debian's packages.
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) >/dev/null 2>&1
fi
check "chromium ($chromium, for the editor checks; CHROMIUM_PATH)" test -x "$chromium"

note "lint (n8n-node lint: community-node rules)"
check "lint" bash scripts/lint.sh
note "build + pack"
check "build" bash scripts/node24.sh npx n8n-node build
check "no runtime dependencies" node -e 'const p=require("./package.json"); if (Object.keys(p.dependencies||{}).length) { console.error("runtime dependencies:", p.dependencies); process.exit(1) }'
note "n8n verification scan (@n8n/scan-community-package) over the source and the packed tarball"
tarball=$(bash scripts/n8n/pack-install.sh --pack-only) && check "verification scan" bash scripts/node24.sh node scripts/scan.mjs "$tarball" \
  || { failed=$((failed + 1)); failures+=("pack"); }

note "unit tier"
jest_tier unit
note "sandbox tier (Cartona sandbox on loopback)"
jest_tier sandbox
note "PostgreSQL (n8n's queue mode in the n8n and e2e tiers, Odoo): started, its login role created"
check "postgres" python3 scripts/odoo/odoo_runner.py postgres
note "n8n tier (real n8n)"
jest_tier n8n NODE_OPTIONS=--experimental-vm-modules
note "e2e tier (templates in real n8n against the sandbox)"
jest_tier e2e NODE_OPTIONS=--experimental-vm-modules
note "e2e tier in n8n queue mode (E2E_QUEUE=1: Redis, main + 2 workers + 2 webhook processors; Odoo 17.0 --workers 2 + cron)"
jest_tier e2e E2E_QUEUE=1 NODE_OPTIONS=--experimental-vm-modules
note "faults tier (npm run faults at reduced size: R1-R5 on real Odoo 17.0 and 19.0 over JSON-2; fails on any duplicate, lost order, drift or secret)"
faults_tier() { # its table and SKIPPED lines go to the log (the summary repeats them); fails on a 0-tolerance figure
  env FAULTS_SIZE=small FAULTS_SERIES="17.0 19.0" bash bench/faults/run.sh 2>&1 | tee -a "$log" | grep -vE '^\s*$' | tail -n 80
  return "${PIPESTATUS[0]}"
}
check "faults (FAULTS_SIZE=small)" faults_tier

note "odoo tier (real Odoo per series)"
if [ -x scripts/odoo/run-tests.sh ]; then
  odoo_log="$out/odoo-tier.log"
  bash scripts/odoo/run-tests.sh 2>&1 | tee "$odoo_log" | tee -a "$log" | grep -vE '^\s*$' | tail -n 300
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$odoo_log" | tail -n 1)
  if [ -n "$line" ]; then
    p=${line%% passed*}; f=${line#*, }; f=${f%% failed}
    passed=$((passed + p)); failed=$((failed + f)); [ "$f" -gt 0 ] && failures+=("odoo ($f)")
  else
    failed=$((failed + 1)); failures+=("odoo (no result line)")
  fi
else
  echo "SKIPPED: scripts/odoo/run-tests.sh is missing"
fi

note "summary"
# Every test that did not run says so here, once.
grep -ohE 'SKIPPED[: ].*' "$log" | sort -u
[ ${#failures[@]} -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
