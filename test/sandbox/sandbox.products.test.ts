/**
 * Cartona sandbox, product endpoints: seeding, paging over 10,000 products, bulk updates visible
 * in the lists, partial failures, base products, supplier codes, 422/404 answers.
 */
import axios, { AxiosInstance } from 'axios';
import http from 'http';
import { startSandbox, Sandbox } from '../../sandbox/server';

let sb: Sandbox;
let api: AxiosInstance;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, seed: { products: 300, orders: 0 } });
	api = axios.create({ baseURL: sb.url, headers: { AuthorizationToken: sb.token }, validateStatus: () => true, httpAgent: new http.Agent({ keepAlive: true }) });
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.reset({ products: 300, orders: 0 });
});

async function product(internalId: string, code?: string): Promise<any> {
	const res = await api.get('supplier-product', { params: { internal_product_id: internalId, internal_supplier_code: code } });
	expect(res.status).toBe(200);
	expect(res.data).toHaveLength(1);
	return res.data[0];
}

describe('seeding', () => {
	it('seeds 10,000 products and serves all of them over 100 full pages and an empty one', async () => {
		sb.reset({ products: 10000, orders: 50 });
		expect(sb.state()).toEqual(expect.objectContaining({ products: 10000, orders: 50 }));
		const ids = new Set<string>();
		let page = 1;
		for (; ; page++) {
			const res = await api.get('supplier-product', { params: { page, per_page: 100 } });
			expect(res.status).toBe(200);
			for (const p of res.data) ids.add(p.internal_product_id);
			if (res.data.length < 100) {
				expect(res.data).toHaveLength(0);
				break;
			}
		}
		expect(page).toBe(101);
		expect(ids.size).toBe(10000);
		expect(ids.has('P000001')).toBe(true);
		expect(ids.has('P010000')).toBe(true);
	});

	it('is deterministic: the same counts give the same data', async () => {
		const before = sb.listProducts();
		sb.reset({ products: 300, orders: 5 });
		const ordersA = sb.listOrders();
		sb.reset({ products: 300, orders: 5 });
		expect(sb.listProducts()).toEqual(before);
		expect(sb.listOrders().map((o) => [o.hashed_id, o.otp, o.order_details])).toEqual(ordersA.map((o) => [o.hashed_id, o.otp, o.order_details]));
	});

	it('generates products with contract units and orders pointing at seeded products', () => {
		sb.reset({ products: 500, orders: 40 });
		const units = new Set(['box', 'can', 'bottle', 'kg', 'piece', 'dozen', 'bag', 'packet', 'plate', 'glass', 'pallet', 'jar', 'shrink', 'ton', 'saddlebag', 'roll', 'tissue', 'cone', 'coil', 'bunch', 'strip', 'recharge_card', 'mat']);
		const byId = new Map(sb.listProducts().map((p) => [p.internal_product_id, p]));
		for (const p of byId.values()) expect(units.has(p.unit)).toBe(true);
		const orders = sb.listOrders();
		expect(new Set(orders.map((o) => o.hashed_id)).size).toBe(40);
		expect(orders.some((o) => o.needs_otp)).toBe(true);
		expect(orders.some((o) => new Set(o.order_details.map((l) => l.internal_product_id)).size < o.order_details.length)).toBe(true);
		for (const o of orders) {
			expect(o.order_details.length).toBeGreaterThanOrEqual(1);
			expect(o.order_details.length).toBeLessThanOrEqual(5);
			for (const line of o.order_details) expect(byId.get(line.internal_product_id)!.supplier_code).toBe(o.supplier_code);
		}
	});

	it('accepts explicit product and order arrays', async () => {
		sb.reset({
			products: [
				{ internal_product_id: '904#2', supplier_product_id: '77', selling_price: 10, available_stock_quantity: 4 },
				{ internal_product_id: '105', supplier_code: '2' },
			],
			orders: [{ hashed_id: 'ABCDEFGH', otp: '123456', installment_cost: 50, order_details: [{ internal_product_id: '904#2', amount: 5, selling_price: 10 }] }],
		});
		expect((await product('904#2')).selling_price).toBe(10);
		const order = sb.getOrder('ABCDEFGH')!;
		expect(order.total_price).toBe(50);
		expect(order.otp).toBe('123456');
		expect(typeof order.order_details[0].id).toBe('number');
		const pulled = (await api.get('order/pull-orders')).data;
		expect(pulled.map((o: any) => o.hashed_id)).toEqual(['ABCDEFGH']);
	});
});

