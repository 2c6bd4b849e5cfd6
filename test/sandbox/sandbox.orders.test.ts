/**
 * Cartona sandbox, order endpoints: auth, paging, pull-orders until `synced`, supplier codes,
 * status transitions, OTP, order-details edits. Talks HTTP to an in-process sandbox.
 */
import axios, { AxiosInstance } from 'axios';
import http from 'http';
import { startSandbox, Sandbox, SandboxOrder } from '../../sandbox/server';

let sb: Sandbox;
let api: AxiosInstance;

function client(headers: Record<string, string>): AxiosInstance {
	return axios.create({ baseURL: sb.url, headers, validateStatus: () => true, httpAgent: new http.Agent({ keepAlive: false }) });
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: { products: 300, orders: 45 } });
	api = client({ AuthorizationToken: sb.token });
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.reset({ products: 300, orders: 45 });
	sb.clearFaults();
});

async function pullAll(query = ''): Promise<any[]> {
	const all: any[] = [];
	for (let page = 1; ; page++) {
		const res = await api.get(`order/pull-orders?per_page=20&page=${page}${query}`);
		expect(res.status).toBe(200);
		all.push(...res.data);
		if (res.data.length < 20) return all;
	}
}

function orderWhere(test: (o: SandboxOrder) => boolean): SandboxOrder {
	const found = sb.listOrders().find(test);
	if (!found) throw new Error('no seeded order fits the test');
	return found;
}

describe('auth', () => {
	it('refuses a missing token with 401 and an error body', async () => {
		const res = await client({}).get('order/pull-orders');
		expect(res.status).toBe(401);
		expect(typeof res.data.error).toBe('string');
	});

	it('refuses a wrong token', async () => {
		const res = await client({ AuthorizationToken: 'nope' }).get('supplier-product');
		expect(res.status).toBe(401);
		expect(res.data.error).toMatch(/invalid/i);
	});

	it('does not accept the token in the Authorization header', async () => {
		const res = await client({ Authorization: sb.token }).get('order/pull-orders');
		expect(res.status).toBe(401);
		expect(res.data.error).toMatch(/AuthorizationToken/);
		const bearer = await client({ Authorization: `Bearer ${sb.token}` }).get('order/pull-orders');
		expect(bearer.status).toBe(401);
	});

	it('accepts the AuthorizationToken header', async () => {
		const res = await api.get('order/pull-orders');
		expect(res.status).toBe(200);
		expect(Array.isArray(res.data)).toBe(true);
	});
});

describe('pull-orders paging', () => {
	it('serves bare arrays page by page, ending on a short page then an empty one', async () => {
		const sizes: number[] = [];
		const ids = new Set<string>();
		for (let page = 1; page <= 4; page++) {
			const res = await api.get('order/pull-orders', { params: { page, per_page: 20 } });
			expect(res.status).toBe(200);
			expect(Array.isArray(res.data)).toBe(true);
			sizes.push(res.data.length);
			for (const o of res.data) ids.add(o.hashed_id);
		}
		expect(sizes).toEqual([20, 20, 5, 0]);
		expect(ids.size).toBe(45);
	});

	it('defaults per_page to 20 and caps it at 100', async () => {
		sb.reset({ products: 300, orders: 130 });
		expect((await api.get('order/pull-orders')).data).toHaveLength(20);
		expect((await api.get('order/pull-orders?per_page=500')).data).toHaveLength(100);
		expect((await api.get('order/pull-orders?per_page=500&page=2')).data).toHaveLength(30);
	});

	it.each(['per_page=0', 'per_page=-5', 'page=0', 'page=abc', 'per_page=2.5', 'from=yesterday'])('answers 422 to %s', async (q) => {
		const res = await api.get(`order/pull-orders?${q}`);
		expect(res.status).toBe(422);
		expect(typeof res.data.error).toBe('string');
		expect(res.data.details).toBeDefined();
	});

	it('pulls orders shaped as the contract says, without the sandbox bookkeeping', async () => {
		const [order] = (await api.get('order/pull-orders?per_page=1')).data;
		for (const key of ['hashed_id', 'created_at', 'supplier_code', 'status', 'total_price', 'installment_cost', 'wallet_top_up', 'retailer', 'order_details']) {
			expect(order).toHaveProperty(key);
		}
		expect(order.retailer.retailer_number).toMatch(/^\+20100000\d{4}$/);
		expect(order.order_details[0]).toEqual(expect.objectContaining({ id: expect.any(Number), internal_product_id: expect.any(String), amount: expect.any(Number), selling_price: expect.any(Number) }));
		expect(order).not.toHaveProperty('otp');
		expect(order).not.toHaveProperty('synced');
	});

	it('filters on from/to (a date-only "to" covers that whole day)', async () => {
		const expected = sb.listOrders().filter((o) => o.updated_at.startsWith('2026-01-05')).map((o) => o.hashed_id);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(45);
		const got = await pullAll('&to=2026-01-05');
		expect(got.map((o) => o.hashed_id).sort()).toEqual(expected.sort());
		const later = await pullAll('&from=2026-01-06T00:00:00Z');
		expect(later).toHaveLength(45 - expected.length);
	});
});

