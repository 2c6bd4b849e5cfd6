#!/usr/bin/env node
/**
 * OdooCartona node benchmark against a real Odoo with the marketplace_integration addon
 * (the JSON file named by ODOO_BENCH_ENV or ODOO_TEST_ENV, as written by scripts/odoo/serve.sh):
 *   - Order Import of 50 orders (twice: created, then existing): Odoo calls, goal <= 3 per run;
 *   - Stock Get Snapshot of all mapped products with 10,000 mapped variants: calls, goal <= 10, wall time.
 * Runs the node's TypeScript sources directly (TypeScript's transpiler as a require hook).
 * Writes bench/results/odoo-node.json and prints a table.
 *   bash scripts/node24.sh node bench/odoo_node_bench.js
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { provenance } = require('./provenance');

// '.ts' first: `require('./OdooCartona.node')` must find the .ts file, not the codex .json beside it.
const builtinExtensions = { ...require.extensions };
for (const key of Object.keys(require.extensions)) delete require.extensions[key];
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};
Object.assign(require.extensions, builtinExtensions);

const { loadOdooEnvironment, runNode, orm, cartonaOrder } = require('../test/odoo/odooEnvironment.ts');

const PRODUCTS = 10000;
const ORDERS = 50;
const PREFIX = 'BENCH10K';

async function ensureMappedProducts(env) {
	const existing = await orm(env, 'product.product', 'search_count', [], { domain: [['default_code', '=like', `${PREFIX}-%`]] });
	const started = Date.now();
	if (existing < PRODUCTS) {
		const have = new Set(
			(await orm(env, 'product.product', 'search_read', [], { domain: [['default_code', '=like', `${PREFIX}-%`]], fields: ['default_code'] })).map((p) => p.default_code),
		);
		const missing = [];
		for (let n = 0; n < PRODUCTS; n++) {
			const code = `${PREFIX}-${String(n).padStart(5, '0')}`;
			if (!have.has(code)) missing.push({ name: `Bench product ${n}`, default_code: code, cartona_id: `bench-${n}`, list_price: 5 + (n % 50) });
		}
		for (let at = 0; at < missing.length; at += 1000) {
			await orm(env, 'product.product', 'create', [], { vals_list: missing.slice(at, at + 1000) });
			process.stdout.write(`  created ${Math.min(at + 1000, missing.length)}/${missing.length} bench products\r`);
		}
		process.stdout.write('\n');
	}
	return { created: Math.max(0, PRODUCTS - existing), setupMs: Date.now() - started };
}

async function benchImport(env) {
	const run = Date.now().toString(36);
	const products = await orm(env, 'product.product', 'search_read', [], { domain: [['default_code', '=like', `${PREFIX}-%`]], fields: ['cartona_id'], limit: 4 });
	const ids = products.map((p) => p.cartona_id);
	const orders = Array.from({ length: ORDERS }, (_, n) => ({
		json: cartonaOrder(`BENCH${run}${String(n).padStart(3, '0')}`, `BR${run}${n % 10}`, [ids[n % 4], ids[(n + 1) % 4]], 5_000_000 + n * 10),
	}));
	const runs = [];
	for (const label of ['first', 'second']) {
		const started = Date.now();
		const result = await runNode(env, { resource: 'order', operation: 'import', options: {} }, orders);
		const statuses = {};
		for (const item of result.output) statuses[item.json.status] = (statuses[item.json.status] || 0) + 1;
		runs.push({ run: label, orders: ORDERS, odooCalls: result.calls, httpRequests: result.requests, ms: Date.now() - started, statuses });
	}
	return runs;
}

async function benchSnapshot(env, pageSize) {
	const started = Date.now();
	const result = await runNode(env, { resource: 'stock', operation: 'getSnapshot', products: 'allMapped', options: { pageSize } });
	return { pageSize, items: result.output.length, odooCalls: result.calls, httpRequests: result.requests, ms: Date.now() - started };
}

async function main() {
	const env = loadOdooEnvironment() || (process.env.ODOO_BENCH_ENV && JSON.parse(fs.readFileSync(process.env.ODOO_BENCH_ENV, 'utf8')));
	if (!env) {
		console.warn('SKIPPED: odoo node bench: set ODOO_BENCH_ENV or ODOO_TEST_ENV (scripts/odoo/serve.sh 17.0 writes one)');
		return;
	}
	const protocol = env.protocol || (Number.parseFloat(env.series) >= 19 ? 'json2' : 'jsonRpc');
	console.log(`odoo node bench: Odoo ${env.series} (${protocol}) at ${env.url}`);
	const setup = await ensureMappedProducts(env);
	const imports = await benchImport(env);
	const snapshots = [await benchSnapshot(env, 2000), await benchSnapshot(env, 5000)];
	const { date, ...where } = provenance();
	const results = {
		at: date,
		...where,
		series: env.series,
		protocol,
		products: PRODUCTS,
		setup,
		import50: imports,
		stockSnapshot: snapshots,
		goals: {
			import50MaxCalls: 3,
			import50Met: imports.every((r) => r.httpRequests <= 3),
			snapshot10kMaxCalls: 10,
			snapshot10kMet: snapshots.every((s) => s.items >= PRODUCTS && s.httpRequests <= 10),
		},
	};
	const out = path.join(__dirname, 'results', 'odoo-node.json');
	fs.mkdirSync(path.dirname(out), { recursive: true });
	// One entry per series (and protocol), so runs against 17.0, 18.0 and 19.0 sit side by side.
	let all = {};
	try {
		all = JSON.parse(fs.readFileSync(out, 'utf8'));
	} catch {
		all = {};
	}
	all.bySeries = { ...(all.bySeries || {}), [`${env.series} ${protocol}`]: results };
	all.updated = results.at;
	fs.writeFileSync(out, JSON.stringify(all, null, 2) + '\n');
	const rows = [
		...imports.map((r) => [`Order Import, ${ORDERS} orders (${r.run} run)`, `${r.odooCalls} (+${r.httpRequests - r.odooCalls} login)`, `<= 3 requests`, r.ms, JSON.stringify(r.statuses)]),
		...snapshots.map((s) => [`Stock Snapshot, all mapped (page ${s.pageSize})`, `${s.odooCalls} (+${s.httpRequests - s.odooCalls} login)`, `<= 10 requests`, s.ms, `${s.items} items`]),
	];
	console.log(['step', 'Odoo calls', 'goal', 'ms', 'result'].join(' | '));
	for (const row of rows) console.log(row.join(' | '));
	console.log(`goals met: import ${results.goals.import50Met}, snapshot ${results.goals.snapshot10kMet}; written ${path.relative(process.cwd(), out)}`);
	if (!results.goals.import50Met || !results.goals.snapshot10kMet) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
