/**
 * Cartona sandbox: faults on demand (429 + Retry-After, 500, 503, slow, drop-before, drop-after),
 * scenario files, the request log and the admin API.
 */
import axios, { AxiosInstance } from 'axios';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { startSandbox, Sandbox } from '../../sandbox/server';

let sb: Sandbox;
let api: AxiosInstance;
let admin: AxiosInstance;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, token: 'fault-token', seed: { products: 100, orders: 10 } });
	// No keep-alive: a dropped socket must not be reused by the next request.
	const agent = new http.Agent({ keepAlive: false });
	api = axios.create({ baseURL: sb.url, headers: { AuthorizationToken: sb.token }, validateStatus: () => true, httpAgent: agent });
	admin = axios.create({ baseURL: sb.adminUrl, headers: { 'X-Sandbox-Admin': sb.token }, validateStatus: () => true, httpAgent: agent });
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.clearFaults();
	sb.reset({ products: 100, orders: 10 });
	sb.requests.length = 0;
});

const stockOf = (id: string) => sb.listProducts().find((p) => p.internal_product_id === id)!.available_stock_quantity;
const bulkUpdate = (stock: number) => api.post('supplier-product/bulk-update', [{ internal_product_id: 'P000001', available_stock_quantity: stock }]);

describe('faults', () => {
	it('answers 429 with Retry-After for `times` requests, then serves normally', async () => {
		sb.setFaults({ match: { method: 'POST', path: 'supplier-product/bulk-update' }, fault: '429', times: 2, retryAfter: 3 });
		const first = await bulkUpdate(11);
		expect(first.status).toBe(429);
		expect(first.headers['retry-after']).toBe('3');
		expect(first.data.error).toBeDefined();
		expect((await bulkUpdate(11)).status).toBe(429);
		expect(stockOf('P000001')).not.toBe(11);
		expect((await api.get('supplier-product')).status).toBe(200); // other paths untouched
		expect((await bulkUpdate(11)).status).toBe(200);
		expect(stockOf('P000001')).toBe(11);
		expect(sb.requests.map((r) => [r.path, r.status, r.fault])).toEqual([
			['supplier-product/bulk-update', 429, '429'],
			['supplier-product/bulk-update', 429, '429'],
			['supplier-product', 200, undefined],
			['supplier-product/bulk-update', 200, undefined],
		]);
		expect(sb.getFaults()[0]).toEqual(expect.objectContaining({ remaining: 0, fired: 2 }));
	});

	it.each(['500', '503'])('answers %s without applying the change', async (kind) => {
		sb.setFaults([{ match: { path: 'supplier-product/*' }, fault: kind as '500' | '503', times: 1 }]);
		const res = await bulkUpdate(12);
		expect(res.status).toBe(Number(kind));
		expect(res.data.error).toBeDefined();
		expect(stockOf('P000001')).not.toBe(12);
		expect((await bulkUpdate(12)).status).toBe(200);
	});

	it('slows an answer by delayMs and still applies it', async () => {
		sb.setFaults({ match: { method: 'POST' }, fault: 'slow', delayMs: 300, times: 1 });
		const started = Date.now();
		const res = await bulkUpdate(13);
		expect(res.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(sb.requests[0].durationMs).toBeGreaterThanOrEqual(290);
		expect(stockOf('P000001')).toBe(13);
	});

	it('drop-before closes the connection without applying the change', async () => {
		sb.setFaults({ match: { method: 'POST', path: 'supplier-product/bulk-update' }, fault: 'drop-before', times: 1 });
		await expect(bulkUpdate(14)).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(stockOf('P000001')).not.toBe(14);
		expect(sb.requests[0]).toEqual(expect.objectContaining({ status: null, fault: 'drop-before' }));
		expect((await bulkUpdate(14)).status).toBe(200);
	});

	it('drop-after applies the change, then closes the connection', async () => {
		const order = sb.listOrders().find((o) => !o.needs_otp)!;
		sb.setFaults({ match: { path: `order/update-order-status/${order.hashed_id}` }, fault: 'drop-after', times: 1 });
		await expect(api.post(`order/update-order-status/${order.hashed_id}`, { status: 'approved' })).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(sb.getOrder(order.hashed_id)!.status).toBe('approved');
		expect(sb.requests[0]).toEqual(expect.objectContaining({ status: 200, fault: 'drop-after' }));
		// A blind replay of the same move is a harmless no-op.
		expect((await api.post(`order/update-order-status/${order.hashed_id}`, { status: 'approved' })).status).toBe(200);
	});

	it('honours skip and probability 0', async () => {
		sb.setFaults([
			{ match: { path: 'supplier-product' }, fault: '500', probability: 0 },
			{ match: { path: 'order/pull-orders' }, fault: '503', skip: 1, times: 1 },
		]);
		expect((await api.get('supplier-product')).status).toBe(200);
		expect((await api.get('order/pull-orders')).status).toBe(200);
		expect((await api.get('order/pull-orders')).status).toBe(503);
		expect((await api.get('order/pull-orders')).status).toBe(200);
	});

	it('never applies faults to admin paths', async () => {
		sb.setFaults({ fault: '500' });
		expect((await api.get('supplier-product')).status).toBe(500);
		expect((await admin.get('state')).status).toBe(200);
		expect((await admin.delete('faults')).status).toBe(200);
		expect((await api.get('supplier-product')).status).toBe(200);
	});

	it('loads a scenario file at start', async () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-')), 'scenario.json');
		fs.writeFileSync(file, JSON.stringify({ faults: [{ match: { method: 'GET', path: 'supplier-product' }, fault: 429, times: 1 }] }));
		const other = await startSandbox({ port: 0, seed: { products: 5, orders: 0 }, scenario: file });
		try {
			const get = () => axios.get(`${other.url}supplier-product`, { headers: { AuthorizationToken: other.token }, validateStatus: () => true });
			const limited = await get();
			expect(limited.status).toBe(429);
			expect(limited.headers['retry-after']).toBe('1');
			expect((await get()).data).toHaveLength(5);
		} finally {
			await other.close();
		}
	});

	it.each(fs.readdirSync(path.join(__dirname, '../../sandbox/scenarios')))('accepts the shipped scenario %s', (name) => {
		const rules = sb.setFaults(path.join(__dirname, '../../sandbox/scenarios', name));
		expect(rules.length).toBeGreaterThan(0);
	});

	it('refuses invalid fault rules', async () => {
		expect(() => sb.setFaults({ fault: 'explode' } as never)).toThrow(/fault/);
		const res = await admin.post('faults', [{ match: { path: 'x' }, fault: '429', times: 0 }]);
		expect(res.status).toBe(422);
		expect(res.data.details).toHaveProperty(['0.times']);
	});
});