describe('acknowledging with synced', () => {
	it('keeps returning an order until it is acknowledged, then stops', async () => {
		const first = (await api.get('order/pull-orders?per_page=3')).data.map((o: any) => o.hashed_id);
		expect((await api.get('order/pull-orders?per_page=3')).data.map((o: any) => o.hashed_id)).toEqual(first);
		const ack = await api.post('order/update-order-status', first.map((hashed_id: string) => ({ hashed_id, status: 'synced' })));
		expect(ack.status).toBe(200);
		const rest = await pullAll();
		expect(rest).toHaveLength(42);
		expect(rest.map((o) => o.hashed_id)).not.toEqual(expect.arrayContaining([first[0]]));
		expect(sb.getOrder(first[0])).toEqual(expect.objectContaining({ synced: true, status: 'pending' }));
	});

	it('brings an order back when Cartona changes it (admin simulates the retailer)', async () => {
		const [order] = (await api.get('order/pull-orders?per_page=1')).data;
		await api.post('order/update-order-status', [{ hashed_id: order.hashed_id, status: 'synced' }]);
		expect((await pullAll()).some((o) => o.hashed_id === order.hashed_id)).toBe(false);
		const admin = await axios.post(`${sb.adminUrl}orders/${order.hashed_id}/status`, { status: 'cancelled_by_retailer' }, { headers: { 'X-Sandbox-Admin': sb.token } });
		expect(admin.status).toBe(200);
		const back = (await pullAll()).find((o) => o.hashed_id === order.hashed_id);
		expect(back.status).toBe('cancelled_by_retailer');
	});
});

describe('supplier accounts', () => {
	it('pulls only the orders of the given internal_supplier_code', async () => {
		const codes = new Set(sb.listOrders().map((o) => o.supplier_code));
		expect(codes.size).toBeGreaterThan(1);
		for (const code of codes) {
			const got = await pullAll(`&internal_supplier_code=${code}`);
			expect(got.length).toBe(sb.listOrders().filter((o) => o.supplier_code === code).length);
			expect(got.every((o) => o.supplier_code === code)).toBe(true);
		}
	});

	it('answers 422 to an unknown supplier code', async () => {
		const res = await api.get('order/pull-orders?internal_supplier_code=9');
		expect(res.status).toBe(422);
		expect(res.data.error).toMatch(/internal_supplier_code/);
	});

	it('does not touch an order of another account', async () => {
		const order = orderWhere((o) => o.supplier_code === '1');
		const res = await api.post(`order/update-order-status/${order.hashed_id}`, { status: 'approved', internal_supplier_code: '2' });
		expect(res.status).toBe(404);
		expect(sb.getOrder(order.hashed_id)!.status).toBe('pending');
	});
});

