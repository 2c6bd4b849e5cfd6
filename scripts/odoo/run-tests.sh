#!/usr/bin/env bash
# Addon tests + the OdooCartona node's Odoo tier on every Odoo series found.
# ODOO_SERIES="17.0 18.0" bash scripts/odoo/run-tests.sh ; see scripts/odoo/odoo_runner.py for variables.
# Last line: "N passed, N failed". Exit code 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
exec python3 scripts/odoo/odoo_runner.py test "$@"
