/**
 * The Cartona node against the running sandbox: every operation over real HTTP, with the
 * credential's AuthorizationToken header, state checked through the sandbox's admin view.
 */
import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runCartona } from '../unit/cartona/helpers/createMockExecuteFunctions';
import type { MockOptions } from '../unit/cartona/helpers/createMockExecuteFunctions';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

const sleepMock = sleep as jest.MockedFunction<typeof sleep>;
const SEED = { products: 300, orders: 5 };
let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, token: 'sandbox-token', seed: SEED });
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.reset(SEED);
	sb.clearFaults();
	sb.requests.length = 0;
	sleepMock.mockClear();
});

function run(options: Omit<MockOptions, 'credentials'>) {
	return runCartona({ ...options, credentials: { environment: 'custom', url: sb.url, token: 'sandbox-token' } });
}

const requestsTo = (path: string) => sb.requests.filter((request) => request.path === path);

describe('orders', () => {
	it('Get Many with Return All reads every page of pull-orders', async () => {
		sb.addOrders(150);
		const output = await run({ nodeParameters: { resource: 'order', operation: 'getAll', returnAll: true } });
		expect(output).toHaveLength(155);
		expect(new Set(output.map((item) => item.json.hashed_id)).size).toBe(155);
		expect(requestsTo('order/pull-orders').map((request) => request.query.page)).toEqual(['1', '2']);
		expect(output[0].json.order_details).toEqual(expect.any(Array));
	});

	it('Get Many with a limit stops early', async () => {
		const output = await run({ nodeParameters: { resource: 'order', operation: 'getAll', limit: 3 } });
		expect(output).toHaveLength(3);
		expect(requestsTo('order/pull-orders')).toHaveLength(1);
	});

	it('Update Status acknowledges pulled orders with synced in one request, so they stop coming back', async () => {
		const pulled = await run({ nodeParameters: { resource: 'order', operation: 'getAll', returnAll: true } });
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateStatus', status: 'synced' },
			inputData: pulled.map((item) => item.json),
		});
		// The sandbox answers {"updated": 5}: every entry accounted for, no confirmation request.
		expect(output.every((item) => item.json.ok === true && item.json.outcome === 'updated')).toBe(true);
		expect(requestsTo('order/update-order-status')).toHaveLength(1);
		expect(sb.requests.filter((request) => request.path.startsWith('order/update-order-status/'))).toHaveLength(0);
		expect(sb.listOrders().every((order) => order.synced)).toBe(true);
		const again = await run({ nodeParameters: { resource: 'order', operation: 'getAll', returnAll: true } });
		expect(again).toHaveLength(0);
	});

	it('Update Status of One Order approves an order and returns Cartona’s answer', async () => {
		const order = sb.listOrders().find((candidate) => candidate.status === 'pending');
		if (!order) throw new Error('the seed has no pending order');
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateOneStatus' },
			inputData: [{ hashed_id: order.hashed_id, status: 'approved' }],
		});
		expect(output[0].json).toMatchObject({ ok: true, response: { hashed_id: order.hashed_id, status: 'approved' } });
		expect(sb.getOrder(order.hashed_id)?.status).toBe('approved');
	});

	it('delivering an installment order: a wrong OTP surfaces Cartona’s error on that item, the right one delivers', async () => {
		const [order] = sb.addOrders([{ status: 'approved', installment_cost: 50, otp: '424242' }]);
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateOneStatus' },
			inputData: [
				{ hashed_id: order.hashed_id, status: 'delivered', retailer_otp: '000000', requires_otp: true },
				{ hashed_id: order.hashed_id, status: 'delivered', requires_otp: true },
				{ hashed_id: order.hashed_id, status: 'delivered', retailer_otp: '424242', requires_otp: true },
			],
			continueOnFail: true,
		});
		expect(output[0]).toMatchObject({
			json: { ok: false, statusCode: '422', error: 'Cartona refused the data: retailer_otp is wrong' },
			pairedItem: { item: 0 },
		});
		expect(output[1]).toMatchObject({ json: { ok: false, field: 'retailer_otp' }, pairedItem: { item: 1 } });
		expect(output[2]).toMatchObject({ json: { ok: true }, pairedItem: { item: 2 } });
		expect(requestsTo(`order/update-order-status/${order.hashed_id}`)).toHaveLength(2);
		expect(sb.getOrder(order.hashed_id)?.status).toBe('delivered');
	});

	it('Update Details changes an amount and a price, and cancels a line', async () => {
		const order = sb.listOrders().find((candidate) => candidate.order_details.length >= 2);
		if (!order) throw new Error('the seed has no order with two lines');
		const [first, second] = order.order_details;
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateDetails' },
			inputData: [
				{
					hashed_id: order.hashed_id,
					order_details: [
						{ id: first.id, amount: first.amount + 1, price: 7.5 },
						{ id: second.id, cancelled: true },
					],
				},
			],
		});
		expect(output[0].json).toMatchObject({ ok: true, outcome: 'updated' });
		const after = sb.getOrder(order.hashed_id);
		const line = after?.order_details.find((candidate) => candidate.id === first.id);
		expect(line?.amount).toBe(first.amount + 1);
		expect(line?.selling_price).toBe(7.5);
		expect(after?.order_details.find((candidate) => candidate.id === second.id)).toBeUndefined();
	});

	it('a refused details change (unknown order) becomes an error item paired to its input', async () => {
		const order = sb.listOrders()[0];
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateDetails' },
			inputData: [
				{ hashed_id: 'no-such-order', order_details: [{ id: 1, amount: 1 }] },
				{ hashed_id: order.hashed_id, order_details: [{ id: order.order_details[0].id, amount: 1 }] },
			],
			continueOnFail: true,
		});
		expect(output[0]).toMatchObject({ json: { ok: false }, pairedItem: { item: 0 } });
		expect(String(output[0].json.error)).toContain('Item 0: Cartona rejected it: order no-such-order not found');
		expect(output[1]).toMatchObject({ json: { ok: true }, pairedItem: { item: 1 } });
	});

	it('a connection dropped after a details batch: amount changes are sent again alone and confirmed, an added line is not sent twice', async () => {
		const [first, second] = sb.listOrders().filter((order) => ['pending', 'approved'].includes(order.status));
		const [productToAdd] = sb.listProducts();
		const linesBefore = sb.getOrder(second.hashed_id)?.order_details.length ?? 0;
		sb.setFaults({ match: { method: 'POST', path: 'order/update-order-details' }, fault: 'drop-after', times: 1 });
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateDetails' },
			inputData: [
				{ hashed_id: first.hashed_id, order_details: [{ id: first.order_details[0].id, amount: 41, price: 2.5 }] },
				{
					hashed_id: second.hashed_id,
					order_details: [{ internal_product_id: productToAdd.internal_product_id, amount: 3 }],
				},
			],
			continueOnFail: true,
		});
		// the batch (applied, no answer), then the amount change alone; the added line is not re-sent
		expect(requestsTo('order/update-order-details').map((request) => (request.body as unknown[]).length)).toEqual([
			2, 1,
		]);
		expect(output[0]).toMatchObject({ json: { ok: true, outcome: 'confirmed' }, pairedItem: { item: 0 } });
		expect(sb.getOrder(first.hashed_id)?.order_details[0]).toMatchObject({ amount: 41, selling_price: 2.5 });
		expect(output[1]).toMatchObject({ json: { ok: false }, pairedItem: { item: 1 } });
		expect(String(output[1].json.error)).toContain(`Item 1: Order ${second.hashed_id}: Cartona did not confirm these line changes`);
		expect(String(output[1].json.description)).toContain('got no answer');
		expect(String(output[1].json.description)).toContain(`check order ${second.hashed_id} in Cartona`);
		expect(sb.getOrder(second.hashed_id)?.order_details).toHaveLength(linesBefore + 1);
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it('a details batch dropped before Cartona applied it lands through the confirmation, once', async () => {
		const [order] = sb.listOrders().filter((candidate) => ['pending', 'approved'].includes(candidate.status));
		sb.setFaults({ match: { method: 'POST', path: 'order/update-order-details' }, fault: 'drop-before', times: 1 });
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateDetails' },
			inputData: [{ hashed_id: order.hashed_id, order_details: [{ id: order.order_details[0].id, amount: 9 }] }],
		});
		// the client cannot tell drop-before from drop-after: both are confirmed the same way
		expect(requestsTo('order/update-order-details').map((request) => request.fault ?? null)).toEqual([
			'drop-before',
			null,
		]);
		expect(output[0].json).toMatchObject({ ok: true, outcome: 'confirmed' });
		expect(sb.getOrder(order.hashed_id)?.order_details[0].amount).toBe(9);
	});
});

