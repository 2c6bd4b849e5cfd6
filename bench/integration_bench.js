#!/usr/bin/env node
'use strict';
/**
 * Integration bench (issue 5, "npm run bench"): our templates against two peers built from n8n's
 * built-in nodes, in the real n8n 2.41.1 server, against one real Odoo 17.0 database with 10,000
 * mapped products and one Cartona sandbox. Writes bench/results/integration.json and prints a table.
 *
 *   P1 full stock + price push of 10,000 products: ours (stock push template, reconciliation path),
 *      peer (a) naive, peer (b) batched, peer (b2) batched with the body mapped in one expression,
 *      and the floor (one Odoo read + 100 plain posts from here, BENCH_CONCURRENCY at a time, as
 *      many as ours; and one at a time):
 *      wall time, Cartona requests (sandbox log), Odoo calls (a counting proxy), n8n peak RSS.
 *   P2 an edit in Odoo until the sandbox has it (Odoo pings the router itself), 50 edits: p50/p95.
 *   P3 order import through the order pull template: N orders, then the same pull again.
 *   P4 n8n RSS growth during P1 (ours).
 *
 * Odoo: ODOO_TEST_ENV (JSON of a running one) or `scripts/odoo/serve.sh 17.0` (needs a 17.0 tree).
 * Environment: BENCH_PRODUCTS (10000), BENCH_EDITS (50), BENCH_ORDERS (100), BENCH_SKIP_NAIVE=1, BENCH_SKIP_BATCHED=1,
 * BENCH_LATENCY_MS (0: loopback) and BENCH_JITTER_MS (0): the sandbox's delay before every answer
 * (issue 11); BENCH_CONCURRENCY (that of ours' push node in the stock push template): the floor's
 * posts in flight. A run with latency writes
 * bench/results/integration-latency.json, a loopback run integration.json.
 * Run: bash bench/integration_bench.sh
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');

const ROOT = path.resolve(__dirname, '..');
const { startSandbox } = require(path.join(ROOT, 'sandbox', 'server'));
const { provenance } = require(path.join(__dirname, 'provenance'));
const { startN8n, freePort } = require(path.join(ROOT, 'scripts', 'n8n', 'server'));

const N = Number(process.env.BENCH_PRODUCTS || 10000);
const EDITS = Number(process.env.BENCH_EDITS || 50);
const ORDERS = Number(process.env.BENCH_ORDERS || 100);
const TOKEN = 'bench-cartona-token';
const SECRET = 'bench-webhook-secret';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 0);
const JITTER_MS = Number(process.env.BENCH_JITTER_MS || 0);
/** The stock push template's reconciliation push node: ours in P1. */
const OURS_PUSH_NODE = 'Push stock and prices of every product';
/**
 * The floor's posts in flight: BENCH_CONCURRENCY, else the Concurrency of ours' push node in
 * workflows/stock-push.json, so the floor always sends as many at once as ours does.
 */
function floorConcurrency() {
	if (process.env.BENCH_CONCURRENCY) return Number(process.env.BENCH_CONCURRENCY);
	const wf = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', 'stock-push.json'), 'utf8'));
	const push = wf.nodes.find((n) => n.name === OURS_PUSH_NODE);
	const concurrency = push?.parameters?.options?.concurrency;
	if (!Number.isInteger(concurrency)) throw new Error(`workflows/stock-push.json: "${OURS_PUSH_NODE}" sets no Concurrency; set BENCH_CONCURRENCY`);
	return concurrency;
}
/** BENCH_TRACE=1: keep successful runs' data and log where ours spends its time (see trace()). */
const TRACE = process.env.BENCH_TRACE === '1';
// BENCH_RESULTS_DIR: somewhere else than bench/results (a reduced run that must not replace the committed figures).
const RESULTS = path.join(process.env.BENCH_RESULTS_DIR || path.join(__dirname, 'results'), LATENCY_MS > 0 ? `integration-latency.json` : 'integration.json');

