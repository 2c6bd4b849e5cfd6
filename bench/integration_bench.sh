#!/usr/bin/env bash
# Integration bench (issue 5): our templates vs the built-in peers in real n8n, against real
# Odoo 17.0 (10,000 mapped products) and the Cartona sandbox. Writes bench/results/integration.json
# and prints the P1-P4 table. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/n8n/install.sh >/dev/null
exec bash scripts/node24.sh node bench/integration_bench.js "$@"
