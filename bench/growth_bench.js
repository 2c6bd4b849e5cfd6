#!/usr/bin/env node
'use strict';
/**
 * Growth bench (issue 11, item 4): does the work grow linearly with the catalogue and the order
 * volume? In the real n8n 2.41.1 server, against one real Odoo 17.0 and the Cartona sandbox:
 *
 *   P1 at BENCH_GROWTH_PRODUCTS (1000,10000,50000) mapped products: the stock push template's
 *      full reconciliation path (stock + price snapshot of every mapped product, one Cartona bulk
 *      update per 100). A fresh n8n per size (so RSS growth is this size's alone), one warm-up run,
 *      then the measured run: wall time, Cartona requests, Odoo calls, n8n peak RSS, RSS growth.
 *   P3 at BENCH_GROWTH_ORDERS (100,1000,5000) new Cartona orders: the order pull template, then
 *      the same pull again; sale orders created, duplicates (marketplace_order_id seen twice, or
 *      created by the second pull), Cartona requests, Odoo calls, RSS.
 *
 * Writes bench/results/growth.json (with the load average: the machine is shared, times are noisy;
 * the counts are not). Odoo: ODOO_TEST_ENV (JSON of a running one) or scripts/odoo/serve.sh 17.0.
 * Run: bash bench/growth_bench.sh
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const { startSandbox } = require(path.join(ROOT, 'sandbox', 'server'));
const { provenance } = require(path.join(__dirname, 'provenance'));
const { startN8n, freePort } = require(path.join(ROOT, 'scripts', 'n8n', 'server'));
const { N8N_NODE_OPTIONS: N8N_DEFAULT_NODE_OPTIONS } = require(path.join(ROOT, 'scripts', 'n8n', 'n8nEnv'));
const ib = require(path.join(__dirname, 'integration_bench'));

// A pull of thousands of orders answers after longer than fetch's default headers timeout (five
// minutes): the first run lost its 5,000-order row to it at ~165 ms per order. undici is a
// transitive dev dependency; global fetch honours its dispatcher (checked on Node 20 and 24).
try {
	const { setGlobalDispatcher, Agent } = require('undici');
	setGlobalDispatcher(new Agent({ headersTimeout: 30 * 60000, bodyTimeout: 30 * 60000 }));
} catch {
	console.error('growth bench: undici not found, fetch keeps its five-minute headers timeout');
}

const list = (v, d) => (v || d).split(',').map((x) => Number(x.trim())).filter((x) => x > 0);
const SIZES = list(process.env.BENCH_GROWTH_PRODUCTS, '1000,10000,50000');
const ORDER_SIZES = list(process.env.BENCH_GROWTH_ORDERS, '100,1000,5000');
/** Products above this get no stock quant (default: every product has stock; SQL makes it cheap). */
const STOCK_UP_TO = Number(process.env.BENCH_GROWTH_STOCKED || Infinity);
const RESULTS = path.resolve(__dirname, 'results', process.env.BENCH_GROWTH_OUT || 'growth.json');
const { log, TOKEN, SECRET } = ib;

function credentials(sandbox, proxy, env, admin) {
	const secret = env.sharedSecret || SECRET;
	return [
		{ name: 'Cartona account', type: 'cartonaApi', data: { environment: 'custom', url: sandbox.url, token: TOKEN, internalSupplierCode: '' } },
		{ name: 'Odoo (Cartona) account', type: 'odooCartonaApi', data: { url: proxy.url, protocol: 'jsonRpc', db: env.db, username: env.login, password: env.apiKey || env.password, webhookSecret: secret } },
		{ name: 'Odoo account', type: 'odooApi', data: { url: proxy.url, username: admin.login, password: admin.password, db: env.db } },
		{ name: 'SMTP account', type: 'smtp', data: { user: 'bench', password: 'bench', host: '127.0.0.1', port: 9, secure: false } },
		{ name: 'Slack account', type: 'slackApi', data: { accessToken: 'xoxb-bench' } },
	];
}

