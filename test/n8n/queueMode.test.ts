/**
 * Queue mode (issue 11), reduced: scripts/n8n/queue.js starts Redis, a PostgreSQL database, one
 * n8n main and one worker, the package installed for both. Two suppliers, each with its own
 * sandbox (token), credential and workflow (Webhook -> Cartona Get Many -> Bulk Update), run at
 * once: both answer, the worker (not the main) ran both executions, and each sandbox received each
 * of its own products exactly once and nothing of the other supplier's.
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import { realN8nMissing, packageNodeMissing, type N8nServer } from '../harness/n8nServer';
import { startSandbox, type Sandbox } from '../../sandbox/server';

interface Cluster {
	main: N8nServer;
	workerLogs(): string[];
	stop(): Promise<void>;
}
const { startQueueCluster } = require('../../scripts/n8n/queue') as { startQueueCluster: (o: object) => Promise<Cluster> };

function queueMissing(): string | undefined {
	if (spawnSync('redis-server', ['--version']).status !== 0) return 'redis-server is not installed (Debian: apt-get install redis-server)';
	const pg = spawnSync('pg_isready', ['-h', process.env.PGHOST || '127.0.0.1', '-p', process.env.PGPORT || '5432']);
	if (pg.status !== 0) return 'PostgreSQL is not running on 127.0.0.1:5432 (n8n queue mode needs it)';
	return undefined;
}

const missing = realN8nMissing() ?? packageNodeMissing() ?? queueMissing();
if (missing) console.log(`SKIPPED test/n8n/queueMode.test.ts: ${missing}`);
const describeReal = missing ? describe.skip : describe;

jest.setTimeout(600000);

const PRODUCTS = 150;
const credId = (k: number) => `qtCartonaCred${String(k).padStart(3, '0')}`;

function supplierWorkflow(k: number) {
	const credentials = { cartonaApi: { id: credId(k), name: `Cartona supplier ${k}` } };
	const node = (name: string, parameters: object, x: number) => ({ id: crypto.randomUUID(), name, type: 'n8n-nodes-cartona.cartona', typeVersion: 1, position: [x, 0], parameters, credentials });
	return {
		id: `qtSupplier${String(k).padStart(6, '0')}`,
		name: `Queue test: supplier ${k}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: crypto.randomUUID(), name: 'Run', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path: `qt-s${k}`, responseMode: 'lastNode', responseData: 'noData', options: {} } },
			node('Read products', { resource: 'product', operation: 'getAll', returnAll: true }, 220),
			node('Push products', { resource: 'product', operation: 'bulkUpdate', fieldsSource: 'mapping', options: {} }, 440),
		],
		connections: {
			Run: { main: [[{ node: 'Read products', type: 'main', index: 0 }]] },
			'Read products': { main: [[{ node: 'Push products', type: 'main', index: 0 }]] },
		},
	};
}

describeReal('n8n queue mode: main + worker, two suppliers', () => {
	let cluster: Cluster | undefined;
	const suppliers: Array<{ k: number; token: string; sandbox: Sandbox }> = [];

	beforeAll(async () => {
		for (const k of [0, 1]) {
			const token = `queue-test-${k}-${crypto.randomBytes(4).toString('hex')}`;
			const products = Array.from({ length: PRODUCTS }, (_, i) => ({ internal_product_id: `S${k}-${i + 1}`, available_stock_quantity: i }));
			suppliers.push({ k, token, sandbox: await startSandbox({ port: 0, token, seed: { products, orders: 0 } }) });
		}
		cluster = await startQueueCluster({
			workers: 1,
			workerConcurrency: 4,
			credentials: suppliers.map(({ k, sandbox, token }) => ({ id: credId(k), name: `Cartona supplier ${k}`, type: 'cartonaApi', data: { environment: 'custom', url: sandbox.url, token, internalSupplierCode: '' } })),
			workflows: suppliers.map(({ k }) => supplierWorkflow(k)),
			// Executions are saved (n8n's default): a "last node" webhook answer in queue mode is read
			// from the saved execution; with EXECUTIONS_DATA_SAVE_ON_SUCCESS=none some answers are lost.
		});
	});

	afterAll(async () => {
		await cluster?.stop();
		for (const s of suppliers) await s.sandbox.close();
	});

	it('runs both suppliers on the worker, each product to its own account exactly once', async () => {
		const main = cluster!.main;
		for (const { k } of suppliers) await main.activate(supplierWorkflow(k).id, { timeoutMs: 60000 });
		const answers = await Promise.all(suppliers.map(({ k }) => main.webhook(`qt-s${k}`, { body: {} })));
		expect(answers.map((a) => a.status)).toEqual([200, 200]);

		for (const { k, sandbox } of suppliers) {
			const sent = sandbox.requests
				.filter((r) => r.path === 'supplier-product/bulk-update' && r.status === 200)
				.flatMap((r) => (r.body as Array<{ internal_product_id: string }>).map((e) => e.internal_product_id));
			expect([...sent].sort()).toEqual(Array.from({ length: PRODUCTS }, (_, i) => `S${k}-${i + 1}`).sort());
			expect(sandbox.requests.filter((r) => r.status === 401)).toHaveLength(0);
		}
		const workerLog = fs.readFileSync(cluster!.workerLogs()[0], 'utf8');
		expect(workerLog.match(/Worker finished execution/g) ?? []).toHaveLength(2);
	});
});
