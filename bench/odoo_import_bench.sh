#!/usr/bin/env bash
# Odoo import bench: bash bench/odoo_import_bench.sh [series]   (default 17.0)
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/odoo_import_bench.py "$@"
