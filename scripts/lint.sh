#!/usr/bin/env bash
# n8n-node lint (strict mode, n8n's unmodified eslint config) over exactly what is published:
# package.json, nodes/ and credentials/. The strict default config lints every *.ts under the
# working directory, and our dev tooling (tests, harness, benchmarks) legitimately uses process,
# timers and dev dependencies that the community-node rules forbid in published code, so the
# published sources are linted from a staging copy. Extra arguments (e.g. --fix) are passed on
# and fixes are copied back.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stage=$(mktemp -d "${TMPDIR:-/tmp}/cartona-lint.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp "$root"/{package.json,tsconfig.json,eslint.config.mjs,LICENSE,README.md} "$stage"/
cp -r "$root/nodes" "$root/credentials" "$stage"/
ln -s "$root/node_modules" "$stage/node_modules"
status=0
(cd "$stage" && bash "$root/scripts/node24.sh" "$root/node_modules/.bin/n8n-node" lint "$@") || status=$?
if [[ " $* " == *" --fix "* ]]; then cp -r "$stage/nodes" "$stage/credentials" "$root"/; fi
exit $status