describe('admin API', () => {
	it('requires the X-Sandbox-Admin header', async () => {
		expect((await axios.get(`${sb.adminUrl}state`, { validateStatus: () => true })).status).toBe(401);
		expect((await axios.get(`${sb.adminUrl}state`, { headers: { 'X-Sandbox-Admin': 'wrong' }, validateStatus: () => true })).status).toBe(401);
		expect((await axios.get(`${sb.adminUrl}state`, { headers: { AuthorizationToken: sb.token }, validateStatus: () => true })).status).toBe(401);
		expect((await admin.get('nope')).status).toBe(404);
	});

	it('reports state counts', async () => {
		const res = await admin.get('state');
		expect(res.data).toEqual(expect.objectContaining({ products: 100, orders: 10, unsyncedOrders: 10, requests: 0, faults: [] }));
		expect(res.data.ordersByStatus).toEqual({ pending: 10 });
	});

	it('serves the request log since a sequence number, and clears it', async () => {
		await api.get('supplier-product?per_page=2');
		await api.post('supplier-product/bulk-update', [{ internal_product_id: 'P000001', selling_price: 1 }]);
		await api.get('order/pull-orders');
		const all = (await admin.get('requests')).data;
		expect(all.map((r: any) => r.path)).toEqual(['supplier-product', 'supplier-product/bulk-update', 'order/pull-orders']);
		expect(all[0].query).toEqual({ per_page: '2' });
		expect(all[1]).toEqual(expect.objectContaining({ method: 'POST', status: 200, body: [{ internal_product_id: 'P000001', selling_price: 1 }] }));
		expect(typeof all[1].durationMs).toBe('number');
		expect(Date.parse(all[1].at)).not.toBeNaN();
		const since = (await admin.get(`requests?since=${all[0].seq}`)).data;
		expect(since.map((r: any) => r.seq)).toEqual([all[1].seq, all[2].seq]);
		expect((await admin.delete('requests')).status).toBe(200);
		expect((await admin.get('requests')).data).toEqual([]);
		expect(sb.requests).toHaveLength(0);
	});

	it('sets and clears faults over HTTP', async () => {
		const set = await admin.post('faults', { match: { path: 'order/pull-orders' }, fault: '503', retryAfter: 2 });
		expect(set.status).toBe(200);
		expect(set.data).toHaveLength(1);
		const res = await api.get('order/pull-orders');
		expect(res.status).toBe(503);
		expect(res.headers['retry-after']).toBe('2');
		expect((await admin.get('faults')).data[0].fired).toBe(1);
		expect((await admin.delete('faults')).status).toBe(200);
		expect((await api.get('order/pull-orders')).status).toBe(200);
	});

	it('reseeds, adds orders with their OTPs, and shows one order in full', async () => {
		const seeded = await admin.post('seed', { products: 40, orders: 2 });
		expect(seeded.data).toEqual(expect.objectContaining({ products: 40, orders: 2 }));
		expect((await admin.post('seed', [1])).status).toBe(422);
		const added = await admin.post('orders', { count: 3 });
		expect(added.status).toBe(200);
		expect(added.data).toHaveLength(3);
		for (const o of added.data) expect(o.otp).toMatch(/^\d{6}$/);
		expect((await api.get('order/pull-orders')).data).toHaveLength(5);
		expect(sb.addOrders(1)).toHaveLength(1);
		const hashedId = added.data[0].hashed_id;
		await api.post(`order/update-order-status/${hashedId}`, { status: 'approved' });
		await api.post('order/update-order-details', [{ hashed_id: hashedId, order_details: [{ id: added.data[0].order_details[0].id, amount: 1 }] }]);
		const full = (await admin.get(`orders/${hashedId}`)).data;
		expect(full.status).toBe('approved');
		expect(full.history.map((h: any) => h.status)).toEqual(['pending', 'approved']);
		expect(full.details_edits).toHaveLength(1);
		expect(full.otp).toBe(added.data[0].otp);
		expect((await admin.get('orders/unknown')).status).toBe(404);
		expect((await admin.post('orders', 'x', { headers: { 'Content-Type': 'application/json' }, transformRequest: (d) => d })).status).toBe(422);
	});

	it('lists all products and base products without paging', async () => {
		sb.reset({ products: 250, orders: 0 });
		const products = (await admin.get('products')).data;
		expect(products).toHaveLength(250);
		expect(products[249].internal_product_id).toBe('P000250');
		const base = (await admin.get('base-products')).data;
		expect(base).toHaveLength(250);
		expect(base[0]).toHaveProperty('suppler_prodcut_id');
	});
});