// A contender that runs longer than fetch's default five-minute headers timeout (peer (b) at
// 80 ms on a loaded machine, peer (a) naive with latency) must not lose the whole run: the
// webhooks answer when the run ends. undici is a transitive dev dependency; global fetch honours
// its dispatcher (Node 20 and 24). The growth bench requires this module, so it gets it too.
try {
	const { setGlobalDispatcher, Agent } = require('undici');
	setGlobalDispatcher(new Agent({ headersTimeout: 60 * 60000, bodyTimeout: 60 * 60000 }));
} catch {
	console.error('integration bench: undici not found, fetch keeps its five-minute headers timeout');
}
const cartonaId = (i) => `P${String(i).padStart(6, '0')}`;
const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

// ------------------------------------------------------------------ Odoo

function odoo17Tree() {
	const tree = process.env.ODOO_SRC_17 || path.join(os.homedir(), '.cache', 'odoo', '17.0');
	return fs.existsSync(path.join(tree, 'odoo-bin')) ? tree : undefined;
}

async function startOdoo(n8nUrl) {
	if (process.env.ODOO_TEST_ENV) return { env: JSON.parse(fs.readFileSync(process.env.ODOO_TEST_ENV, 'utf8')), stop: async () => undefined };
	const tree = odoo17Tree();
	const serve = path.join(ROOT, 'scripts', 'odoo', 'serve.sh');
	if (!tree) throw new Error('no Odoo 17.0 tree (ODOO_SRC_17 or ~/.cache/odoo/17.0): the bench needs a real Odoo');
	if (!fs.existsSync(serve)) throw new Error('scripts/odoo/serve.sh is missing');
	const child = spawn('bash', [serve, '17.0', '--n8n-url', n8nUrl], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ODOO_SRC_17: tree } });
	let out = '';
	let err = '';
	const env = await new Promise((resolve, reject) => {
		child.stdout.on('data', (d) => {
			out += d;
			for (const line of out.split('\n')) {
				if (!line.trim().startsWith('{')) continue;
				try {
					const j = JSON.parse(line);
					if (j.url && j.db) resolve(j);
				} catch {
					/* partial */
				}
			}
		});
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code) => code !== 0 && reject(new Error(`serve.sh exited ${code}: ${err.slice(-2000)}`)));
	});
	return {
		env,
		// serve.sh leaves Odoo running on its own: stop it by its pid file.
		stop: () => new Promise((r) => spawn('bash', [serve, '--stop', '17.0'], { cwd: ROOT, stdio: 'ignore' }).on('exit', r)),
	};
}

/** Minimal JSON-RPC client (execute_kw), enough for fixtures and the floor's one read. */
function odooClient(env, baseUrl = env.url) {
	let uid;
	const password = env.apiKey || env.password;
	async function call(service, method, args) {
		const res = await fetch(new URL('/jsonrpc', baseUrl), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service, method, args } }),
		});
		const j = await res.json();
		if (j.error) throw new Error(`${method}: ${j.error.data?.message || j.error.message}`);
		return j.result;
	}
	return {
		async login() {
			uid = uid ?? (await call('common', 'login', [env.db, env.login, password]));
			if (!uid) throw new Error(`Odoo login failed for ${env.login}`);
			return uid;
		},
		async orm(model, method, args, kwargs = {}) {
			await this.login();
			return call('object', 'execute_kw', [env.db, uid, password, model, method, args, kwargs]);
		},
	};
}