describe('supplier-product/bulk-update', () => {
	it('shows stock, price and flags in the product list', async () => {
		const res = await api.post('supplier-product/bulk-update', [
			{ internal_product_id: 'P000001', selling_price: 250.5, available_stock_quantity: 10000, min_order: 2, max_order: 20, in_stock: false, is_published: false },
			{ internal_product_id: 'P000002', is_unlimited_stock: true },
		]);
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ updated: 2, failed: [] });
		expect(await product('P000001')).toEqual(
			expect.objectContaining({ selling_price: 250.5, available_stock_quantity: 10000, min_order: 2, max_order: 20, in_stock: false, is_published: false }),
		);
		expect((await product('P000002')).is_unlimited_stock).toBe(true);
		expect(sb.listProducts().find((p) => p.internal_product_id === 'P000001')!.selling_price).toBe(250.5);
	});

	it('reports failed items by index and applies the rest', async () => {
		const before = await product('P000004');
		const res = await api.post('supplier-product/bulk-update', [
			{ internal_product_id: 'P000003', available_stock_quantity: 7, some_future_field: 'ignored' },
			{ internal_product_id: 'P999999', available_stock_quantity: 1 },
			{ internal_product_id: 'P000004', selling_price: -1 },
			{ internal_product_id: 'P000004', available_stock_quantity: '12' },
			{ internal_product_id: 'P000004', min_order: 5, max_order: 2 },
			{ internal_product_id: 'P000004', max_order: 0 },
			{ selling_price: 3 },
			'not an object',
			{ internal_product_id: 'P000004', in_stock: 'yes' },
		]);
		expect(res.status).toBe(200);
		expect(res.data.updated).toBe(1);
		expect(res.data.failed.map((f: any) => f.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		const errors = res.data.failed.map((f: any) => f.error);
		expect(errors[0]).toMatch(/P999999/);
		expect(errors[1]).toMatch(/selling_price/);
		expect(errors[2]).toMatch(/available_stock_quantity/);
		expect(errors[3]).toMatch(/min_order/);
		expect(errors[4]).toMatch(/min_order/);
		expect(errors[5]).toMatch(/internal_product_id/);
		expect(errors[7]).toMatch(/in_stock/);
		expect((await product('P000003')).available_stock_quantity).toBe(7);
		expect(await product('P000004')).toEqual(before);
	});

	it('answers 422 with error and details to a body that is not a JSON array', async () => {
		for (const body of ['{not json', '{"internal_product_id":"P000001"}', '', 'null']) {
			const res = await api.post('supplier-product/bulk-update', body, { headers: { 'Content-Type': 'application/json' }, transformRequest: (d) => d });
			expect(res.status).toBe(422);
			expect(typeof res.data.error).toBe('string');
			expect(res.data.details).toBeDefined();
		}
	});

	it('applies 100 requests of 100 items each to 10,000 products (speed: npm run bench)', async () => {
		sb.reset({ products: 10000, orders: 0 });
		for (let batch = 0; batch < 100; batch++) {
			const items = Array.from({ length: 100 }, (_, i) => ({ internal_product_id: `P${String(batch * 100 + i + 1).padStart(6, '0')}`, available_stock_quantity: batch }));
			const res = await api.post('supplier-product/bulk-update', items);
			expect(res.data.updated).toBe(100);
		}
		expect((await product('P010000')).available_stock_quantity).toBe(99);
	});
});

