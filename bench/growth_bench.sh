#!/usr/bin/env bash
# Growth bench (issue 11): P1 at 1,000 / 10,000 / 50,000 products and the order pull at 100 / 1,000 /
# 5,000 orders in real n8n against real Odoo 17.0. Writes bench/results/growth.json. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/n8n/install.sh >/dev/null
exec bash scripts/node24.sh node bench/growth_bench.js "$@"