describe('status transitions', () => {
	it('walks pending -> approved -> assigned_to_salesman -> delivered and refuses moves out of delivered', async () => {
		const order = orderWhere((o) => !o.needs_otp);
		const path = `order/update-order-status/${order.hashed_id}`;
		for (const status of ['approved', 'assigned_to_salesman', 'delivered']) {
			const res = await api.post(path, { hashed_id: order.hashed_id, status });
			expect(res.status).toBe(200);
			expect(res.data.status).toBe(status);
		}
		expect(sb.getOrder(order.hashed_id)!.delivery_day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const back = await api.post(path, { status: 'approved' });
		expect(back.status).toBe(422);
		expect(back.data.error).toMatch(/delivered -> approved/);
		expect(sb.getOrder(order.hashed_id)!.status).toBe('delivered');
	});

	it('refuses pending -> delivered on the single-order endpoint', async () => {
		const order = orderWhere((o) => !o.needs_otp);
		const res = await api.post(`order/update-order-status/${order.hashed_id}`, { status: 'delivered' });
		expect(res.status).toBe(422);
		expect(res.data.error).toMatch(/illegal/);
		expect(sb.getOrder(order.hashed_id)!.status).toBe('pending');
	});

	it('skips illegal moves silently on the bulk endpoint but records them', async () => {
		const [a, b] = sb.listOrders().filter((o) => !o.needs_otp);
		const res = await api.post('order/update-order-status', [
			{ hashed_id: a.hashed_id, status: 'delivered' },
			{ hashed_id: b.hashed_id, status: 'approved' },
			{ hashed_id: 'unknown1', status: 'approved' },
		]);
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ updated: 1 });
		expect(JSON.stringify(res.data)).not.toMatch(/illegal|unknown1/);
		expect(sb.getOrder(a.hashed_id)!.status).toBe('pending');
		expect(sb.getOrder(a.hashed_id)!.refused[0].error).toMatch(/pending -> delivered/);
		expect(sb.getOrder(b.hashed_id)!.status).toBe('approved');
		expect(sb.state().refusedUpdates).toBe(2);
	});

	it('an order in editing is skipped by the bulk endpoint: only the updated count shows it', async () => {
		const [editing, pending] = sb.listOrders().filter((o) => o.status === 'pending');
		await axios.post(`${sb.adminUrl}orders/${editing.hashed_id}/status`, { status: 'editing' }, { headers: { 'X-Sandbox-Admin': sb.token } });
		const res = await api.post('order/update-order-status', [
			{ hashed_id: editing.hashed_id, status: 'approved' },
			{ hashed_id: pending.hashed_id, status: 'approved' },
			{ hashed_id: pending.hashed_id, status: 'synced' },
		]);
		expect(res.data).toEqual({ updated: 2 });
		expect(sb.getOrder(editing.hashed_id)!.status).toBe('editing');
		expect(sb.getOrder(editing.hashed_id)!.refused[0].error).toBe('illegal status change editing -> approved');
		expect(sb.getOrder(pending.hashed_id)!.status).toBe('approved');
		// The one-order endpoint answers the refusal.
		const one = await api.post(`order/update-order-status/${editing.hashed_id}`, { status: 'approved' });
		expect(one.status).toBe(422);
		expect(one.data.error).toBe('illegal status change editing -> approved');
	});

	it('the bulkStatusAnswer behaviour switches the bulk answer to {"success": true}, kept across reset', async () => {
		const headers = { 'X-Sandbox-Admin': sb.token };
		expect((await axios.get(`${sb.adminUrl}behaviour`, { headers })).data).toEqual({ bulkStatusAnswer: 'updated' });
		const bad = await axios.post(`${sb.adminUrl}behaviour`, { bulkStatusAnswer: 'maybe' }, { headers, validateStatus: () => true });
		expect(bad.status).toBe(422);
		expect((await axios.post(`${sb.adminUrl}behaviour`, { bulkStatusAnswer: 'success' }, { headers })).data).toEqual({
			bulkStatusAnswer: 'success',
		});
		try {
			sb.reset({ products: 300, orders: 45 });
			const [order] = sb.listOrders().filter((o) => o.status === 'pending');
			const res = await api.post('order/update-order-status', [
				{ hashed_id: order.hashed_id, status: 'delivered' },
				{ hashed_id: order.hashed_id, status: 'approved' },
			]);
			expect(res.data).toEqual({ success: true });
			expect(sb.getOrder(order.hashed_id)!.status).toBe('approved');
		} finally {
			sb.setBehaviour({ bulkStatusAnswer: 'updated' });
		}
		expect(sb.getBehaviour()).toEqual({ bulkStatusAnswer: 'updated' });
		expect(() => sb.setBehaviour({ other: 1 } as never)).toThrow(/unknown behaviour/);
	});

	it('cancels with a reason, and treats resending the current status as a no-op', async () => {
		const order = orderWhere(() => true);
		const path = `order/update-order-status/${order.hashed_id}`;
		expect((await api.post(path, { status: 'pending' })).status).toBe(200);
		const res = await api.post(path, { status: 'cancelled_by_supplier', cancellation_reason: 'out_of_stock' });
		expect(res.status).toBe(200);
		expect(res.data.cancellation_reason).toBe('out_of_stock');
		expect((await api.post(path, { status: 'approved' })).status).toBe(422);
	});

	it('answers 404 for an unknown order and 422 for a bad body', async () => {
		expect((await api.post('order/update-order-status/doesNotExist', { status: 'approved' })).status).toBe(404);
		const order = orderWhere(() => true);
		const path = `order/update-order-status/${order.hashed_id}`;
		const badStatus = await api.post(path, { status: 'shipped' });
		expect(badStatus.status).toBe(422);
		expect(badStatus.data.details).toHaveProperty('status');
		expect((await api.post(path, { hashed_id: 'other', status: 'approved' })).status).toBe(422);
		expect((await api.post(path, [{ status: 'approved' }])).status).toBe(422);
		expect((await api.post(path, { status: 'cancelled_by_supplier', cancellation_reason: 'bored' })).status).toBe(422);
		const bulkBad = await api.post('order/update-order-status', [{ status: 'approved' }]);
		expect(bulkBad.status).toBe(422);
		expect(bulkBad.data.details).toHaveProperty(['0.hashed_id']);
		expect((await api.post('order/update-order-status', { hashed_id: order.hashed_id, status: 'approved' })).status).toBe(422);
		expect(sb.getOrder(order.hashed_id)!.status).toBe('pending');
	});
});

