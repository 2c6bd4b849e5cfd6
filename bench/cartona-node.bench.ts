/**
 * Issue 2 benchmark: the Cartona node inside n8n's own engine (in-process tier) against the sandbox.
 *   B1 Product Bulk Update of 10,000 input items: requests made, wall time, peak RSS.
 *   B2 Product Get Many with Return All over 10,000 products: requests, wall time, peak RSS.
 * Writes bench/results/cartona-node.json and prints a table. Figures, not assertions.
 */
import * as fs from 'fs';
import * as path from 'path';

import { engine, inProcessMissing, runWorkflow } from '../test/harness/inProcess';
import { startSandbox, type Sandbox } from '../sandbox/server';
const { provenance } = require('./provenance') as { provenance: () => { date: string } & Record<string, unknown> };

const N = Number(process.env.BENCH_PRODUCTS || 10000);
const TOKEN = 'bench-token';

function peakSampler() {
	let peak = process.memoryUsage().rss;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	return () => {
		clearInterval(timer);
		return Math.max(peak, process.memoryUsage().rss);
	};
}

const manual = { id: 'm', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
function workflow(parameters: Record<string, unknown>) {
	return {
		id: 'bench',
		name: 'bench',
		nodes: [
			manual,
			{ id: 'c', name: 'Cartona', type: 'n8n-nodes-cartona.cartona', typeVersion: 1, position: [200, 0] as [number, number], parameters, credentials: { cartonaApi: { id: '1', name: 'Cartona account' } } },
		],
		connections: { Start: { main: [[{ node: 'Cartona', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const missing = inProcessMissing();
(missing ? it.skip : it)(`Cartona node over ${N} products`, async () => {
	const sandbox: Sandbox = await startSandbox({ port: 0, token: TOKEN, seed: { products: N, orders: 0 } });
	const credentials = { cartonaApi: { environment: 'custom', url: sandbox.url, token: TOKEN, internalSupplierCode: '' } };
	await engine({ withPackage: true });
	const rows: Array<Record<string, unknown>> = [];
	try {
		const products = sandbox.listProducts();
		const items = products.map((p: any, i: number) => ({ internal_product_id: p.internal_product_id, available_stock_quantity: (i % 50) + 1, selling_price: 10 + (i % 7) }));

		global.gc?.();
		let before = sandbox.requests.length;
		let stop = peakSampler();
		let t = Date.now();
		const bulk = await runWorkflow(workflow({ resource: 'product', operation: 'bulkUpdate' }), { credentials, triggerItems: items });
		rows.push({
			case: `B1 product bulkUpdate, ${items.length} items`,
			requests: sandbox.requests.length - before,
			wallMs: Date.now() - t,
			peakRssMb: Math.round(stop() / 1048576),
			outputItems: bulk.output.Cartona?.length ?? 0,
			error: bulk.error?.message,
			expectedRequests: Math.ceil(items.length / 100),
		});
		const stocked = sandbox.listProducts().filter((p: any, i: number) => p.available_stock_quantity === (i % 50) + 1).length;
		rows[0].productsUpdatedInSandbox = stocked;

		global.gc?.();
		before = sandbox.requests.length;
		stop = peakSampler();
		t = Date.now();
		const list = await runWorkflow(workflow({ resource: 'product', operation: 'getAll', returnAll: true }), { credentials });
		rows.push({
			case: `B2 product getAll returnAll, ${N} products`,
			requests: sandbox.requests.length - before,
			wallMs: Date.now() - t,
			peakRssMb: Math.round(stop() / 1048576),
			outputItems: list.output.Cartona?.length ?? 0,
			error: list.error?.message,
			expectedRequests: Math.ceil(N / 100) + (N % 100 === 0 ? 1 : 0),
		});
	} finally {
		await sandbox.close();
	}
	const { date, ...where } = provenance();
	const result = { bench: 'cartona-node', at: date, ...where, node: process.version, products: N, rows };
	fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
	fs.writeFileSync(path.join(__dirname, 'results', 'cartona-node.json'), JSON.stringify(result, null, 2) + '\n');
	console.log(`\nCartona node benchmark (in-process n8n engine, sandbox on loopback)\n`);
	console.table(rows);
	expect(rows.every((r) => !r.error)).toBe(true);
});
if (missing) console.log(`SKIPPED cartona-node bench: ${missing}`);