describe('bulk status: a change is synced only when Cartona accepted it', () => {
	const admin = (hashedId: string, status: string) =>
		fetch(`${sb.adminUrl}orders/${hashedId}/status`, {
			method: 'POST',
			headers: { 'X-Sandbox-Admin': sb.token, 'content-type': 'application/json' },
			body: JSON.stringify({ status }),
		});
	const oneOrderCalls = () =>
		sb.requests.filter((request) => request.path.startsWith('order/update-order-status/'));

	it('one order in editing: that item is an error item, the others are approved; 1 bulk + 3 one-order requests', async () => {
		const pending = sb
			.listOrders()
			.filter((order) => order.status === 'pending')
			.slice(0, 3);
		expect(pending).toHaveLength(3);
		await admin(pending[1].hashed_id, 'editing');
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateStatus' },
			inputData: pending.map((order) => ({
				hashed_id: order.hashed_id,
				status: 'approved',
				sale_order_id: 7,
			})),
			continueOnFail: true,
		});
		expect(requestsTo('order/update-order-status')).toHaveLength(1);
		expect(sb.requests[0].status).toBe(200);
		expect(oneOrderCalls().map((request) => request.path)).toEqual(
			pending.map((order) => `order/update-order-status/${order.hashed_id}`),
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({
			ok: true,
			outcome: 'confirmed',
			response: { updated: 2 },
		});
		expect(output[2].json).toMatchObject({ ok: true, outcome: 'confirmed' });
		expect(output[1].json).toMatchObject({
			ok: false,
			error: `Item 1: Order ${pending[1].hashed_id}: Cartona did not apply status approved: illegal status change editing -> approved`,
		});
		expect(sb.getOrder(pending[0].hashed_id)?.status).toBe('approved');
		expect(sb.getOrder(pending[1].hashed_id)?.status).toBe('editing');
		expect(sb.getOrder(pending[2].hashed_id)?.status).toBe('approved');
	});

	it('full acceptance of 250 status changes costs exactly ceil(250 / 100) = 3 requests', async () => {
		sb.reset({ products: 50, orders: 250 });
		const pending = sb.listOrders().filter((order) => order.status === 'pending');
		expect(pending).toHaveLength(250);
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateStatus' },
			inputData: pending.map((order) => ({ hashed_id: order.hashed_id, status: 'approved' })),
		});
		expect(sb.requests).toHaveLength(3);
		expect(output.every((item) => item.json.ok === true && item.json.outcome === 'updated')).toBe(
			true,
		);
		expect(sb.listOrders().every((order) => order.status === 'approved')).toBe(true);
	});

	it('with the {"success": true} behaviour every entry is confirmed: the refused delivery is an error item', async () => {
		const [first, second] = sb
			.listOrders()
			.filter((candidate) => candidate.status === 'pending' && !candidate.needs_otp);
		sb.setBehaviour({ bulkStatusAnswer: 'success' });
		try {
			const output = await run({
				nodeParameters: { resource: 'order', operation: 'updateStatus' },
				inputData: [
					{ hashed_id: first.hashed_id, status: 'delivered' },
					{ hashed_id: second.hashed_id, status: 'approved' },
				],
				continueOnFail: true,
			});
			expect(requestsTo('order/update-order-status')).toHaveLength(1);
			expect(oneOrderCalls()).toHaveLength(2);
			expect(output[0].json).toMatchObject({ ok: false });
			expect(String(output[0].json.error)).toContain(
				'Cartona did not apply status delivered: illegal status change',
			);
			expect(output[1].json).toMatchObject({
				ok: true,
				outcome: 'confirmed',
				confirmation: { status: 'approved' },
			});
			expect(sb.getOrder(first.hashed_id)?.status).toBe('pending');
		} finally {
			sb.setBehaviour({ bulkStatusAnswer: 'updated' });
		}
	});

	it('a dropped connection on a synced bulk acknowledgement is retried and succeeds', async () => {
		sb.setFaults({
			match: { method: 'POST', path: 'order/update-order-status' },
			fault: 'drop-before',
			times: 1,
		});
		const orders = sb.listOrders();
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateStatus', status: 'synced' },
			inputData: orders.map((order) => ({ hashed_id: order.hashed_id })),
		});
		expect(requestsTo('order/update-order-status').map((request) => request.status)).toEqual([
			null,
			200,
		]);
		expect(sleepMock.mock.calls).toEqual([[1000]]);
		expect(output.every((item) => item.json.ok === true && item.json.outcome === 'updated')).toBe(
			true,
		);
		expect(sb.listOrders().every((order) => order.synced)).toBe(true);
	});

	it('a connection dropped after a bulk transition was applied is not replayed', async () => {
		const [order] = sb.listOrders().filter((candidate) => candidate.status === 'pending');
		sb.setFaults({
			match: { method: 'POST', path: 'order/update-order-status' },
			fault: 'drop-after',
			times: 1,
		});
		const output = await run({
			nodeParameters: { resource: 'order', operation: 'updateStatus' },
			inputData: [{ hashed_id: order.hashed_id, status: 'approved' }],
			continueOnFail: true,
		});
		expect(requestsTo('order/update-order-status')).toHaveLength(1);
		expect(oneOrderCalls()).toHaveLength(0);
		expect(output[0].json).toMatchObject({ ok: false });
		expect(String(output[0].json.description)).toContain(
			'check the order in Cartona before running again',
		);
		expect(sleepMock).not.toHaveBeenCalled();
	});
});