/** A loopback proxy in front of Odoo that counts requests by path (the peers' and ours' Odoo calls). */
function countingProxy(target) {
	const t = new URL(target);
	// ms: the summed time of the calls (request in until Odoo's answer ended): Odoo's share of a run.
	const counts = { total: 0, byPath: {}, ms: 0 };
	const server = http.createServer((req, res) => {
		counts.total++;
		const p = req.url.split('?')[0];
		counts.byPath[p] = (counts.byPath[p] || 0) + 1;
		const started = Date.now();
		const up = http.request({ host: t.hostname, port: t.port || 80, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } }, (r) => {
			res.writeHead(r.statusCode, r.headers);
			r.on('end', () => (counts.ms += Date.now() - started));
			r.pipe(res);
		});
		up.on('error', (e) => {
			res.writeHead(502);
			res.end(String(e));
		});
		req.pipe(up);
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}`,
				counts,
				reset() {
					counts.total = 0;
					counts.byPath = {};
					counts.ms = 0;
				},
				close: () => new Promise((r) => server.close(r)),
			}),
		),
	);
}

/** 10,000 storable products with cartona_id P000001.., each with some stock; no outbox noise. */
async function ensureProducts(odoo, env, count = N, stockUpTo = Infinity) {
	const ctx = { context: { marketplace_no_outbox: true, tracking_disable: true } };
	const have = await odoo.orm('product.product', 'search_count', [[['cartona_id', '=like', 'P%']]]);
	const storable = Number.parseFloat(env.series) >= 18 ? { type: 'consu', is_storable: true } : { detailed_type: 'product' };
	const config = (await odoo.orm('marketplace.supplier.config', 'read', [[env.configId]], { fields: ['warehouse_ids'] }))[0];
	const [wh] = await odoo.orm('stock.warehouse', 'read', [config.warehouse_ids.slice(0, 1)], { fields: ['lot_stock_id'] });
	const location = wh.lot_stock_id[0];
	if (have >= count) return { location, created: 0 };
	const t = Date.now();
	const existing = new Set((await odoo.orm('product.product', 'search_read', [[['cartona_id', '=like', 'P%']]], { fields: ['cartona_id'] })).map((p) => p.cartona_id));
	const todo = [];
	for (let i = 1; i <= count; i++) if (!existing.has(cartonaId(i))) todo.push(i);
	for (let at = 0; at < todo.length; at += 1000) {
		const chunk = todo.slice(at, at + 1000);
		const ids = await odoo.orm('product.product', 'create', [chunk.map((i) => ({ name: `Bench product ${i}`, default_code: `B-${i}`, list_price: 5 + (i % 97), cartona_id: cartonaId(i), ...storable }))], ctx);
		// stockUpTo: products above it get no stock (the growth bench's large catalogues: applying
		// inventory is most of the fixture time; the snapshot still reads every product).
		const stocked = ids.filter((_, k) => chunk[k] <= stockUpTo);
		if (stocked.length) {
			const quants = await odoo.orm('stock.quant', 'create', [stocked.map((id, k) => ({ product_id: id, location_id: location, inventory_quantity: 1 + ((chunk[k] * 7) % 500) }))], ctx);
			await odoo.orm('stock.quant', 'action_apply_inventory', [quants], ctx);
		}
		log(`products: ${Math.min(at + 1000, todo.length)}/${todo.length}`);
	}
	// Anything the fixtures queued anyway is not part of the measurement.
	// Drain: claim and acknowledge, so nothing stays leased (a leased entry is not claimable
	// again until its lease ends, which would hide later changes of those products).
	for (let k = 0; k < 10; k++) {
		const claimed = await odoo.orm('marketplace.supplier.config', 'cartona_outbox_claim', [], { config_id: env.configId, limit: 5000, lease_seconds: 120 }).catch(() => []);
		if (!claimed.length) break;
		await odoo.orm('marketplace.supplier.config', 'cartona_outbox_ack', [], { config_id: env.configId, entries: claimed.map((c) => ({ entry_id: c.entry_id, ok: true })) });
	}
	return { location, created: todo.length, ms: Date.now() - t };
}

// ------------------------------------------------------------------ measurement helpers

function treeRssBytes(pid) {
	const pids = [pid];
	try {
		for (const p of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(p)) continue;
			try {
				const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
				const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				if (pids.includes(ppid)) pids.push(Number(p));
			} catch {
				/* gone */
			}
		}
	} catch {
		/* no /proc */
	}
	let total = 0;
	for (const p of pids) {
		try {
			const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
			if (m) total += Number(m[1]) * 1024;
		} catch {
			/* gone */
		}
	}
	return total;
}

function rssSampler(pid) {
	const start = treeRssBytes(pid);
	let peak = start;
	const timer = setInterval(() => {
		peak = Math.max(peak, treeRssBytes(pid));
	}, 100);
	return {
		stop() {
			clearInterval(timer);
			const end = treeRssBytes(pid);
			peak = Math.max(peak, end);
			return { startMb: mb(start), peakMb: mb(peak), endMb: mb(end), growthMb: mb(peak - start) };
		},
	};
}

const mb = (b) => Math.round((b / 1048576) * 10) / 10;
const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function pushedItems(requests, since) {
	return requests.slice(since).filter((r) => r.path === 'supplier-product/bulk-update' && r.status === 200);
}

/** Runs one P1 contender through a webhook and measures it. */
async function measure(name, { n8n, sandbox, proxy, pathName, workflowId }) {
	const since = sandbox.requests.length;
	proxy.reset();
	const rss = rssSampler(n8n.pid);
	const t = Date.now();
	const r = await n8n.webhook(pathName, { body: {} });
	const ms = Date.now() - t;
	const mem = rss.stop();
	const calls = sandbox.requests.slice(since);
	const posts = pushedItems(sandbox.requests, since);
	const items = posts.reduce((s, p) => s + (Array.isArray(p.body) ? p.body.length : 0), 0);
	const withBoth = posts.reduce((s, p) => s + (Array.isArray(p.body) ? p.body.filter((x) => x.available_stock_quantity !== undefined && x.selling_price !== undefined).length : 0), 0);
	const result = {
		name,
		ok: r.status === 200,
		status: r.status,
		ms,
		cartonaRequests: sandbox.requests.length - since,
		itemsSent: items,
		itemsWithStockAndPrice: withBoth,
		odooCalls: proxy.counts.total,
		odooCallsByPath: { ...proxy.counts.byPath },
		odooMs: proxy.counts.ms,
		rss: mem,
	};
	// Where the time goes: before the first Cartona request (Odoo reads, n8n), and from the first
	// Cartona request to the last answer (the sandbox's log: arrival time plus duration).
	if (calls.length) {
		const first = Date.parse(calls[0].at);
		const last = Math.max(...calls.map((c) => Date.parse(c.at) + (c.durationMs || 0)));
		result.beforeFirstCartonaMs = first - t;
		result.cartonaPhaseMs = last - first;
	}
	if (TRACE && result.ok && workflowId) result.trace = await trace(n8n, workflowId, t);
	if (!result.ok && workflowId) {
		const [last] = await n8n.executions({ workflowId, limit: 1 }).catch(() => []);
		if (last) {
			const e = await n8n.execution(last.id).catch(() => undefined);
			result.error = e?.data?.resultData?.error?.message;
		}
	}
	log(name, JSON.stringify(result));
	return result;
}

/**
 * BENCH_TRACE=1 (with success data saved): where one run's time goes, node by node. For each
 * execution of the workflow that started after `t` (the run and its sub-executions, one per page),
 * every node run's start and end in ms from the webhook call, oldest first.
 */
async function trace(n8n, workflowId, t) {
	const list = await n8n.executions({ workflowId, limit: 20 });
	const out = [];
	for (const e of list.filter((x) => Date.parse(x.startedAt) >= t - 50).reverse()) {
		const full = await n8n.execution(e.id);
		const runData = full?.data?.resultData?.runData || {};
		const nodes = [];
		for (const [node, runs] of Object.entries(runData)) {
			for (const r of runs) nodes.push({ node, startMs: r.startTime - t, endMs: r.startTime + r.executionTime - t, items: (r.data?.main || []).reduce((n, o) => n + (o?.length || 0), 0) });
		}
		nodes.sort((a, b) => a.startMs - b.startMs);
		out.push({ id: e.id, startMs: Date.parse(e.startedAt) - t, endMs: Date.parse(e.stoppedAt) - t, nodes });
	}
	for (const x of out) {
		log(`trace execution ${x.id}: ${x.startMs}..${x.endMs} ms`);
		for (const n of x.nodes) log(`  ${String(n.startMs).padStart(6)}..${String(n.endMs).padStart(6)} ms  ${n.node} (${n.items} items)`);
	}
	return out;
}

/**
 * The floor: one Odoo read and 100 plain posts of 100 items, from this process, `concurrency`
 * posts in flight at a time (the same bound the Cartona node uses, so the ratio stays honest).
 */
async function floor({ sandbox, proxy, admin, concurrency = 1 }) {
	const since = sandbox.requests.length;
	proxy.reset();
	const odoo = odooClient(admin, proxy.url);
	const t = Date.now();
	await odoo.login();
	const rows = await odoo.orm('product.product', 'search_read', [[['cartona_id', '!=', false]]], { fields: ['cartona_id', 'free_qty', 'lst_price'] });
	const base = sandbox.url.replace(/\/+$/, '');
	const starts = [];
	for (let at = 0; at < rows.length; at += 100) starts.push(at);
	const post = async (at) => {
		const body = rows.slice(at, at + 100).map((p) => ({
			internal_product_id: p.cartona_id,
			available_stock_quantity: Math.max(0, Math.floor(p.free_qty)),
			in_stock: p.free_qty > 0,
			selling_price: p.lst_price,
		}));
		const res = await fetch(`${base}/supplier-product/bulk-update`, { method: 'POST', headers: { 'content-type': 'application/json', AuthorizationToken: TOKEN }, body: JSON.stringify(body) });
		if (!res.ok) throw new Error(`floor post ${res.status}`);
		await res.arrayBuffer();
	};
	let next = 0;
	const worker = async () => {
		while (next < starts.length) await post(starts[next++]);
	};
	await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	const ms = Date.now() - t;
	const name = concurrency > 1 ? 'floor' : 'floor, one post at a time';
	const result = { name, ok: true, ms, concurrency, cartonaRequests: sandbox.requests.length - since, itemsSent: rows.length, odooCalls: proxy.counts.total, note: `login + one search_read; ${concurrency} post(s) in flight; no n8n` };
	log(name, JSON.stringify(result));
	return result;
}

// ------------------------------------------------------------------ workflows

const load = (rel) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));

function withWebhook(wf, pathName) {
	const copy = JSON.parse(JSON.stringify(wf));
	copy.nodes.push({
		id: crypto.randomUUID(),
		name: 'Bench: run now',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [-500, 700],
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'POST', path: pathName, responseMode: 'lastNode', responseData: 'noData', options: {} },
	});
	copy.connections['Bench: run now'] = { main: [[{ node: 'Settings', type: 'main', index: 0 }]] };
	for (const n of copy.nodes) if (n.type === 'n8n-nodes-base.scheduleTrigger') n.disabled = true;
	return copy;
}

/** The assignment `name` of a workflow's Settings node (set its `value` to change the setting). */
function setting(wf, name) {
	const settings = wf.nodes.find((n) => n.name === 'Settings');
	const assignment = settings?.parameters.assignments.assignments.find((a) => a.name === name);
	if (!assignment) throw new Error(`${wf.name}: Settings has no ${name}`);
	return assignment;
}

function peer(rel, sandboxUrl) {
	const wf = load(rel);
	setting(wf, 'cartonaBaseUrl').value = sandboxUrl.replace(/\/+$/, '');
	return wf;
}

function signed(raw, secret) {
	const ts = Math.floor(Date.now() / 1000);
	const nonce = crypto.randomUUID().replace(/-/g, '');
	return {
		'content-type': 'application/json',
		'x-cartona-timestamp': String(ts),
		'x-cartona-nonce': nonce,
		'x-cartona-signature': 'sha256=' + crypto.createHmac('sha256', secret).update(`${ts}.${nonce}.`).update(raw).digest('hex'),
	};
}

/** n8n answers 503 "Database is not ready" for a while after a very large execution: retry. */
async function retry503(fn, timeoutMs = 60000) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await fn();
		} catch (e) {
			if (e.status !== 503 || Date.now() > end) throw e;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

// ------------------------------------------------------------------ main

async function main() {
	const started = Date.now();
	const results = { ...provenance(), products: N, n8n: '2.41.1', network: { latencyMs: LATENCY_MS, jitterMs: JITTER_MS }, loadAverage: { start: os.loadavg() } };
	let odooHandle;
	let sandbox;
	let proxy;
	let n8n;
	try {
		log('starting Odoo 17.0, the sandbox and the counting proxy');
		const port = await freePort();
		odooHandle = await startOdoo(`http://127.0.0.1:${port}`);
		const env = odooHandle.env;
		results.odoo = { series: env.series, protocol: env.protocol || 'jsonRpc' };
		// Fixtures and what a user does in Odoo (edits) run as Odoo's admin; n8n and the floor use the integration user.
		// The integration user may call the addon's batch API only; reading stock with the ORM
		// (free_qty) needs inventory rights, so the peers and the floor read as Odoo's admin.
		const admin = { ...env, login: process.env.ODOO_ADMIN_LOGIN || 'admin', password: process.env.ODOO_ADMIN_PASSWORD || 'admin', apiKey: undefined };
		const odoo = odooClient(admin);
		const fixtures = await ensureProducts(odoo, env);
		results.fixtures = fixtures;
		sandbox = await startSandbox({ port: 0, token: TOKEN, seed: { products: N, orders: 0 }, network: { latencyMs: LATENCY_MS, jitterMs: JITTER_MS } });
		proxy = await countingProxy(env.url);
		const secret = env.sharedSecret || SECRET;
		const odooCred = { url: proxy.url, protocol: 'jsonRpc', db: env.db, username: env.login, password: env.apiKey || env.password, webhookSecret: secret };
		log('starting n8n with the package, the templates and the peers');
		n8n = await startN8n({
			port,
			credentials: [
				{ name: 'Cartona account', type: 'cartonaApi', data: { environment: 'custom', url: sandbox.url, token: TOKEN, internalSupplierCode: '' } },
				{ name: 'Odoo (Cartona) account', type: 'odooCartonaApi', data: odooCred },
				{ name: 'Odoo account', type: 'odooApi', data: { url: proxy.url, username: admin.login, password: admin.password, db: env.db } },
				{ name: 'Cartona token header', type: 'httpHeaderAuth', data: { name: 'AuthorizationToken', value: TOKEN } },
				// The error workflow publishes only with its credentials; nothing listens on these.
				{ name: 'SMTP account', type: 'smtp', data: { user: 'bench', password: 'bench', host: '127.0.0.1', port: 9, secure: false } },
				{ name: 'Slack account', type: 'slackApi', data: { accessToken: 'xoxb-bench' } },
			],
			workflows: [
				load('workflows/error-notification.json'),
				withWebhook(load('workflows/stock-push.json'), 'bench-ours'),
				withWebhook(load('workflows/price-push.json'), 'bench-price'),
				withWebhook(load('workflows/order-status-push.json'), 'bench-status'),
				withWebhook(load('workflows/order-details-push.json'), 'bench-details'),
				withWebhook(load('workflows/order-pull.json'), 'bench-order-pull'),
				load('workflows/odoo-ping-router.json'),
				peer('bench/peers/naive.json', sandbox.url),
				peer('bench/peers/batched.json', sandbox.url),
				peer('bench/peers/batched-body.json', sandbox.url),
			],
			env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: TRACE ? 'all' : 'none', N8N_PAYLOAD_SIZE_MAX: '64' },
		});
		for (const id of ['cartonaErrorNtfy', 'cartonaStockPush', 'cartonaPricePush', 'cartonaStatusPsh', 'cartonaDetailPsh', 'cartonaOrderPull', 'benchPeerNaive01', 'benchPeerBatch01', 'benchPeerBatch02']) await n8n.activate(id);

		// ---------------- P1 + P4
		const ctx = { n8n, sandbox, proxy };
		await measure('warm-up (ours)', { ...ctx, pathName: 'bench-ours', workflowId: 'cartonaStockPush' });
		const p1 = {};
		p1.floor = await floor({ sandbox, proxy, admin, concurrency: floorConcurrency() });
		p1.floorSequential = await floor({ sandbox, proxy, admin, concurrency: 1 });
		p1.ours = await measure('ours', { ...ctx, pathName: 'bench-ours', workflowId: 'cartonaStockPush' });
		// BENCH_SKIP_BATCHED=1: without the weak peer (b); by default it runs (fetch waits for it:
		// see the dispatcher above), so one run has every contender.
		if (process.env.BENCH_SKIP_BATCHED === '1') p1.batched = { name: 'peer (b) batched', skipped: true };
		else p1.batched = await measure('peer (b) batched', { ...ctx, pathName: 'bench-batched', workflowId: 'benchPeerBatch01' });
		p1.batchedBody = await measure('peer (b2) batched, body-shaped', { ...ctx, pathName: 'bench-batched-body', workflowId: 'benchPeerBatch02' });
		if (process.env.BENCH_SKIP_NAIVE === '1') p1.naive = { name: 'peer (a) naive', skipped: true };
		else p1.naive = await measure('peer (a) naive', { ...ctx, pathName: 'bench-naive', workflowId: 'benchPeerNaive01' });
		results.P1 = p1;
		results.P4 = { oursRssGrowthMb: p1.ours.rss.growthMb, oursPeakMb: p1.ours.rss.peakMb, baselineMb: p1.ours.rss.startMb };

		// ---------------- P2: Odoo pings the router after each commit
		await odoo.orm('marketplace.supplier.config', 'write', [[env.configId], { api_endpoint: n8n.baseUrl.replace(/\/$/, ''), auth_token: secret }]);
		await retry503(() => n8n.activate('cartonaPingRoute'));
		const raw = JSON.stringify({ event: 'outbox', config_id: env.configId, kinds: ['price', 'stock'], pending: 0, sent_at: new Date().toISOString() });
		await n8n.webhook('cartona-odoo-ping', { body: raw, headers: signed(raw, secret) }); // drains anything pending
		await new Promise((r) => setTimeout(r, 3000));
		const latencies = [];
		const ids = await odoo.orm('product.product', 'search', [[['cartona_id', 'in', Array.from({ length: EDITS }, (_, k) => cartonaId(k + 1))]]], { order: 'id' });
		const byId = (await odoo.orm('product.product', 'read', [ids], { fields: ['cartona_id'] })).reduce((m, p) => ((m[p.id] = p.cartona_id), m), {});
		for (let k = 0; k < ids.length; k++) {
			const price = Math.round((200 + k + Math.random()) * 100) / 100;
			const t = Date.now();
			await odoo.orm('product.product', 'write', [[ids[k]], { lst_price: price }]);
			const cid = byId[ids[k]];
			const deadline = Date.now() + 30000;
			let seen = false;
			while (Date.now() < deadline) {
				const p = sandbox.listProducts().find((x) => x.internal_product_id === cid);
				if (p && p.selling_price === price) {
					seen = true;
					break;
				}
				await new Promise((r) => setTimeout(r, 20));
			}
			latencies.push(seen ? Date.now() - t : null);
		}
		const ok = latencies.filter((x) => x !== null);
		results.P2 = { edits: latencies.length, reached: ok.length, p50Ms: pct(ok, 50), p95Ms: pct(ok, 95), maxMs: Math.max(...ok), latenciesMs: latencies };
		log('P2', JSON.stringify({ ...results.P2, latenciesMs: undefined }));

		// ---------------- P3: order import through the order pull template
		await retry503(() => n8n.deactivate('cartonaPingRoute'));
		sandbox.addOrders(ORDERS);
		let since = sandbox.requests.length;
		proxy.reset();
		let t = Date.now();
		let r = await n8n.webhook('bench-order-pull', { body: {} });
		const first = { ok: r.status === 200, ms: Date.now() - t, cartonaRequests: sandbox.requests.length - since, odooCalls: proxy.counts.total };
		const imported = await odoo.orm('sale.order', 'search_count', [[['marketplace_order_id', '!=', false]]]);
		const acked = sandbox.listOrders().filter((o) => o.synced).length;
		since = sandbox.requests.length;
		proxy.reset();
		t = Date.now();
		r = await n8n.webhook('bench-order-pull', { body: {} });
		const again = { ok: r.status === 200, ms: Date.now() - t, cartonaRequests: sandbox.requests.length - since, odooCalls: proxy.counts.total };
		const importedAgain = await odoo.orm('sale.order', 'search_count', [[['marketplace_order_id', '!=', false]]]);
		results.P3 = { orders: ORDERS, first: { ...first, saleOrders: imported, acknowledged: acked, perOrderMs: Math.round((first.ms / ORDERS) * 10) / 10 }, again: { ...again, newSaleOrders: importedAgain - imported } };
		log('P3', JSON.stringify(results.P3));
	} finally {
		results.totalMs = Date.now() - started;
		results.loadAverage.end = os.loadavg();
		fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
		fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
		await n8n?.stop().catch(() => undefined);
		await proxy?.close();
		await sandbox?.close();
		await odooHandle?.stop();
	}
	printTable(results);
}

