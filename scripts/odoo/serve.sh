#!/usr/bin/env bash
# Leaves an Odoo <series> running with marketplace_integration, an integration user (API key)
# and a config; prints the connection JSON (also written to test-output/odoo-<series>.json).
#   bash scripts/odoo/serve.sh 17.0 [--port 8069] [--demo] [--n8n-url http://127.0.0.1:5678] [--workers 2]
#   bash scripts/odoo/serve.sh --stop 17.0      (a --workers 2 server: --stop 17.0-w2)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--stop" ]; then shift; exec python3 scripts/odoo/odoo_runner.py stop "$@"; fi
exec python3 scripts/odoo/odoo_runner.py serve "$@"
