#!/usr/bin/env node
'use strict';
/**
 * Queue-mode bench (issue 11, items 5-6): many suppliers on one n8n, one process vs queue mode.
 *
 * BENCH_SUPPLIERS (20) suppliers, each with its own Cartona sandbox (its own token, its own
 * BENCH_SUPPLIER_PRODUCTS (2000) products with IDs S<k>-<i>), its own Cartona credential and its own
 * workflow: Webhook -> Cartona Product Get Many (Return All) -> Cartona Product Bulk Update of every
 * product (the node's defaults: batches of 100, Concurrency 4). All suppliers are started at once,
 * BENCH_ROUNDS (2) times, on
 *   - one n8n process (regular mode, n8n's default SQLite), and
 *   - queue mode: main + BENCH_WORKERS (2) workers (`scripts/n8n/queue.js`: Redis, PostgreSQL).
 * Then one more round in queue mode with supplier 0's Cartona slowed down (BENCH_SLOW_MS, 3000 ms
 * before every answer): do the others take longer?
 *
 * Measured (a supplier is done when its sandbox has each of its products): wall time per round, products per second, p50/p95 per supplier, Cartona requests,
 * n8n RSS (every process), lost or duplicated products (each sandbox must receive each of its
 * products exactly once per round) and cross-supplier leaks (an ID of another supplier, or a
 * request refused for its token, in a supplier's sandbox). Odoo is not part of this bench: it
 * isolates n8n's side (Odoo's share is the growth and integration benches).
 * Writes bench/results/queue.json. Run: bash bench/queue_bench.sh
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const { startSandbox } = require(path.join(ROOT, 'sandbox', 'server'));
const { provenance } = require(path.join(__dirname, 'provenance'));
const { startN8n } = require(path.join(ROOT, 'scripts', 'n8n', 'server'));
const { startQueueCluster } = require(path.join(ROOT, 'scripts', 'n8n', 'queue'));

const SUPPLIERS = Number(process.env.BENCH_SUPPLIERS || 20);
const PRODUCTS = Number(process.env.BENCH_SUPPLIER_PRODUCTS || 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const WORKERS = Number(process.env.BENCH_WORKERS || 2);
const SLOW_MS = Number(process.env.BENCH_SLOW_MS || 3000);
const ROUND_TIMEOUT_MS = Number(process.env.BENCH_ROUND_TIMEOUT_MS || 600000);
const RESULTS = path.resolve(__dirname, 'results', process.env.BENCH_QUEUE_OUT || 'queue.json');
const log = (...a) => console.error(`[queue-bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const pad = (k) => String(k).padStart(2, '0');
const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** The fields of /proc/<pid>/stat after the command name (state first), or null when it is gone. */
function procStat(p) {
	try {
		const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return null;
	}
}

/** `pids` and every process below them. */
function treePids(pids) {
	const all = new Set(pids);
	for (const p of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(p)) continue;
		const fields = procStat(p);
		if (fields && all.has(Number(fields[1]))) all.add(Number(p));
	}
	return all;
}

/** CPU time (clock ticks, user + system) of the processes `pids` and those below them. */
function treeTicks(pids) {
	let ticks = 0;
	for (const p of treePids(pids)) {
		const fields = procStat(p);
		if (fields) ticks += Number(fields[11]) + Number(fields[12]);
	}
	return ticks;
}

/** The machine's CPU ticks since boot, all cores: { total, busy } (idle and iowait are not busy). */
function machineTicks() {
	const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const n = values.slice(0, 8).map(Number);
	const total = n.reduce((a, b) => a + b, 0);
	return { total, busy: total - n[3] - n[4] };
}

/**
 * Where a round's CPU went, in cores (1 = one core busy for the whole round): the machine, n8n's
 * processes, and this process (the suppliers' sandboxes and the client). On 2 cores a machine
 * figure near 2 means the round was CPU-bound: more n8n processes cannot make it faster.
 */
function cpuMeter(pids) {
	const cores = os.cpus().length;
	const m0 = machineTicks();
	const n0 = treeTicks(pids);
	const b0 = process.cpuUsage();
	const t0 = Date.now();
	return () => {
		const m1 = machineTicks();
		const span = m1.total - m0.total || 1; // ticks of all cores over the round
		const b = process.cpuUsage(b0);
		const round2 = (x) => Math.round(x * 100) / 100;
		return {
			cores,
			machineCores: round2(((m1.busy - m0.busy) / span) * cores),
			n8nCores: round2(((treeTicks(pids) - n0) / span) * cores),
			benchProcessCores: round2((b.user + b.system) / 1000 / Math.max(1, Date.now() - t0)),
		};
	};
}