describe('products', () => {
	it('Get Many with Return All reads all 300 products', async () => {
		const output = await run({ nodeParameters: { resource: 'product', operation: 'getAll', returnAll: true } });
		expect(output).toHaveLength(300);
		expect(requestsTo('supplier-product').length).toBe(4); // 3 full pages, then an empty one
	});

	it('Bulk Update of 250 items takes 3 requests, shows in the list, and reports an unknown product', async () => {
		const products = sb.listProducts().slice(0, 249);
		const items: IDataObject[] = products.map((product, i) => ({
			internal_product_id: product.internal_product_id,
			available_stock_quantity: 1000 + i,
			selling_price: 10 + i,
		}));
		items.splice(100, 0, { internal_product_id: 'does-not-exist', available_stock_quantity: 1 });
		const output = await run({
			nodeParameters: { resource: 'product', operation: 'bulkUpdate' },
			inputData: items,
			continueOnFail: true,
		});
		expect(requestsTo('supplier-product/bulk-update').map((request) => (request.body as unknown[]).length)).toEqual([
			100, 100, 50,
		]);
		expect(output).toHaveLength(250);
		expect(output[100]).toMatchObject({ json: { ok: false }, pairedItem: { item: 100 } });
		expect(String(output[100].json.error)).toContain('Item 100: Cartona rejected it:');
		expect(output.filter((item) => item.json.ok).length).toBe(249);
		const after = new Map(sb.listProducts().map((product) => [product.internal_product_id, product]));
		expect(after.get(products[0].internal_product_id)).toMatchObject({ available_stock_quantity: 1000, selling_price: 10 });
		expect(after.get(products[248].internal_product_id)).toMatchObject({ available_stock_quantity: 1248 });
	});
});

