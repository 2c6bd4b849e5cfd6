#!/usr/bin/env node
'use strict';
/**
 * Writes the workflow templates (workflows/*.json) in n8n's export format. The JSON files are
 * what suppliers import and what the tests check; the generator keeps their shared parts
 * (credential names, Settings node, error workflow, layout) consistent:
 *   shared/constants.js     ids, credential names, node versions, setup-note wording
 *   shared/nodes.js         builders of nodes, conditions, connections and the workflow export
 *   shared/outboxCleanup.js the claim + acknowledge pair of the order push templates
 *   templates/<name>.js     one module per template
 * After editing, run `node workflows/generate/build.js` and commit both; `--check` writes
 * nothing and exits 1 when a committed file differs from what the generator builds.
 *
 * Id wiring: every template has a fixed 16-character id. `n8n import:workflow` keeps ids, so
 * `settings.errorWorkflow` ("cartonaErrorNtfy") and the ping router's Execute Workflow nodes
 * (ids of the push templates) resolve as shipped. Importing through the editor gives new ids:
 * the sticky notes say which setting to re-select then.
 */
const fs = require('node:fs');
const path = require('node:path');

const { IDS, ERROR_WORKFLOW_ID } = require('./shared/constants');
const { orderPull } = require('./templates/orderPull');
const { statusPush } = require('./templates/statusPush');
const { detailsPush } = require('./templates/detailsPush');
const { productPush } = require('./templates/productPush');
const { matching } = require('./templates/matching');
const { reconcile } = require('./templates/reconcile');
const { errorNotification } = require('./templates/errorNotification');
const { connectionTest } = require('./templates/connectionTest');
const { pingRouter } = require('./templates/pingRouter');

const OUT = path.resolve(__dirname, '..');

const FILES = {
	'order-pull.json': orderPull,
	'order-status-push.json': statusPush,
	'order-details-push.json': detailsPush,
	'stock-push.json': () => productPush('stock'),
	'price-push.json': () => productPush('price'),
	'matching.json': matching,
	'order-reconciliation.json': reconcile,
	'error-notification.json': errorNotification,
	'connection-test.json': connectionTest,
	'odoo-ping-router.json': pingRouter,
};

/** file name -> the file's text, exactly as written to workflows/. */
function buildAll() {
	return Object.fromEntries(Object.entries(FILES).map(([file, build]) => [file, JSON.stringify(build(), null, '\t') + '\n']));
}

/** The files in workflows/ that differ from (or are missing next to) what buildAll() builds. */
function staleFiles(dir = OUT) {
	return Object.entries(buildAll())
		.filter(([file, text]) => !fs.existsSync(path.join(dir, file)) || fs.readFileSync(path.join(dir, file), 'utf8') !== text)
		.map(([file]) => file);
}

if (require.main === module) {
	if (process.argv.includes('--check')) {
		const stale = staleFiles();
		for (const file of stale) console.error(`workflows/${file} differs from the generator: run node workflows/generate/build.js`);
		process.exit(stale.length ? 1 : 0);
	}
	for (const [file, text] of Object.entries(buildAll())) {
		fs.writeFileSync(path.join(OUT, file), text);
		console.log('wrote workflows/' + file);
	}
}

module.exports = { IDS, ERROR_WORKFLOW_ID, FILES, buildAll, staleFiles };