/** BENCH_PAGE_SIZE: the stock push's Settings pageSize for this run (default: the template's). */
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE || 0) || undefined;
/**
 * BENCH_N8N_NODE_OPTIONS: NODE_OPTIONS for n8n (default: what every n8n of ours runs with,
 * scripts/n8n/n8nEnv.js's heap cap), recorded in the results.
 */
const N8N_NODE_OPTIONS = process.env.BENCH_N8N_NODE_OPTIONS ?? N8N_DEFAULT_NODE_OPTIONS;
/**
 * BENCH_GROWTH_UNCAPPED (default 1; 0: skip): the largest catalogue once more in a fresh n8n
 * without a heap cap (V8 sizes the heap from the machine's memory), so the table shows what the
 * cap changes: how much of the growth is memory the run needs and how much V8 merely kept.
 */
const UNCAPPED = process.env.BENCH_GROWTH_UNCAPPED === '0' ? 0 : Math.max(...SIZES);
/** The stock push template with a webhook, its pageSize set to BENCH_PAGE_SIZE when given. */
function stockPush() {
	const wf = ib.withWebhook(ib.load('workflows/stock-push.json'), 'bench-ours');
	if (PAGE_SIZE !== undefined) ib.setting(wf, 'pageSize').value = PAGE_SIZE;
	return wf;
}

async function freshN8n(sandbox, proxy, env, admin, nodeOptions = N8N_NODE_OPTIONS) {
	const n8n = await startN8n({
		port: await freePort(),
		credentials: credentials(sandbox, proxy, env, admin),
		workflows: [
			ib.load('workflows/error-notification.json'),
			stockPush(),
			ib.withWebhook(ib.load('workflows/order-pull.json'), 'bench-order-pull'),
		],
		env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', N8N_PAYLOAD_SIZE_MAX: '64', NODE_OPTIONS: nodeOptions },
	});
	for (const id of ['cartonaErrorNtfy', 'cartonaStockPush', 'cartonaOrderPull']) await n8n.activate(id);
	return n8n;
}

/** One warm-up run of the stock push, then the measured run: the measured figures, the warm-up's beside them. */
async function p1Runs(n8n, sandbox, proxy, label) {
	const ctx = { n8n, sandbox, proxy, pathName: 'bench-ours', workflowId: 'cartonaStockPush' };
	const warm = await ib.measure(`warm-up ${label}`, ctx);
	const run = await ib.measure(`P1 ${label}`, ctx);
	return { warmUp: { ms: warm.ms, rss: warm.rss, cartonaRequests: warm.cartonaRequests, odooCalls: warm.odooCalls }, ...run, loadAverage: os.loadavg() };
}

async function orderPull(n8n, sandbox, proxy, odoo) {
	const since = sandbox.requests.length;
	proxy.reset();
	const rss = ib.rssSampler(n8n.pid);
	const t = Date.now();
	const r = await n8n.webhook('bench-order-pull', { body: {} });
	return { ok: r.status === 200, status: r.status, ms: Date.now() - t, cartonaRequests: sandbox.requests.length - since, odooCalls: proxy.counts.total, odooMs: proxy.counts.ms, rss: rss.stop() };
}

/**
 * Large catalogues in one SQL statement per table instead of the ORM (which took 954 s for
 * 7,000 products with their stock on a loaded machine): products P<from>..P<to> cloned from
 * P000001 (made by the ORM, with its stock quant), each its own template, its own name, default
 * code, list price and a stock quant of its own. Odoo's ORM caches nothing of these between
 * requests; the outbox is not fed (fixtures are not part of the measurement).
 * PostgreSQL as odoo_runner.py connects (ODOO_DB_HOST/PORT/USER/PASSWORD, default odoo/odoo).
 */
