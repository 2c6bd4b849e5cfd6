/**
 * The stock push's full reconciliation, paged (issue 11): real n8n server (package installed),
 * real Odoo with the addon, the Cartona sandbox; 17.0 (JSON-RPC) and 19.0 (JSON-2). With a Page
 * Size smaller than the catalogue, the template calls itself once per page (one sub-execution
 * each): every mapped product reaches Cartona once with the stock and price Odoo's snapshot gives,
 * one Cartona bulk update per page, one Odoo stock and one price call per page, and one sync-log
 * entry counting every product. `-t 19.0` for one series.
 */
import { startSandbox } from '../../sandbox/server';
import { freePort, packageNodeMissing, realN8nMissing, startN8n, type N8nServer } from '../harness/n8nServer';
import { credentialsOf, orm as odooOrm, storableProductValues } from '../odoo/odooEnvironment';
import { cartonaCredential, lastError, loadTemplate, odooCredential, skipReason, TOKEN, waitUntil, WEBHOOK_SECRET, withSetting, withWebhookTrigger } from './helpers';
import { odooMissing, odooRequired, odooTestEnvSeries, startOdoo, type StartedOdoo } from './odoo';

const SERIES = ['17.0', '19.0'];
const n8nSkip = skipReason(realN8nMissing(), packageNodeMissing(), packageNodeMissing('nodes/OdooCartona/OdooCartona.node.ts'));
const running = odooTestEnvSeries();
if (running !== undefined && !SERIES.includes(running)) SERIES.push(running);

jest.setTimeout(300_000);

const PRODUCTS = 7;
const PAGE_SIZE = 3;
const cartonaId = (i: number) => `P${String(i).padStart(6, '0')}`;

type Row = { product_id: number; internal_product_id: string; available_stock_quantity?: number; in_stock?: boolean; selling_price?: number };