function treeRssMb(pids) {
	let kb = 0;
	for (const p of treePids(pids)) {
		try {
			kb += Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] || 0);
		} catch {
			/* gone */
		}
	}
	return Math.round(kb / 102.4) / 10;
}

/** Supplier k: Webhook -> Get Many (all) -> Bulk Update, with its own credential. */
function supplierWorkflow(k) {
	const cred = { cartonaApi: { id: credId(k), name: `Cartona supplier ${pad(k)}` } };
	const node = (name, parameters, x) => ({ id: crypto.randomUUID(), name, type: 'n8n-nodes-cartona.cartona', typeVersion: 1, position: [x, 0], parameters, credentials: cred });
	return {
		id: `qbSupplier${String(k).padStart(6, '0')}`,
		name: `Queue bench: supplier ${pad(k)}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: crypto.randomUUID(), name: 'Run', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path: `qb-s${pad(k)}`, responseMode: 'onReceived', options: {} } },
			node('Read products', { resource: 'product', operation: 'getAll', returnAll: true }, 220),
			node('Push products', { resource: 'product', operation: 'bulkUpdate', fieldsSource: 'mapping', options: {} }, 440),
		],
		connections: {
			Run: { main: [[{ node: 'Read products', type: 'main', index: 0 }]] },
			'Read products': { main: [[{ node: 'Push products', type: 'main', index: 0 }]] },
		},
	};
}
const credId = (k) => `qbCartonaCred${String(k).padStart(3, '0')}`;

async function startSuppliers() {
	const list = [];
	for (let k = 0; k < SUPPLIERS; k++) {
		const token = `queue-bench-token-${pad(k)}-${crypto.randomBytes(4).toString('hex')}`;
		const products = Array.from({ length: PRODUCTS }, (_, i) => ({ internal_product_id: `S${pad(k)}-${i + 1}`, available_stock_quantity: i % 50 }));
		list.push({ k, token, sandbox: await startSandbox({ port: 0, token, seed: { products, orders: 0 } }) });
	}
	return list;
}

const credentials = (suppliers) =>
	suppliers.map(({ k, sandbox, token }) => ({ id: credId(k), name: `Cartona supplier ${pad(k)}`, type: 'cartonaApi', data: { environment: 'custom', url: sandbox.url, token, internalSupplierCode: '' } }));

/** Fires every supplier's webhook at once; checks what reached each sandbox. */
async function round(label, n8n, suppliers, pids) {
	const since = suppliers.map((s) => s.sandbox.requests.length);
	let peak = treeRssMb(pids);
	const timer = setInterval(() => (peak = Math.max(peak, treeRssMb(pids))), 250);
	const cpu = cpuMeter(pids);
	const t = Date.now();
	// Done = the sandbox has each of the supplier's products once since the round started. The
	// webhook answers on receipt: measured in queue mode, a "last node" answer is lost when the
	// worker drops a successful execution (EXECUTIONS_DATA_SAVE_ON_SUCCESS=none) before the main
	// reads it, so the answer is not the end of the run.
	const arrived = (s) => {
		const ids = new Set();
		for (const r of s.sandbox.requests.slice(since[s.k])) {
			if (r.path === 'supplier-product/bulk-update' && r.status === 200 && Array.isArray(r.body)) for (const e of r.body) ids.add(String(e.internal_product_id));
		}
		return ids.size;
	};
	const runs = await Promise.all(
		suppliers.map(async (s) => {
			const t0 = Date.now();
			const r = await n8n.webhook(`qb-s${pad(s.k)}`, { body: {} }).catch((e) => ({ status: 0, error: e.message }));
			const deadline = t0 + ROUND_TIMEOUT_MS;
			while (arrived(s) < PRODUCTS && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
			return { k: s.k, status: r.status === 200 && arrived(s) >= PRODUCTS ? 200 : r.status === 200 ? 'incomplete' : r.status, ms: Date.now() - t0 };
		}),
	);
	const wallMs = Date.now() - t;
	const cpuCores = cpu();
	await new Promise((res) => setTimeout(res, 1000)); // anything sent twice would arrive now
	clearInterval(timer);
	let lost = 0;
	let duplicated = 0;
	let leaks = 0;
	let refused = 0;
	let cartonaRequests = 0;
	for (const s of suppliers) {
		const reqs = s.sandbox.requests.slice(since[s.k]);
		cartonaRequests += reqs.length;
		refused += reqs.filter((r) => r.status === 401 || r.status === 403).length;
		const seen = new Map();
		for (const r of reqs) {
			if (r.path !== 'supplier-product/bulk-update' || r.status !== 200 || !Array.isArray(r.body)) continue;
			for (const e of r.body) {
				const id = String(e.internal_product_id);
				if (!id.startsWith(`S${pad(s.k)}-`)) leaks++;
				seen.set(id, (seen.get(id) || 0) + 1);
			}
		}
		lost += Math.max(0, PRODUCTS - seen.size);
		for (const c of seen.values()) if (c > 1) duplicated += c - 1;
	}
	const ok = runs.filter((r) => r.status === 200);
	const others = runs.filter((r) => r.k !== 0).map((r) => r.ms);
	const result = {
		label,
		wallMs,
		productsPerSecond: Math.round((ok.length * PRODUCTS) / (wallMs / 1000)),
		answered200: ok.length,
		p50Ms: pct(runs.map((r) => r.ms), 50),
		p95Ms: pct(runs.map((r) => r.ms), 95),
		supplier0Ms: runs.find((r) => r.k === 0).ms,
		othersP95Ms: pct(others, 95),
		othersMaxMs: Math.max(...others),
		cartonaRequests,
		lostProducts: lost,
		duplicatedProducts: duplicated,
		crossSupplierLeaks: leaks,
		refusedRequests: refused,
		peakRssMb: peak,
		cpu: cpuCores,
		loadAverage: os.loadavg(),
		statuses: runs.map((r) => r.status),
	};
	log(label, JSON.stringify(result));
	return result;
}

async function measureMode(mode, suppliers) {
	const creds = credentials(suppliers);
	const workflows = suppliers.map((s) => supplierWorkflow(s.k));
	const t = Date.now();
	const env = { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', N8N_PAYLOAD_SIZE_MAX: '64' };
	let cluster;
	let n8n;
	if (mode === 'queue') {
		cluster = await startQueueCluster({ workers: WORKERS, workerConcurrency: 10, credentials: creds, workflows, env });
		n8n = cluster.main;
	} else {
		n8n = await startN8n({ credentials: creds, workflows, env });
	}
	const pids = () => (cluster ? cluster.pids() : [n8n.pid]);
	const out = { mode, processes: mode === 'queue' ? `main + ${WORKERS} workers (concurrency 10 each), Redis, PostgreSQL` : 'one n8n (regular mode, SQLite)', startMs: Date.now() - t, rounds: [] };
	try {
		for (const w of workflows) await n8n.activate(w.id, { timeoutMs: 60000 });
		out.idleRssMb = treeRssMb(pids());
		await round(`${mode} warm-up`, n8n, suppliers, pids());
		for (let r = 0; r < ROUNDS; r++) out.rounds.push(await round(`${mode} round ${r + 1}`, n8n, suppliers, pids()));
		if (mode === 'queue' || process.env.BENCH_SLOW_SINGLE === '1') {
			suppliers[0].sandbox.setNetwork({ latencyMs: SLOW_MS });
			out.slowSupplier = await round(`${mode}, supplier 00 slowed to ${SLOW_MS} ms per answer`, n8n, suppliers, pids());
			suppliers[0].sandbox.setNetwork({ latencyMs: 0 });
		}
		if (cluster) {
			out.jobsPerWorker = cluster.workerLogs().map((f) => (fs.readFileSync(f, 'utf8').match(/Worker finished execution/g) || []).length);
		}
	} finally {
		if (cluster) await cluster.stop();
		else await n8n.stop();
	}
	return out;
}

async function main() {
	const results = { ...provenance(), n8n: '2.41.1', suppliers: SUPPLIERS, productsPerSupplier: PRODUCTS, rounds: ROUNDS, workers: WORKERS, slowSupplierLatencyMs: SLOW_MS, loadAverage: { start: os.loadavg() } };
	const suppliers = await startSuppliers();
	try {
		const modes = (process.env.BENCH_QUEUE_MODES || 'single,queue').split(',');
		for (const mode of modes) results[mode] = await measureMode(mode, suppliers);
		if (results.single && results.queue) {
			const best = (m) => Math.min(...results[m].rounds.map((r) => r.wallMs));
			results.queueVsSingle = Math.round((best('single') / best('queue')) * 100) / 100;
		}
	} finally {
		results.loadAverage.end = os.loadavg();
		fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
		fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
		for (const s of suppliers) await s.sandbox.close();
	}
	console.log(JSON.stringify({ single: results.single?.rounds, queue: results.queue?.rounds, slow: results.queue?.slowSupplier, queueVsSingle: results.queueVsSingle }, null, 1));
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