describe('supplier accounts on products', () => {
	it('lists and updates only the given account', async () => {
		const counts = sb.state().productsBySupplier;
		expect(Object.keys(counts).sort()).toEqual(['1', '2', '3']);
		const two = (await api.get('supplier-product', { params: { internal_supplier_code: '2', per_page: 100 } })).data;
		expect(two).toHaveLength(counts['2']);
		expect(two.every((p: any) => p.supplier_code === '2')).toBe(true);
		const id = two[0].internal_product_id;
		const wrong = await api.post('supplier-product/bulk-update?internal_supplier_code=1', [{ internal_product_id: id, selling_price: 1 }]);
		expect(wrong.data.failed[0].error).toMatch(/supplier account 1/);
		const perItem = await api.post('supplier-product/bulk-update', [{ internal_product_id: id, selling_price: 2, internal_supplier_code: '2' }, { internal_product_id: id, selling_price: 3, internal_supplier_code: '7' }]);
		expect(perItem.data.updated).toBe(1);
		expect(perItem.data.failed[0].index).toBe(1);
		expect((await product(id)).selling_price).toBe(2);
		expect((await api.get('supplier-product?internal_supplier_code=7')).status).toBe(422);
		expect((await api.post('supplier-product/bulk-update?internal_supplier_code=x', [])).status).toBe(422);
	});
});

describe('base products', () => {
	it('lists items with Cartona field names, filtered by base_product_id and search_token', async () => {
		const res = await api.get('supplier-product/base-products', { params: { base_product_id: '650' } });
		expect(res.status).toBe(200);
		expect(res.data).toHaveLength(2);
		expect(res.data[0]).toEqual(expect.objectContaining({ suppler_prodcut_id: '110001', internal_product_id: 'P000001', base_product_id: '650', unit: 'piece', unit_count: 1 }));
		expect(res.data[0]).toHaveProperty('suppler_prodcut_name');
		const name = res.data[0].base_product_name as string;
		const search = await api.get('supplier-product/base-products', { params: { search_token: name.slice(0, 8).toUpperCase(), per_page: 100 } });
		expect(search.data.length).toBeGreaterThan(0);
		expect(search.data.every((p: any) => p.base_product_name.toLowerCase().includes(name.slice(0, 8).toLowerCase()))).toBe(true);
		expect((await api.get('supplier-product/base-products', { params: { internal_product_id: 'P000003' } })).data).toHaveLength(1);
		expect((await api.get('supplier-product/base-products?page=999')).data).toEqual([]);
	});

	it('bulk-updates by supplier_product_id, internal_product_id or base_product_id + unit + unit_count', async () => {
		const res = await api.post('supplier-product/base-product/bulk-update', [
			{ base_product_id: 650, unit: 'box', unit_count: 12, max_order: 10, available_stock_quantity: 40, notes: 'by base' },
			{ supplier_product_id: 110003, internal_product_id: 'P000001', selling_price: 9.5 },
			{ base_product_id: 650, unit: 'box', unit_count: 13, max_order: 10 },
			{ base_product_id: 650, unit: 'crate', unit_count: 12 },
			{ in_stock: true },
		]);
		expect(res.status).toBe(200);
		expect(res.data.updated).toBe(2);
		expect(res.data.failed.map((f: any) => f.index)).toEqual([2, 3, 4]);
		expect(await product('P000002')).toEqual(expect.objectContaining({ max_order: 10, available_stock_quantity: 40, notes: 'by base' }));
		expect((await product('P000003')).selling_price).toBe(9.5); // supplier_product_id wins over internal_product_id
		expect((await product('P000001')).selling_price).not.toBe(9.5);
	});

	it('spreads a base-unit stock over every unit by unit_count', async () => {
		const res = await api.post('supplier-product/base-product/bulk-update-stock', [
			{ base_product_id: 650, available_stock_quantity: 300 },
			{ base_product_id: '999999', available_stock_quantity: 5 },
			{ base_product_id: 651, available_stock_quantity: -5 },
		]);
		expect(res.data.updated).toBe(1);
		expect(res.data.failed.map((f: any) => f.index)).toEqual([1, 2]);
		expect((await product('P000001')).available_stock_quantity).toBe(300); // piece x1
		expect((await product('P000002')).available_stock_quantity).toBe(25); // box x12
	});
});

describe('routing', () => {
	it('answers 404 to unknown paths and wrong methods, and tolerates a double slash', async () => {
		expect((await api.get('supplier-product/nope')).status).toBe(404);
		expect((await api.get('supplier-product/bulk-update')).status).toBe(404);
		expect((await axios.get(`http://127.0.0.1:${sb.port}/other`, { validateStatus: () => true })).status).toBe(404);
		const res = await axios.get(`http://127.0.0.1:${sb.port}/api/v1//supplier-product?per_page=1`, { headers: { AuthorizationToken: sb.token } });
		expect(res.data).toHaveLength(1);
	});
});