describe('OTP on delivery', () => {
	it('needs the retailer OTP for installment and wallet top-up orders', async () => {
		const order = orderWhere((o) => o.installment_cost > 0 || o.wallet_top_up > 0);
		expect(order.needs_otp).toBe(true);
		const path = `order/update-order-status/${order.hashed_id}`;
		expect((await api.post(path, { status: 'approved' })).status).toBe(200);
		const missing = await api.post(path, { status: 'delivered' });
		expect(missing.status).toBe(422);
		expect(missing.data.error).toMatch(/retailer_otp/);
		const wrongOtp = order.otp === '000000' ? '111111' : '000000';
		const wrong = await api.post(path, { status: 'delivered', retailer_otp: wrongOtp });
		expect(wrong.status).toBe(422);
		expect(wrong.data.error).toMatch(/retailer_otp/);
		expect(sb.getOrder(order.hashed_id)!.status).toBe('approved');
		const right = await api.post(path, { status: 'delivered', retailer_otp: order.otp, delivery_day: '2026-02-01' });
		expect(right.status).toBe(200);
		expect(right.data.status).toBe('delivered');
		expect(right.data.delivery_day).toBe('2026-02-01');
	});

	it('lets a plain cash order be delivered without OTP', async () => {
		const order = orderWhere((o) => !o.needs_otp);
		const path = `order/update-order-status/${order.hashed_id}`;
		await api.post(path, { status: 'approved' });
		expect((await api.post(path, { status: 'delivered' })).status).toBe(200);
	});
});