function sqlCloneProducts(env, from, to, stockUpTo) {
	const { execFileSync } = require('node:child_process');
	const t = Date.now();
	const sql = `
DO $$
DECLARE proto_p int; proto_t int; tcols text; ptcols text; pcols text; ppcols text; qcols text; qqcols text; name_type text;
BEGIN
  SELECT id, product_tmpl_id INTO proto_p, proto_t FROM product_product WHERE cartona_id = 'P000001';
  IF proto_p IS NULL THEN RAISE EXCEPTION 'P000001 (the prototype) is missing'; END IF;
  SELECT data_type INTO name_type FROM information_schema.columns WHERE table_name = 'product_template' AND column_name = 'name';
  SELECT string_agg(quote_ident(column_name), ','), string_agg('pt.' || quote_ident(column_name), ',') INTO tcols, ptcols
    FROM information_schema.columns WHERE table_name = 'product_template' AND column_name NOT IN ('id', 'name', 'list_price', 'default_code', 'cartona_id');
  SELECT string_agg(quote_ident(column_name), ','), string_agg('pp.' || quote_ident(column_name), ',') INTO pcols, ppcols
    FROM information_schema.columns WHERE table_name = 'product_product' AND column_name NOT IN ('id', 'product_tmpl_id', 'default_code', 'cartona_id');
  SELECT string_agg(quote_ident(column_name), ','), string_agg('q.' || quote_ident(column_name), ',') INTO qcols, qqcols
    FROM information_schema.columns WHERE table_name = 'stock_quant' AND column_name NOT IN ('id', 'product_id', 'quantity', 'reserved_quantity');
  CREATE TEMP TABLE bench_new ON COMMIT DROP AS
    SELECT i, nextval('product_template_id_seq')::int AS tid, nextval('product_product_id_seq')::int AS pid
    FROM generate_series(${Number(from)}, ${Number(to)}) i
    WHERE NOT EXISTS (SELECT 1 FROM product_product x WHERE x.cartona_id = 'P' || lpad(i::text, 6, '0'));
  EXECUTE format('INSERT INTO product_template (id, name, list_price, %s) SELECT n.tid, %s, 5 + (n.i %% 97), %s FROM bench_new n, product_template pt WHERE pt.id = %s',
    tcols, CASE WHEN name_type = 'jsonb' THEN 'jsonb_build_object(''en_US'', ''Bench product '' || n.i)' ELSE '''Bench product '' || n.i' END, ptcols, proto_t);
  EXECUTE format('INSERT INTO product_product (id, product_tmpl_id, default_code, cartona_id, %s) SELECT n.pid, n.tid, ''B-'' || n.i, ''P'' || lpad(n.i::text, 6, ''0''), %s FROM bench_new n, product_product pp WHERE pp.id = %s',
    pcols, ppcols, proto_p);
  EXECUTE format('INSERT INTO stock_quant (product_id, quantity, reserved_quantity, %s) SELECT n.pid, 1 + ((n.i * 7) %% 500), 0, %s FROM bench_new n, (SELECT q0.* FROM stock_quant q0 JOIN stock_location l ON l.id = q0.location_id WHERE q0.product_id = %s AND l.usage = ''internal'' ORDER BY q0.id LIMIT 1) q WHERE n.i <= ${Number.isFinite(stockUpTo) ? Number(stockUpTo) : 2147483647}',
    qcols, qqcols, proto_p);
END $$;
ANALYZE product_template; ANALYZE product_product; ANALYZE stock_quant;`;
	const pg = {
		PGHOST: process.env.ODOO_DB_HOST || '127.0.0.1',
		PGPORT: process.env.ODOO_DB_PORT || '5432',
		PGUSER: process.env.ODOO_DB_USER || 'odoo',
		PGPASSWORD: process.env.ODOO_DB_PASSWORD || 'odoo',
	};
	execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', env.db, '-c', sql], { env: { ...process.env, ...pg }, stdio: ['ignore', 'inherit', 'inherit'] });
	return Date.now() - t;
}

/** The ORM makes the first ORM_PRODUCTS (real products, P000001 the prototype); SQL clones the rest. */
const ORM_PRODUCTS = Number(process.env.BENCH_GROWTH_ORM_PRODUCTS || 1000);