for (const series of SERIES) {
	const protocol = Number.parseFloat(series) >= 19 ? 'json2' : 'jsonRpc';
	const title = `paged full reconciliation: real n8n + real Odoo ${series} + sandbox`;
	const odooSkip = odooMissing(series);
	if (odooSkip && odooRequired(series) && running === undefined) {
		describe(title, () => {
			test(`Odoo ${series} is required (ODOO_REQUIRED_SERIES) but cannot run`, () => {
				throw new Error(`ODOO_REQUIRED_SERIES lists ${series}: ${odooSkip}`);
			});
		});
		continue;
	}
	const skip = n8nSkip ?? odooSkip;
	if (skip) {
		console.warn(`SKIPPED: paged full reconciliation against real Odoo ${series}: ${skip}`);
		describe.skip(title, () => test('skipped', () => undefined));
		continue;
	}
	describe(title, () => {
		let odoo: StartedOdoo;
		let n8n: N8nServer;
		let sandbox: Awaited<ReturnType<typeof startSandbox>>;
		const orm = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) => odooOrm(odoo.admin, model, method, args, kwargs as any);
		const write = (model: string, ids: number[], vals: Record<string, unknown>) =>
			credentialsOf(odoo.admin).protocol === 'json2' ? orm(model, 'write', [ids], { vals }) : orm(model, 'write', [ids, vals]);

		beforeAll(async () => {
			const port = await freePort();
			sandbox = await startSandbox({ port: 0, token: TOKEN, seed: { products: PRODUCTS, orders: 0 } });
			odoo = await startOdoo(series, `http://127.0.0.1:${port}`);
			const env = odoo.env;
			expect(credentialsOf(env).protocol).toBe(protocol);
			const config = (await orm('marketplace.supplier.config', 'read', [[env.configId]], { fields: ['warehouse_ids'] }))[0];
			const [warehouse] = await orm('stock.warehouse', 'read', [config.warehouse_ids.slice(0, 1)], { fields: ['lot_stock_id'] });
			for (let i = 1; i <= PRODUCTS; i++) {
				const existing = await orm('product.product', 'search', [], { domain: [['cartona_id', '=', cartonaId(i)]] });
				const id =
					existing[0] ??
					(await orm('product.product', 'create', [], { vals_list: [{ name: `Paged product ${i}`, list_price: 20 + i, cartona_id: cartonaId(i), ...storableProductValues(env.series) }] }))[0];
				const [quant] = await orm('stock.quant', 'create', [], { vals_list: [{ product_id: id, location_id: warehouse.lot_stock_id[0], inventory_quantity: 10 * i }], context: { inventory_mode: true } });
				await orm('stock.quant', 'action_apply_inventory', [[quant]], { context: { inventory_mode: true } });
			}
			const secret = env.sharedSecret || WEBHOOK_SECRET;
			// Odoo pings nobody during this test: only the reconciliation sends.
			await write('marketplace.supplier.config', [env.configId], { api_endpoint: 'http://127.0.0.1:9', auth_token: secret });
			const stockPush = withSetting(withWebhookTrigger(loadTemplate('stock-push.json'), 'e2e-full-reconciliation'), 'pageSize', PAGE_SIZE);
			n8n = await startN8n({ port, credentials: [cartonaCredential(sandbox.url), odooCredential(env, secret)], workflows: [stockPush] });
			// A sub-workflow called from the database must be published (n8n 2.x).
			await n8n.activate('cartonaStockPush');
		}, 900_000);

		afterAll(async () => {
			await n8n?.stop();
			await odoo?.stop();
			await sandbox?.close();
		});

		test('every mapped product once, with Odoo stock and price, one bulk update per page, one sync-log entry', async () => {
			const env = odoo.env;
			// What Odoo's snapshots say, read in one page each (the integration user, as n8n).
			const kwargs = { config_id: env.configId, offset: 0, limit: 10000 };
			const stock = (await odooOrm(env, 'marketplace.supplier.config', 'cartona_stock_snapshot', [], kwargs as any)) as { items: Row[]; next_offset: unknown };
			const price = (await odooOrm(env, 'marketplace.supplier.config', 'cartona_price_snapshot', [], kwargs as any)) as { items: Row[] };
			expect(stock.next_offset).toBeNull();
			const mapped = stock.items.length;
			expect(mapped).toBeGreaterThanOrEqual(PRODUCTS);
			const prices = new Map(price.items.map((p) => [p.internal_product_id, p.selling_price]));
			const before = sandbox.requests.length;
			const logBefore = await orm('marketplace.sync.log', 'search', [], { domain: [['kind', '=', 'stock']], order: 'id desc', limit: 1 });

			const answer = await n8n.webhook('e2e-full-reconciliation', { body: {} });
			expect(answer.status).toBe(200);

			const posts = sandbox.requests.slice(before).filter((q) => q.method === 'POST');
			if (posts.length === 0) console.error('stock push:', await lastError(n8n, 'cartonaStockPush'));
			// One bulk update per page (each page is under the Cartona batch of 100).
			expect(posts.map((q) => q.path)).toEqual(Array(Math.ceil(mapped / PAGE_SIZE)).fill(posts[0]?.path));
			expect(posts.every((q) => q.status === 200)).toBe(true);
			const sent = posts.flatMap((q) => (q.body as Row[]).map((x) => x.internal_product_id));
			expect([...sent].sort()).toEqual(stock.items.map((x) => x.internal_product_id).sort());
			const cartona = new Map(sandbox.listProducts().map((p) => [p.internal_product_id, p]));
			for (const row of stock.items.filter((x) => cartona.has(x.internal_product_id))) {
				const p = cartona.get(row.internal_product_id)!;
				expect([row.internal_product_id, p.available_stock_quantity, p.in_stock, p.selling_price]).toEqual([
					row.internal_product_id,
					row.available_stock_quantity,
					row.in_stock,
					prices.get(row.internal_product_id),
				]);
			}
			for (let i = 1; i <= PRODUCTS; i++) expect(cartona.get(cartonaId(i))?.available_stock_quantity).toBe(10 * i);

			const logs = await orm('marketplace.sync.log', 'search_read', [], {
				domain: [['kind', '=', 'stock'], ['id', '>', logBefore[0] ?? 0]],
				fields: ['message', 'count_ok', 'state', 'direction'],
			});
			expect(logs.map((l: any) => [l.message, l.count_ok, l.state, l.direction])).toEqual([
				[`Full reconciliation: ${mapped} product(s) sent to Cartona`, mapped, 'ok', 'outbound'],
			]);
		});

		test('a product Cartona refuses for the first time in an early page fails that page once, every later page is reconciled in the same run, and the next run leaves it out without a new failure', async () => {
			const env = odoo.env;
			const kwargs = { config_id: env.configId, offset: 0, limit: 10000 };
			const before = ((await odooOrm(env, 'marketplace.supplier.config', 'cartona_stock_snapshot', [], kwargs as any)) as { items: Row[] }).items;
			const byId = [...before].sort((a, b) => a.product_id - b.product_id);
			expect(byId.length).toBeGreaterThan(2 * PAGE_SIZE);
			// The second product of the first page is mapped in Odoo to an id Cartona does not know:
			// the bulk answer lists it in `failed`. Pages are id ranges, so it sits in page 1 of
			// ceil(n / PAGE_SIZE) pages, and the products of every later page come after it.
			const refused = byId[1];
			const refusedId = 'P999999';
			await write('product.product', [refused.product_id], { cartona_id: refusedId });
			const later = byId.slice(PAGE_SIZE).map((r) => r.internal_product_id);
			const failedBefore = (await n8n.executions({ workflowId: 'cartonaStockPush', status: 'error', limit: 100 })).length;
			const logBefore = await orm('marketplace.sync.log', 'search', [], { domain: [['kind', '=', 'stock']], order: 'id desc', limit: 1 });
			const first = sandbox.requests.length;

			const answer = await n8n.webhook('e2e-full-reconciliation', { body: {} });
			expect(answer.status).toBe(200);
			const product = await waitUntil(
				async () => {
					const [p] = await orm('product.product', 'read', [[refused.product_id]], { fields: ['marketplace_sync_status', 'marketplace_sync_error'] });
					return p.marketplace_sync_status === 'refused' && p;
				},
				{ timeoutMs: 60_000, what: 'the product shown as refused in Odoo' },
			).catch(async (e) => {
				console.error('stock push:', await lastError(n8n, 'cartonaStockPush'));
				throw e;
			});
			expect(product.marketplace_sync_error).toContain(refusedId);
			// Every product of the later pages reached Cartona in this same run (the loop went on
			// after the failed page), each once; the refused page's other products too.
			const sentFirst = sandbox.requests
				.slice(first)
				.filter((q) => q.method === 'POST')
				.flatMap((q) => (q.body as Row[]).map((x) => x.internal_product_id));
			expect(sentFirst.filter((id) => later.includes(id)).sort()).toEqual([...later].sort());
			expect([...sentFirst].sort()).toEqual([...byId.map((r) => (r === refused ? refusedId : r.internal_product_id))].sort());
			// The run's sync-log entry counts the pages that succeeded and says one failed.
			const logs = await orm('marketplace.sync.log', 'search_read', [], {
				domain: [['kind', '=', 'stock'], ['direction', '=', 'outbound'], ['id', '>', logBefore[0] ?? 0]],
				fields: ['message', 'count_ok'],
			});
			expect(logs.map((l: any) => [l.message, l.count_ok])).toEqual([
				[`Full reconciliation: ${byId.length - PAGE_SIZE} product(s) sent to Cartona, 1 page(s) failed`, byId.length - PAGE_SIZE],
			]);
			// The refusal is the page's failure (what reaches the error workflow), naming the product.
			const failed = await waitUntil(async () => {
				const list = await n8n.executions({ workflowId: 'cartonaStockPush', status: 'error', limit: 100 });
				return list.length > failedBefore && list;
			}, { timeoutMs: 60_000, what: 'the failed reconciliation page' });
			// (the failed page is not the last execution: the pages after it ran)
			const failedPage = await n8n.execution(failed[0].id);
			expect(JSON.stringify(failedPage.data?.resultData?.error?.message ?? null)).toContain(refusedId);
			// One failed execution, so one alert: the page's (the loop that called it does not fail too).
			await new Promise((r) => setTimeout(r, 3000));
			const failedAfterFirst = (await n8n.executions({ workflowId: 'cartonaStockPush', status: 'error', limit: 100 })).length;
			expect(failedAfterFirst - failedBefore).toBe(1);
			expect(failed.length).toBeGreaterThan(failedBefore);

			// The next run leaves the refused product out and fails nothing: no second alert.
			const next = sandbox.requests.length;
			const again = await n8n.webhook('e2e-full-reconciliation', { body: {} });
			expect(again.status).toBe(200);
			const sent = sandbox.requests
				.slice(next)
				.filter((q) => q.method === 'POST')
				.flatMap((q) => (q.body as Row[]).map((x) => x.internal_product_id));
			expect(sent).not.toContain(refusedId);
			expect([...sent].sort()).toEqual(byId.filter((r) => r !== refused).map((r) => r.internal_product_id).sort());
			expect((await n8n.executions({ workflowId: 'cartonaStockPush', status: 'error', limit: 100 })).length).toBe(failedAfterFirst);
		});
	});
}
