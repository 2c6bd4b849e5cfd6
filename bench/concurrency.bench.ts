/**
 * Issue 11: the measurement behind the Cartona node's default Concurrency. Product Bulk Update of
 * 10,000 input items (100 batch requests) inside n8n's own engine against the sandbox, at
 * Concurrency 1, 2, 4 and 8, on loopback and with a fixed network latency (BENCH_LATENCY_MS, 80).
 * Writes bench/results/concurrency.json and prints a table. Figures, not assertions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { engine, inProcessMissing, runWorkflow } from '../test/harness/inProcess';
import { startSandbox, type Sandbox } from '../sandbox/server';
const { provenance } = require('./provenance') as { provenance: () => { date: string } & Record<string, unknown> };

const N = Number(process.env.BENCH_PRODUCTS || 10000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS || 80);
const LEVELS = [1, 2, 4, 8, 16];
const TOKEN = 'bench-token';

const manual = { id: 'm', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
function workflow(concurrency: number) {
	return {
		id: 'bench',
		name: 'bench',
		nodes: [
			manual,
			{
				id: 'c',
				name: 'Cartona',
				type: 'n8n-nodes-cartona.cartona',
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters: { resource: 'product', operation: 'bulkUpdate', options: { concurrency } },
				credentials: { cartonaApi: { id: '1', name: 'Cartona account' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Cartona', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const missing = inProcessMissing();
(missing ? it.skip : it)(`Cartona bulk update of ${N} items by concurrency`, async () => {
	const sandbox: Sandbox = await startSandbox({ port: 0, token: TOKEN, seed: { products: N, orders: 0 } });
	const credentials = { cartonaApi: { environment: 'custom', url: sandbox.url, token: TOKEN, internalSupplierCode: '' } };
	await engine({ withPackage: true });
	const loadStart = os.loadavg();
	const rows: Array<Record<string, unknown>> = [];
	try {
		const items = sandbox.listProducts().map((p: any, i: number) => ({ internal_product_id: p.internal_product_id, available_stock_quantity: (i % 50) + 1 }));
		await runWorkflow(workflow(4), { credentials, triggerItems: items }); // warm-up
		for (const latencyMs of [0, LATENCY]) {
			sandbox.setNetwork({ latencyMs });
			for (const concurrency of LEVELS) {
				const before = sandbox.requests.length;
				const t = Date.now();
				const run = await runWorkflow(workflow(concurrency), { credentials, triggerItems: items });
				rows.push({ latencyMs, concurrency, requests: sandbox.requests.length - before, wallMs: Date.now() - t, outputItems: run.output.Cartona?.length ?? 0, error: run.error?.message });
			}
		}
	} finally {
		await sandbox.close();
	}
	const { date, ...where } = provenance();
	const result = { bench: 'concurrency', at: date, ...where, node: process.version, products: N, loadAverage: { start: loadStart, end: os.loadavg() }, rows };
	fs.writeFileSync(path.join(__dirname, 'results', 'concurrency.json'), JSON.stringify(result, null, 2) + '\n');
	console.table(rows);
	expect(rows.every((r) => !r.error)).toBe(true);
});
