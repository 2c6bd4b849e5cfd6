#!/usr/bin/env bash
# Queue-mode bench (issue 11): 20 suppliers at once on one n8n process vs main + 2 workers
# (scripts/n8n/queue.js: redis-server, PostgreSQL). Writes bench/results/queue.json. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/n8n/install.sh >/dev/null
exec bash scripts/node24.sh node bench/queue_bench.js "$@"