function printTable(r) {
	const p1 = r.P1 || {};
	const row = (label, x) =>
		x && !x.skipped
			? `| ${label.padEnd(22)} | ${String((x.ms / 1000).toFixed(1)).padStart(8)} | ${String(x.cartonaRequests).padStart(8)} | ${String(x.odooCalls).padStart(6)} | ${String(x.rss ? x.rss.peakMb : '-').padStart(10)} | ${String(x.itemsSent).padStart(7)} |`
			: `| ${label.padEnd(22)} | skipped |`;
	const lines = [
		`P1 full stock + price push of ${r.products} products (Odoo ${r.odoo?.series}, n8n ${r.n8n}; Cartona latency ${r.network.latencyMs} ms; load ${r.loadAverage.start.map((x) => x.toFixed(2)).join(' ')} -> ${(r.loadAverage.end || []).map((x) => x.toFixed(2)).join(' ')})`,
		'| contender              | time (s) | Cartona  | Odoo   | n8n peak   | items   |',
		'|                        |          | requests | calls  | RSS (MB)   | sent    |',
		'|------------------------|----------|----------|--------|------------|---------|',
		row('ours (stock push)', p1.ours),
		row('peer (b) batched', p1.batched),
		row('peer (b2) body-shaped', p1.batchedBody),
		row('peer (a) naive', p1.naive),
		row('floor (script)', p1.floor),
		row('floor, sequential', p1.floorSequential),
	];
	if (p1.ours && p1.floor) lines.push(`ours / floor = ${(p1.ours.ms / p1.floor.ms).toFixed(2)}x` + (p1.naive && !p1.naive.skipped ? `; naive / ours = ${(p1.naive.ms / p1.ours.ms).toFixed(1)}x` : '') + (p1.batched ? `; batched / ours = ${(p1.batched.ms / p1.ours.ms).toFixed(2)}x` : '') + (p1.batchedBody ? `; b2 / ours = ${(p1.batchedBody.ms / p1.ours.ms).toFixed(2)}x` : ''));
	if (r.P2) lines.push(`P2 Odoo edit -> sandbox, ${r.P2.edits} edits: p50 ${r.P2.p50Ms} ms, p95 ${r.P2.p95Ms} ms, max ${r.P2.maxMs} ms (${r.P2.reached} reached)`);
	if (r.P3) lines.push(`P3 order pull of ${r.P3.orders} orders: ${r.P3.first.ms} ms (${r.P3.first.perOrderMs} ms/order), ${r.P3.first.cartonaRequests} Cartona requests, ${r.P3.first.odooCalls} Odoo calls; again: ${r.P3.again.ms} ms, ${r.P3.again.newSaleOrders} new sale orders`);
	if (r.P4) lines.push(`P4 n8n RSS growth during P1 (ours): ${r.P4.oursRssGrowthMb} MB (baseline ${r.P4.baselineMb} MB, peak ${r.P4.oursPeakMb} MB)`);
	console.log(lines.join('\n'));
}

module.exports = { startOdoo, odooClient, countingProxy, ensureProducts, rssSampler, treeRssBytes, measure, load, withWebhook, setting, mb, cartonaId, log, TOKEN, SECRET };

if (require.main === module) {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
