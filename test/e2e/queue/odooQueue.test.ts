/**
 * The e2e tier in n8n queue mode (issue 11, item 5): `E2E_QUEUE=1` selects this file, and only
 * this file, for the e2e project (jest.config.js); npm test runs it as its own tier on 17.0.
 *
 * n8n: scripts/n8n/queue.js: Redis (Debian's redis-server), a PostgreSQL database of its own, one
 * main (editor, REST, schedules; no production webhooks), two workers (`n8n worker`: every
 * execution runs there) and two webhook processors (`n8n webhook`: Odoo pings the first; the
 * replay case sends one signed ping to both). Odoo: multi-worker mode (`--workers 2` plus one
 * cron worker, so the addon's outbox sweep runs beside the pings). The Cartona sandbox is the
 * only fake. A representative subset of test/e2e/odoo.test.ts: the connection test answered
 * through a webhook processor, the order pull and its acknowledgements, the real-time price and
 * stock push from Odoo's pings, the error workflow's alert; then the replay across webhook
 * processors, judged from Odoo's outbox and the sandbox's requests.
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';

import { startSandbox } from '../../../sandbox/server';
import { signPing } from '../../../nodes/OdooCartona/trigger/verifySignature';
import { freePort, packageNodeMissing, realN8nMissing, type N8nServer, type WebhookResponse } from '../../harness/n8nServer';
import { startSmtpServer, type SmtpServer } from '../../harness/smtpServer';
import { credentialsOf, orm as odooOrm, storableProductValues, type OdooTestEnvironment } from '../../odoo/odooEnvironment';
import { cartonaCredential, lastError, loadTemplate, odooCredential, skipReason, slackCredential, smtpCredential, TOKEN, waitUntil, WEBHOOK_SECRET, withSetting, withWebhookTrigger } from '../helpers';
import { odooMissing, odooRequired, startOdoo, type StartedOdoo } from '../odoo';

interface WebhookProcessor {
	baseUrl: string;
	logFile: string;
	webhook(path: string, options?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<WebhookResponse>;
}
interface Cluster {
	main: N8nServer;
	webhooks: WebhookProcessor[];
	workerLogs(): string[];
	stop(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startQueueCluster } = require('../../../scripts/n8n/queue') as { startQueueCluster: (o: object) => Promise<Cluster> };

const SERIES = '17.0';
const ODOO_WORKERS = 2;

function queueMissing(): string | undefined {
	if (spawnSync('redis-server', ['--version']).status !== 0) return 'redis-server is not installed (Debian: apt-get install redis-server)';
	const pg = spawnSync('pg_isready', ['-h', process.env.PGHOST || '127.0.0.1', '-p', process.env.PGPORT || '5432']);
	if (pg.status !== 0) return 'PostgreSQL is not running on 127.0.0.1:5432 (n8n queue mode needs it)';
	return undefined;
}

jest.setTimeout(300_000);

const PUSH: Array<[string, string]> = [
	['stock-push.json', 'cartonaStockPush'],
	['price-push.json', 'cartonaPricePush'],
	['order-status-push.json', 'cartonaStatusPsh'],
	['order-details-push.json', 'cartonaDetailPsh'],
];
const PRODUCTS = 10;
const cartonaId = (i: number) => `P${String(i).padStart(6, '0')}`;
const RIGHT_OTP = '482913';

function order(hashedId: string, retailerCode: string, lines: Array<[number, number, number]>, extra: Record<string, unknown> = {}) {
	return {
		hashed_id: hashedId,
		receipt_id: `R-${hashedId}`,
		supplier_code: '1',
		status: 'pending',
		delivered_by: 'delivered_by_supplier',
		estimated_delivery_day: '2026-12-01',
		retailer: { retailer_code: retailerCode, retailer_name: `Shop ${retailerCode}`, retailer_number: `+2010555${retailerCode.slice(-5).padStart(5, '0')}`, retailer_address: 'Nasr City, Cairo' },
		order_details: lines.map(([product, amount, price], n) => ({
			id: 800000 + Number(hashedId.slice(-1)) * 10 + n + (Date.now() % 1000) * 100,
			internal_product_id: cartonaId(product),
			product_name: `Product ${cartonaId(product)}`,
			unit: 'piece',
			unit_count: 1,
			amount,
			selling_price: price,
		})),
		...extra,
	};
}

const title = `templates end to end in n8n queue mode (main + 2 workers + 2 webhook processors) + real Odoo ${SERIES} --workers ${ODOO_WORKERS} + sandbox`;
const odooSkip = odooMissing(SERIES);
const skip = skipReason(realN8nMissing(), packageNodeMissing(), packageNodeMissing('nodes/OdooCartona/OdooCartona.node.ts'), queueMissing()) ?? odooSkip;
if (odooSkip && odooRequired(SERIES)) {
	describe(title, () => {
		test(`Odoo ${SERIES} is required (ODOO_REQUIRED_SERIES) but cannot run`, () => {
			throw new Error(`ODOO_REQUIRED_SERIES lists ${SERIES}: ${odooSkip}`);
		});
	});
} else if (skip) {
	console.warn(`SKIPPED: e2e templates in n8n queue mode against real Odoo ${SERIES}: ${skip}`);
	describe.skip(title, () => test('skipped', () => undefined));
} else {
	describe(title, suite);
}

function suite() {
	let odoo: StartedOdoo;
	let env: OdooTestEnvironment;
	let cluster: Cluster;
	let n8n: N8nServer;
	let sandbox: Awaited<ReturnType<typeof startSandbox>>;
	let smtp: SmtpServer;
	let secret: string;
	const run = Date.now().toString(36).toUpperCase();
	const [H1, H2] = [1, 2].map((n) => `E2EQ${run}${n}`);
	const orders = [order(H1, 'E2EQ01', [[1, 5, 10], [2, 3, 20]]), order(H2, 'E2EQ02', [[3, 2, 15]], { installment_cost: 12, otp: RIGHT_OTP })];
	const hashedIds = orders.map((o) => o.hashed_id);
	const productIds = new Map<string, number>();

	const orm = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) => odooOrm(odoo.admin, model, method, args, kwargs as any);
	const write = (model: string, ids: number[], vals: Record<string, unknown>) =>
		credentialsOf(odoo.admin).protocol === 'json2' ? orm(model, 'write', [ids], { vals }) : orm(model, 'write', [ids, vals]);
	const saleOrders = async () =>
		(await orm('sale.order', 'search_read', [], { domain: [['marketplace_order_id', 'in', hashedIds]], fields: ['id', 'marketplace_order_id', 'state', 'marketplace_sync_error'] })) as Array<{
			id: number;
			marketplace_order_id: string;
			marketplace_sync_error: string | false;
		}>;
	const saleOrderOf = async (hashedId: string) => (await saleOrders()).find((s) => s.marketplace_order_id === hashedId)!;
	const endpointOf = (p: WebhookProcessor) => p.baseUrl.replace(/\/$/, '');
	const finishedOnWorkers = () => cluster.workerLogs().reduce((n, f) => n + (fs.readFileSync(f, 'utf8').match(/Worker finished execution/g) ?? []).length, 0);

	beforeAll(async () => {
		const started = Date.now();
		sandbox = await startSandbox({ port: 0, token: TOKEN, seed: { products: PRODUCTS, orders: orders as any } });
		smtp = await startSmtpServer();
		// Odoo first (its config is pointed at the webhook processor once that runs).
		odoo = await startOdoo(SERIES, `http://127.0.0.1:${await freePort()}`, undefined, ODOO_WORKERS);
		env = odoo.env;
		expect((env as { workers?: number }).workers).toBe(ODOO_WORKERS);
		const config = (await orm('marketplace.supplier.config', 'read', [[env.configId]], { fields: ['warehouse_ids'] }))[0];
		const [warehouse] = await orm('stock.warehouse', 'read', [config.warehouse_ids.slice(0, 1)], { fields: ['lot_stock_id'] });
		for (let i = 1; i <= PRODUCTS; i++) {
			const existing = await orm('product.product', 'search', [], { domain: [['cartona_id', '=', cartonaId(i)]] });
			const id =
				existing[0] ??
				(await orm('product.product', 'create', [], { vals_list: [{ name: `E2E product ${i}`, default_code: `E2E-${i}`, list_price: 10 + i, cartona_id: cartonaId(i), ...storableProductValues(env.series) }] }))[0];
			productIds.set(cartonaId(i), id);
		}
		(env as any).stockLocationId = warehouse.lot_stock_id[0];
		secret = odoo.env.sharedSecret || WEBHOOK_SECRET;

		cluster = await startQueueCluster({
			workers: 2,
			webhooks: 2,
			workerConcurrency: 5,
			credentials: [cartonaCredential(sandbox.url), odooCredential(env, secret), smtpCredential(smtp.port), slackCredential()],
			workflows: [
				withSetting(loadTemplate('error-notification.json'), 'emailTo', 'ops@example.com'),
				loadTemplate('odoo-ping-router.json'),
				loadTemplate('connection-test.json'),
				withWebhookTrigger(loadTemplate('order-pull.json'), 'e2e-order-pull'),
				...PUSH.map(([file, id]) => withWebhookTrigger(loadTemplate(file), `e2e-${id}`)),
			],
		});
		// The test's own webhook calls go where Odoo's go: the first webhook processor (the main serves none).
		n8n = { ...cluster.main, webhook: cluster.webhooks[0].webhook } as N8nServer;
		for (const id of ['cartonaErrorNtfy', ...PUSH.map(([, id]) => id), 'cartonaPingRoute', 'cartonaConnTest1', 'cartonaOrderPull']) await n8n.activate(id, { timeoutMs: 60_000 });
		await write('marketplace.supplier.config', [env.configId], { api_endpoint: endpointOf(cluster.webhooks[0]), auth_token: secret });
		// The webhook processors read published webhooks from the shared database: wait until the first answers the router's path.
		await waitUntil(async () => (await cluster.webhooks[0].webhook('cartona-odoo-ping', { body: {} })).status === 401, { timeoutMs: 60_000, what: 'the ping router live on the webhook processor' });
		console.log(`e2e queue: Odoo ${env.series} (--workers ${ODOO_WORKERS}) and the n8n cluster ready in ${Date.now() - started} ms`);
		// Building Odoo's database and starting five n8n processes took over 5 minutes on a loaded machine.
	}, 1_500_000);

	afterAll(async () => {
		await cluster?.stop();
		await odoo?.stop();
		await sandbox?.close();
		await smtp?.close();
	});

	test("Odoo's Test Connection button gets the connection test's answer through a webhook processor and a worker", async () => {
		const before = finishedOnWorkers();
		await orm('marketplace.supplier.config', 'test_connection', [[env.configId]]);
		const [c] = await orm('marketplace.supplier.config', 'read', [[env.configId]], { fields: ['connection_status', 'connection_message'] });
		expect(c.connection_status).toBe('ok');
		expect(c.connection_message).toMatch(/^Connected/);
		expect(finishedOnWorkers()).toBeGreaterThan(before);
	});

	test('an order pulled becomes one sale order and the sandbox sees it synced; pulling again creates nothing', async () => {
		const r = await n8n.webhook('e2e-order-pull', { body: {} });
		expect(r.status).toBe(200);
		// The pull template answers on receipt: the worker's run is waited for in Odoo and the sandbox.
		await waitUntil(async () => (await saleOrders()).length === hashedIds.length && hashedIds.every((h) => sandbox.getOrder(h)!.synced), { timeoutMs: 60_000, what: 'both orders imported and acknowledged' }).catch(async (e) => {
			console.error('order pull:', await lastError(n8n, 'cartonaOrderPull'));
			throw e;
		});
		const first = await saleOrders();
		const pullsBefore = sandbox.requests.filter((q) => q.path === 'order/pull-orders').length;
		const runsBefore = (await n8n.executions({ workflowId: 'cartonaOrderPull' })).length;
		expect((await n8n.webhook('e2e-order-pull', { body: {} })).status).toBe(200);
		await waitUntil(async () => (await n8n.executions({ workflowId: 'cartonaOrderPull' })).length > runsBefore && sandbox.requests.filter((q) => q.path === 'order/pull-orders').length > pullsBefore, {
			timeoutMs: 60_000,
			what: 'the second pull run',
		});
		await waitUntil(async () => (await n8n.executions({ workflowId: 'cartonaOrderPull' })).every((x) => x.status !== 'running' && x.status !== 'new'), { timeoutMs: 60_000, what: 'the second pull finished' });
		expect((await saleOrders()).map((s) => s.id).sort()).toEqual(first.map((s) => s.id).sort());
	});

	test("a price edit and a stock move in Odoo reach the sandbox's product list through Odoo's pings", async () => {
		const id = productIds.get(cartonaId(4))!;
		const price = Math.round(10000 + (Date.now() % 9000)) / 100;
		const qty = 50 + (Date.now() % 400);
		await write('product.product', [id], { lst_price: price });
		await waitUntil(async () => sandbox.listProducts().find((p) => p.internal_product_id === cartonaId(4) && p.selling_price === price), { timeoutMs: 60_000, what: 'the new price in the sandbox' }).catch(async (e) => {
			console.error('price push:', await lastError(n8n, 'cartonaPricePush'), '\nrouter:', await lastError(n8n, 'cartonaPingRoute'));
			throw e;
		});
		await waitUntil(async () => (await orm('marketplace.outbox', 'search_count', [], { domain: [['product_id', '=', id], ['state', '!=', 'done']] })) === 0, { timeoutMs: 60_000, what: 'the price push acknowledged in Odoo' });
		const [quant] = await orm('stock.quant', 'create', [], { vals_list: [{ product_id: id, location_id: (env as any).stockLocationId, inventory_quantity: qty }], context: { inventory_mode: true } });
		await orm('stock.quant', 'action_apply_inventory', [[quant]], { context: { inventory_mode: true } });
		const [{ free_qty: freeQty }] = await orm('product.product', 'read', [[id]], { fields: ['free_qty'] });
		const expected = Math.max(0, freeQty);
		await waitUntil(async () => sandbox.listProducts().find((p) => p.internal_product_id === cartonaId(4) && p.available_stock_quantity === expected), { timeoutMs: 60_000, what: 'the new stock in the sandbox' }).catch(async (e) => {
			console.error('stock push:', await lastError(n8n, 'cartonaStockPush'), 'router:', await lastError(n8n, 'cartonaPingRoute'));
			throw e;
		});
	});

	test('delivery with a wrong OTP leaves the order undelivered and raises an alert; the right OTP delivers it', async () => {
		const so = await saleOrderOf(H2);
		await orm('sale.order', 'action_confirm', [[so.id]]);
		await waitUntil(async () => sandbox.getOrder(H2)!.status === 'approved', { timeoutMs: 60_000, what: `${H2} approved` });
		const mailsBefore = smtp.messages.length;
		await write('sale.order', [so.id], { marketplace_retailer_otp: '000000', marketplace_push_status: 'delivered' });
		await orm('sale.order', 'update_marketplace_status', [[so.id]]);
		const mail = await smtp.waitForMessage((m) => smtp.messages.indexOf(m) >= mailsBefore && m.text.includes(H2), 90_000).catch(async (e) => {
			const logs = cluster.workerLogs().map((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => /error ?workflow|fail|error/i.test(l)).slice(-15).join('\n'));
			console.error('status push:', await lastError(n8n, 'cartonaStatusPsh'), 'error workflow:', await lastError(n8n, 'cartonaErrorNtfy'), '\nworker logs:\n', logs.join('\n--\n'), '\nsandbox:', JSON.stringify(sandbox.requests.slice(-6).map((q) => `${q.method} ${q.path} ${q.status}`)));
			throw e;
		});
		expect(mail.subject).toContain('Cartona: order status push');
		// Sent by the error workflow, run on a worker like every execution here.
		expect((await n8n.executions({ workflowId: 'cartonaErrorNtfy' })).length).toBeGreaterThan(0);
		expect(mail.raw).not.toContain(TOKEN);
		expect(mail.raw).not.toContain(secret);
		expect(sandbox.getOrder(H2)!.status).toBe('approved');
		await write('sale.order', [so.id], { marketplace_retailer_otp: RIGHT_OTP });
		await orm('sale.order', 'update_marketplace_status', [[so.id]]);
		await waitUntil(async () => sandbox.getOrder(H2)!.status === 'delivered', { timeoutMs: 60_000, what: `${H2} delivered` });
	});

	test('one signed ping sent to both webhook processors (a replay the second has not seen) pushes each pending change once', async () => {
		const products = [5, 6, 7, 8].map((i) => ({ cid: cartonaId(i), id: productIds.get(cartonaId(i))! }));
		const base = Math.round(30000 + (Date.now() % 9000)) / 100;
		const priceOf = (k: number) => base + k;
		// Odoo's own pings go nowhere while the changes are made: the entries stay pending for the replayed ping.
		await write('marketplace.supplier.config', [env.configId], { api_endpoint: `http://127.0.0.1:${await freePort()}` });
		try {
			for (const [k, p] of products.entries()) await write('product.product', [p.id], { lst_price: priceOf(k) });
			const pending = () => orm('marketplace.outbox', 'search_count', [], { domain: [['product_id', 'in', products.map((p) => p.id)], ['kind', '=', 'price'], ['state', '=', 'pending']] });
			expect(await pending()).toBe(products.length);

			const postsBefore = sandbox.requests.length;
			const routerBefore = new Set((await n8n.executions({ workflowId: 'cartonaPingRoute', limit: 100 })).map((x) => x.id));
			const body = JSON.stringify({ event: 'outbox', config_id: env.configId, config_name: 'Cartona CI', kinds: ['price'], pending: products.length, sent_at: new Date().toISOString() });
			const timestamp = String(Math.floor(Date.now() / 1000));
			const nonce = crypto.randomUUID().replace(/-/g, '');
			const headers = { 'content-type': 'application/json', 'x-cartona-timestamp': timestamp, 'x-cartona-nonce': nonce, 'x-cartona-signature': signPing(secret, timestamp, nonce, Buffer.from(body)) };
			const answers = await Promise.all(cluster.webhooks.map((p) => p.webhook('cartona-odoo-ping', { body, headers })));
			// Each process sees the nonce for the first time: both accept (nonces are per process) ...
			expect(answers.map((a) => a.status)).toEqual([200, 200]);
			// ... and a process that has seen it refuses it.
			expect((await cluster.webhooks[1].webhook('cartona-odoo-ping', { body, headers })).status).toBe(401);

			// Both pings ran the router on a worker; wait until every run they started has ended.
			await waitUntil(async () => (await n8n.executions({ workflowId: 'cartonaPingRoute', limit: 100 })).filter((x) => !routerBefore.has(x.id) && x.status === 'success').length === 2, { timeoutMs: 60_000, what: 'both router runs' });
			await waitUntil(async () => (await pending()) === 0 && (await orm('marketplace.outbox', 'search_count', [], { domain: [['product_id', 'in', products.map((p) => p.id)], ['kind', '=', 'price'], ['state', '!=', 'done']] })) === 0, {
				timeoutMs: 60_000,
				what: 'every price entry acknowledged in Odoo',
			});
			await waitUntil(async () => (await n8n.executions({ workflowId: 'cartonaPricePush', limit: 100 })).every((x) => x.status !== 'running' && x.status !== 'new'), { timeoutMs: 60_000, what: 'the price push runs ended' });

			// The effect, from the sandbox: every product's new price arrived, each exactly once.
			const sent = sandbox.requests
				.slice(postsBefore)
				.filter((q) => q.method === 'POST' && Array.isArray(q.body))
				.flatMap((q) => (q.body as Array<{ internal_product_id: string; selling_price?: number }>).filter((e) => e.selling_price !== undefined).map((e) => e.internal_product_id));
			expect(products.map((p) => sent.filter((c) => c === p.cid).length)).toEqual(products.map(() => 1));
			for (const [k, p] of products.entries()) expect(sandbox.listProducts().find((x) => x.internal_product_id === p.cid)?.selling_price).toBe(priceOf(k));
		} finally {
			await write('marketplace.supplier.config', [env.configId], { api_endpoint: endpointOf(cluster.webhooks[0]) });
		}
	});
}
