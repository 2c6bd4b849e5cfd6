#!/usr/bin/env bash
# Installs the pinned real n8n into a cache and prints its directory.
#
# The plain install fails here (a Kafka native build downloads libraries), hence --ignore-scripts
# and a targeted sqlite3 build. Everything comes from the npm registry.
#
# This script is usually started by `npm test` / `npm start`, and npm exports the project's .npmrc
# (ignore-scripts=true) to every child as npm_config_ignore_scripts. A nested `npm rebuild` that
# inherits it builds nothing and still prints "rebuilt dependencies successfully". So every
# setting the nested npm needs is set here explicitly, and the install counts as done only when
# the installed n8n can really open an SQLite database and its CLI answers. The marker is
# re-checked on every run (about a second): a cache that fails the check is repaired, not trusted.
#
#   CARTONA_CACHE     cache folder (default ~/.cache/n8n-nodes-cartona)
#   N8N_VERSION       n8n version (default 2.41.1)
#   CARTONA_NODEDIR   Node headers for node-gyp (default: the Node 24 that scripts/node24.sh uses)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
N8N_VERSION="${N8N_VERSION:-2.41.1}"
CACHE="${CARTONA_CACHE:-$HOME/.cache/n8n-nodes-cartona}"
dir="$CACHE/n8n-$N8N_VERSION"
marker="$dir/.installed"
node24() { bash "$here/node24.sh" "$@"; }

# Node headers for the sqlite3 build: those of the Node that will run n8n.
nodedir=${CARTONA_NODEDIR:-$(node24 node -p 'require("path").resolve(process.execPath, "..", "..")')}

# npm settings of our own, whatever the parent npm exported.
nested_npm() {
	env -u npm_config_ignore_scripts -u npm_config_nodedir \
		npm_config_ignore_scripts="$1" npm_config_nodedir="$nodedir" npm_config_audit=false \
		npm_config_fund=false npm_config_update_notifier=false \
		bash "$here/node24.sh" npm "${@:2}"
}

# Can this n8n open its database? sqlite3 resolved from n8n's own package, as n8n resolves it.
healthy() {
	[ -f "$dir/node_modules/n8n/package.json" ] || { echo "n8n is not installed in $dir" >&2; return 1; }
	(cd "$dir" && node24 node -e '
		const path = require("path");
		const from = path.join(process.cwd(), "node_modules", "n8n");
		let sqlite3;
		try { sqlite3 = require(require.resolve("sqlite3", { paths: [from] })); }
		catch (e) { console.error("sqlite3 does not load from n8n'"'"'s tree: " + e.message); process.exit(1); }
		const db = new sqlite3.Database(":memory:");
		db.get("select 41 + 1 as answer", (err, row) => {
			if (err || !row || row.answer !== 42) { console.error("sqlite3 loads but cannot query: " + (err && err.message)); process.exit(1); }
			db.close();
		});
	') || return 1
	local version
	version=$(cd "$dir" && N8N_DIAGNOSTICS_ENABLED=false node24 node_modules/.bin/n8n --version 2>/dev/null | tail -n1) || true
	[ "$version" = "$N8N_VERSION" ] || { echo "n8n --version printed '${version}', expected $N8N_VERSION" >&2; return 1; }
}

if [ -f "$marker" ] && healthy; then echo "$dir"; exit 0; fi
if [ -f "$marker" ]; then echo "n8n: the cached install in $dir fails its check; repairing it" >&2; fi
rm -f "$marker"

mkdir -p "$CACHE"
exec 9>"$CACHE/.n8n-install.lock"
flock 9 # one installer at a time (parallel test tiers, npm start)
if [ -f "$marker" ] && healthy; then echo "$dir"; exit 0; fi

if [ ! -f "$dir/node_modules/n8n/package.json" ] || [ ! -f "$dir/.npm-done" ]; then
	echo "n8n: installing n8n@$N8N_VERSION into $dir (first run only, a few minutes)" >&2
	rm -rf "$dir" && mkdir -p "$dir"
	echo '{"name":"n8n-runtime","private":true}' >"$dir/package.json"
	(cd "$dir" && nested_npm true install "n8n@$N8N_VERSION" --omit=dev --loglevel=error >&2)
	touch "$dir/.npm-done"
fi

echo "n8n: building sqlite3 against the Node headers in $nodedir (about a minute)" >&2
if [ ! -f "$nodedir/include/node/node.h" ]; then
	echo "n8n: no Node headers at $nodedir/include/node: sqlite3 cannot be built" >&2
	exit 1
fi
buildlog="$dir/sqlite3-build.log"
(cd "$dir" && nested_npm false rebuild sqlite3 --foreground-scripts --loglevel=error >"$buildlog" 2>&1) || {
	tail -n 30 "$buildlog" >&2
	echo "n8n: FAILED: building sqlite3 failed (log: $buildlog); the install in $dir is not marked done" >&2
	exit 1
}
if ! healthy; then
	echo "n8n: FAILED: n8n in $dir cannot open an SQLite database after the build; not marked done" >&2
	exit 1
fi
echo "n8n@$N8N_VERSION sqlite3-ok $(date -u +%FT%TZ)" >"$marker"
echo "$dir"