async function growCatalogue(odoo, env, size) {
	const orm = await ib.ensureProducts(odoo, env, Math.min(size, ORM_PRODUCTS), STOCK_UP_TO);
	if (size <= ORM_PRODUCTS) return orm;
	const ms = sqlCloneProducts(env, ORM_PRODUCTS + 1, size, STOCK_UP_TO);
	log(`products: up to ${size} cloned in SQL in ${ms} ms`);
	return { ...orm, clonedBySql: { upTo: size, ms } };
}

/** Written after every step, so a run stopped early (SIGTERM, or too slow) keeps what it measured. */
function save(results, started) {
	results.totalMs = Date.now() - started;
	results.loadAverage.end = os.loadavg();
	fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
	fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
}

async function main() {
	const started = Date.now();
	const results = { ...provenance(), n8n: '2.41.1', sizes: SIZES, pageSize: ib.setting(stockPush(), 'pageSize').value, n8nNodeOptions: N8N_NODE_OPTIONS, orderSizes: ORDER_SIZES, loadAverage: { start: os.loadavg() }, P1: [], P3: [] };
	let odooHandle;
	let sandbox;
	let proxy;
	let n8n;
	process.once('SIGTERM', () => {
		results.stoppedEarly = true;
		save(results, started);
		log('growth: stopped by SIGTERM; partial results written');
		Promise.resolve(n8n?.stop()).finally(() => process.exit(1));
	});
	try {
		log('growth: starting Odoo 17.0, the sandbox and the counting proxy');
		odooHandle = await ib.startOdoo('http://127.0.0.1:9');
		const env = odooHandle.env;
		results.odoo = { series: env.series, protocol: env.protocol || 'jsonRpc' };
		const admin = { ...env, login: process.env.ODOO_ADMIN_LOGIN || 'admin', password: process.env.ODOO_ADMIN_PASSWORD || 'admin', apiKey: undefined };
		const odoo = ib.odooClient(admin);
		sandbox = await startSandbox({ port: 0, token: TOKEN, seed: { products: Math.max(...SIZES), orders: 0 } });
		proxy = await ib.countingProxy(env.url);
		// The order pull runs after the P1 of this size (default 10,000) on that n8n, before the
		// largest catalogue's fixtures (the longest step), so a run stopped early still has it.
		const ordersAfter = Number(process.env.BENCH_GROWTH_ORDERS_AFTER || 10000);
		for (const size of SIZES) {
			const fixtures = { ...(await growCatalogue(odoo, env, size)), stockedUpTo: STOCK_UP_TO };
			const mapped = await odoo.orm('product.product', 'search_count', [[['cartona_id', '!=', false]]]);
			n8n = await freshN8n(sandbox, proxy, env, admin);
			results.P1.push({ products: mapped, fixtures, ...(await p1Runs(n8n, sandbox, proxy, `${size}`)) });
			save(results, started);
			if (size === ordersAfter || (size === SIZES[SIZES.length - 1] && !results.P3.length)) await orderPulls(n8n, sandbox, proxy, odoo, results, started, mapped);
			if (size !== SIZES[SIZES.length - 1] || UNCAPPED) {
				await n8n.stop();
				n8n = undefined;
			}
		}
		if (UNCAPPED) {
			// The largest catalogue is in Odoo already; the same two runs with V8's default heap.
			n8n = await freshN8n(sandbox, proxy, env, admin, '');
			results.P1Uncapped = { products: results.P1[results.P1.length - 1].products, n8nNodeOptions: '', ...(await p1Runs(n8n, sandbox, proxy, `${UNCAPPED}, no heap cap`)) };
			save(results, started);
		}
	} finally {
		save(results, started);
		await n8n?.stop().catch(() => undefined);
		await proxy?.close();
		await sandbox?.close();
		await odooHandle?.stop();
	}
	printTable(results);
}

/**
 * `count` sandbox-generated orders whose hashed_ids no earlier run made: the sandbox numbers its
 * orders from 1 after every reset, so against a reused Odoo (ODOO_TEST_ENV) the orders of a second
 * run were all already imported ('existing', 0 created: not the new orders P3 measures).
 */