describe('base products', () => {
	it('Get Many filters by internal_product_id', async () => {
		const product = sb.listProducts()[7];
		const output = await run({
			nodeParameters: {
				resource: 'baseProduct',
				operation: 'getAll',
				returnAll: true,
				filters: { internalProductId: product.internal_product_id },
			},
		});
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((item) => item.json.internal_product_id === product.internal_product_id)).toBe(true);
		expect(output[0].json).toHaveProperty('suppler_prodcut_id');
	});

	it('Bulk Update sets a price by base product, unit and unit count', async () => {
		const product = sb.listProducts()[3];
		const output = await run({
			nodeParameters: { resource: 'baseProduct', operation: 'bulkUpdate' },
			inputData: [
				{ base_product_id: product.base_product_id, unit: product.unit, unit_count: product.unit_count, selling_price: 99.5 },
			],
		});
		expect(output[0].json.ok).toBe(true);
		const after = sb.listProducts().find((candidate) => candidate.supplier_product_id === product.supplier_product_id);
		expect(after?.selling_price).toBe(99.5);
	});

	it('Bulk Update Stock spreads base units over the units', async () => {
		const product = sb.listProducts()[5];
		const output = await run({
			nodeParameters: { resource: 'baseProduct', operation: 'bulkUpdateStock' },
			inputData: [{ base_product_id: product.base_product_id, available_stock_quantity: product.unit_count * 7 }],
		});
		expect(output[0].json.ok).toBe(true);
		const after = sb.listProducts().find((candidate) => candidate.supplier_product_id === product.supplier_product_id);
		expect(after?.available_stock_quantity).toBe(7);
	});
});