describe('update-order-details', () => {
	it('changes an amount, cancels a line, adds a line and recomputes the total', async () => {
		const order = orderWhere((o) => o.order_details.length >= 2);
		const [keep, drop] = order.order_details;
		const addable = sb.listProducts().find((p) => p.supplier_code === order.supplier_code)!;
		const res = await api.post('order/update-order-details', [
			{
				hashed_id: order.hashed_id,
				order_details: [
					{ id: keep.id, amount: 7, price: 10.5 },
					{ id: drop.id, cancelled: true },
					{ internal_product_id: addable.internal_product_id, amount: 3, price: 20 },
				],
			},
		]);
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ updated: 1, failed: [] });
		const pulled = (await pullAll()).find((o) => o.hashed_id === order.hashed_id);
		const lines = pulled.order_details;
		expect(lines.find((l: any) => l.id === keep.id)).toEqual(expect.objectContaining({ amount: 7, selling_price: 10.5 }));
		expect(lines.find((l: any) => l.id === drop.id)).toBeUndefined();
		const added = lines.find((l: any) => !order.order_details.some((d) => d.id === l.id));
		expect(added).toEqual(expect.objectContaining({ internal_product_id: addable.internal_product_id, amount: 3, selling_price: 20 }));
		const expectedTotal = lines.reduce((s: number, l: any) => s + l.selling_price * l.amount, 0);
		expect(pulled.total_price).toBeCloseTo(expectedTotal, 2);
		const admin = sb.getOrder(order.hashed_id)!;
		expect(admin.details_edits).toHaveLength(1);
		expect(admin.cancelled_lines.map((l) => l.id)).toEqual([drop.id]);
	});

	it('fails an order whose lines are wrong, applies nothing to it, and goes on with the others', async () => {
		const [bad, good] = sb.listOrders();
		const otherOrderLine = good.order_details[0].id;
		const res = await api.post('order/update-order-details', [
			{ hashed_id: bad.hashed_id, order_details: [{ id: bad.order_details[0].id, amount: 99 }, { id: otherOrderLine, amount: 1 }] },
			{ hashed_id: good.hashed_id, order_details: [{ id: good.order_details[0].id, amount: 2 }] },
			{ hashed_id: bad.hashed_id, order_details: [{ id: bad.order_details[0].id, amount: -1 }] },
			{ hashed_id: bad.hashed_id, order_details: [{ internal_product_id: 'NOPE', amount: 1 }] },
			{ hashed_id: bad.hashed_id, order_details: [{ amount: 1 }] },
			{ hashed_id: 'missing1', order_details: [{ id: 1, amount: 1 }] },
			{ order_details: [] },
		]);
		expect(res.status).toBe(200);
		expect(res.data.updated).toBe(1);
		expect(res.data.failed.map((f: any) => f.index)).toEqual([0, 2, 3, 4, 5, 6]);
		expect(res.data.failed[0].error).toMatch(new RegExp(`line ${otherOrderLine}`));
		expect(res.data.failed[1].error).toMatch(/amount/);
		expect(sb.getOrder(bad.hashed_id)!.order_details[0].amount).toBe(bad.order_details[0].amount);
		expect(sb.getOrder(good.hashed_id)!.order_details[0].amount).toBe(2);
	});

	it('refuses edits once the order is delivered', async () => {
		const order = orderWhere((o) => !o.needs_otp);
		const path = `order/update-order-status/${order.hashed_id}`;
		await api.post(path, { status: 'approved' });
		await api.post(path, { status: 'delivered' });
		const res = await api.post('order/update-order-details', [{ hashed_id: order.hashed_id, order_details: [{ id: order.order_details[0].id, amount: 1 }] }]);
		expect(res.data.updated).toBe(0);
		expect(res.data.failed[0].error).toMatch(/delivered/);
	});
});
