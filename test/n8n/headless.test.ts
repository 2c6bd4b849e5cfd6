/**
 * One headless run in the real n8n 2.41.1: the packed package installed as a community package,
 * the credential and a Manual Trigger -> Cartona Product Get Many workflow imported with the n8n
 * CLI, then `n8n execute --id --rawOutput` against a sandbox this test starts. A package n8n
 * cannot load or run fails here.
 */
import { runHeadless, realN8nMissing, packageNodeMissing } from '../harness/n8nServer';
import { cartonaCredential, manualCartonaProductsWorkflow } from '../harness/fixtures';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const missing = realN8nMissing() ?? packageNodeMissing();
if (missing) console.log(`SKIPPED test/n8n/headless.test.ts: ${missing}`);
const describeReal = missing ? describe.skip : describe;

jest.setTimeout(180000);

describeReal('headless run in real n8n (n8n execute)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, token: 'sandbox-token', seed: { products: 300, orders: 5 } });
	});
	afterAll(async () => {
		await sandbox?.close();
	});

	it('runs Manual Trigger -> Cartona Product Get Many and returns the sandbox products', async () => {
		const r = await runHeadless(manualCartonaProductsWorkflow({ limit: 7 }), { credentials: [cartonaCredential(sandbox.url)] });
		console.log(`headless timings (ms): ${JSON.stringify(r.timings)}`);
		if (!r.ok) console.log(r.stdout.slice(-3000), r.stderr.slice(-3000));
		expect(r.ok).toBe(true);
		const items = r.result.data.resultData.runData['Get Cartona products'][0].data.main[0];
		expect(items.map((i: { json: { supplier_product_id: string } }) => i.json.supplier_product_id)).toEqual(
			sandbox.listProducts().slice(0, 7).map((p) => p.supplier_product_id),
		);
		const reads = sandbox.requests.filter((q) => q.path === 'supplier-product');
		expect(reads.length).toBeGreaterThan(0);
		expect(reads.every((q) => q.status === 200)).toBe(true);
	});

	it('reports a failed run (wrong token) as not successful', async () => {
		const r = await runHeadless(manualCartonaProductsWorkflow({ limit: 1 }), {
			credentials: [cartonaCredential(sandbox.url, 'wrong-token')],
		});
		expect(r.ok).toBe(false);
		expect(r.code).not.toBe(0);
		expect(r.stdout + r.stderr).toMatch(/Execution was NOT successful/);
		expect(sandbox.requests.some((q) => q.path === 'supplier-product' && q.status === 401)).toBe(true);
	});
});