let orderBase = Number(process.env.BENCH_GROWTH_ORDER_BASE || Date.now() % 1e9);
function newOrders(products, count) {
	const { SandboxStore, publicOrder } = require(path.join(ROOT, 'sandbox', 'store'));
	const store = new SandboxStore({ products, orders: 0 });
	store.nextOrderNo = orderBase;
	orderBase += count;
	store.addOrders(count);
	return store.orderList.map(publicOrder);
}

/** The order pulls at every count; the sandbox's catalogue is the products Odoo has mapped meanwhile (orders name them). */
async function orderPulls(n8n, sandbox, proxy, odoo, results, started, mapped) {
	sandbox.reset({ products: mapped, orders: 0 });
	try {
		for (const count of ORDER_SIZES) {
			const before = await odoo.orm('sale.order', 'search_count', [[['marketplace_order_id', '!=', false]]]);
			sandbox.addOrders(newOrders(mapped, count));
			const first = await orderPull(n8n, sandbox, proxy, odoo);
			const afterFirst = await odoo.orm('sale.order', 'search_count', [[['marketplace_order_id', '!=', false]]]);
			const again = await orderPull(n8n, sandbox, proxy, odoo);
			const afterAgain = await odoo.orm('sale.order', 'search_count', [[['marketplace_order_id', '!=', false]]]);
			const rows = await odoo.orm('sale.order', 'search_read', [[['marketplace_order_id', '!=', false]]], { fields: ['marketplace_order_id'] });
			const distinct = new Set(rows.map((x) => x.marketplace_order_id)).size;
			const unsynced = sandbox.listOrders().filter((o) => !o.synced).length;
			const row = {
				orders: count,
				first: { ...first, saleOrdersCreated: afterFirst - before, perOrderMs: Math.round((first.ms / count) * 10) / 10 },
				again: { ...again, saleOrdersCreated: afterAgain - afterFirst },
				duplicates: rows.length - distinct + (afterAgain - afterFirst),
				notAcknowledged: unsynced,
				loadAverage: os.loadavg(),
			};
			results.P3.push(row);
			save(results, started);
			log('P3', count, JSON.stringify(row));
		}
	} finally {
		sandbox.reset({ products: Math.max(...SIZES), orders: 0 });
	}
}

function printTable(r) {
	const lines = [`Growth (Odoo ${r.odoo?.series}, n8n ${r.n8n}; load ${r.loadAverage.start.map((x) => x.toFixed(2)).join(' ')} -> ${(r.loadAverage.end || []).map((x) => x.toFixed(2)).join(' ')})`];
	lines.push('| products | time (s) | Cartona requests | Odoo calls | n8n peak RSS (MB) | RSS growth (MB) |', '|---|---|---|---|---|---|');
	for (const x of r.P1) lines.push(`| ${x.products} | ${(x.ms / 1000).toFixed(1)} | ${x.cartonaRequests} | ${x.odooCalls} | ${x.rss.peakMb} | ${x.rss.growthMb} |`);
	const u = r.P1Uncapped;
	if (u) lines.push(`| ${u.products}, no heap cap | ${(u.ms / 1000).toFixed(1)} | ${u.cartonaRequests} | ${u.odooCalls} | ${u.rss.peakMb} | ${u.rss.growthMb} (warm-up ${u.warmUp.rss.growthMb}) |`);
	lines.push('| orders | time (s) | Cartona requests | Odoo calls | created | again created | duplicates | RSS growth (MB) |', '|---|---|---|---|---|---|---|---|');
	for (const x of r.P3) lines.push(`| ${x.orders} | ${(x.first.ms / 1000).toFixed(1)} | ${x.first.cartonaRequests} | ${x.first.odooCalls} | ${x.first.saleOrdersCreated} | ${x.again.saleOrdersCreated} | ${x.duplicates} | ${x.first.rss.growthMb} |`);
	console.log(lines.join('\n'));
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