describe('faults', () => {
	it('429 with Retry-After on a bulk update: waits as told, then succeeds', async () => {
		sb.setFaults({ match: { method: 'POST', path: 'supplier-product/bulk-update' }, fault: '429', times: 1, retryAfter: 2 });
		const product = sb.listProducts()[0];
		const output = await run({
			nodeParameters: { resource: 'product', operation: 'bulkUpdate' },
			inputData: [{ internal_product_id: product.internal_product_id, available_stock_quantity: 5 }],
		});
		expect(output[0].json.ok).toBe(true);
		expect(sleepMock.mock.calls).toEqual([[2000]]);
		expect(requestsTo('supplier-product/bulk-update')).toHaveLength(2);
	});

	it('a connection dropped after a stock update was applied is retried (absolute values)', async () => {
		sb.setFaults({ match: { method: 'POST', path: 'supplier-product/bulk-update' }, fault: 'drop-after', times: 1 });
		const product = sb.listProducts()[0];
		const output = await run({
			nodeParameters: { resource: 'product', operation: 'bulkUpdate' },
			inputData: [{ internal_product_id: product.internal_product_id, available_stock_quantity: 77 }],
		});
		expect(output[0].json.ok).toBe(true);
		expect(requestsTo('supplier-product/bulk-update')).toHaveLength(2);
		expect(sb.listProducts()[0].available_stock_quantity).toBe(77);
	});

	it('a connection dropped after a status change is not replayed', async () => {
		const order = sb.listOrders().find((candidate) => candidate.status === 'pending');
		if (!order) throw new Error('the seed has no pending order');
		sb.setFaults({ match: { path: `order/update-order-status/${order.hashed_id}` }, fault: 'drop-after', times: 1 });
		const error = await run({
			nodeParameters: { resource: 'order', operation: 'updateOneStatus' },
			inputData: [{ hashed_id: order.hashed_id, status: 'approved' }],
		}).catch((e) => e);
		expect(error.message).toContain('may or may not have been applied');
		expect(requestsTo(`order/update-order-status/${order.hashed_id}`)).toHaveLength(1);
		expect(sb.getOrder(order.hashed_id)?.status).toBe('approved');
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it('503 on pull-orders is retried', async () => {
		sb.setFaults({ match: { path: 'order/pull-orders' }, fault: '503', times: 1 });
		const output = await run({ nodeParameters: { resource: 'order', operation: 'getAll', returnAll: true } });
		expect(output).toHaveLength(5);
		expect(requestsTo('order/pull-orders')).toHaveLength(2);
	});

	it('a wrong token fails with plain words', async () => {
		const error = await runCartona({
			nodeParameters: { resource: 'product', operation: 'getAll' },
			credentials: { environment: 'custom', url: sb.url, token: 'wrong' },
		}).catch((e) => e);
		expect(error.message).toMatch(/^Cartona (rejected the token|refused the request)/);
		expect(['400', '401']).toContain(error.httpCode);
	});
});
