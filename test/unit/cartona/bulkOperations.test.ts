import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';
import { runCartona, TEST_BASE_URL } from './helpers/createMockExecuteFunctions';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

const API = new URL(TEST_BASE_URL);
const origin = API.origin;
const prefix = API.pathname;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Records the JSON bodies posted to `path` and answers `answer(body)` (tests assert the bodies seen). */
function capture(path: string, answer: (body: unknown[]) => unknown = (body) => ({ updated: body.length, failed: [] })) {
	const bodies: unknown[][] = [];
	const queries: string[] = [];
	nock(origin)
		.post(`${prefix}${path}`)
		.query(true)
		.times(1000)
		.reply(function (uri, body) {
			bodies.push(body as unknown[]);
			queries.push(new URL(uri, origin).search);
			return [200, answer(body as unknown[]) as nock.Body];
		});
	return { bodies, queries };
}

describe('batching', () => {
	it('250 items from the Odoo stock snapshot become 3 requests with no configuration', async () => {
		const { bodies } = capture('supplier-product/bulk-update');
		const items = Array.from({ length: 250 }, (_, i) => ({
			product_id: 7000 + i,
			internal_product_id: `p${i}`,
			available_stock_quantity: i,
			in_stock: i > 0,
		}));
		const output = await runCartona({ nodeParameters: { resource: 'product', operation: 'bulkUpdate' }, inputData: items });
		expect(bodies.map((body) => body.length)).toEqual([100, 100, 50]);
		expect(bodies[2][49]).toEqual({ internal_product_id: 'p249', available_stock_quantity: 249, in_stock: true });
		expect(output).toHaveLength(250);
		output.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		expect(output[0].json).toEqual({
			ok: true,
			outcome: 'updated',
			request: { internal_product_id: 'p0', available_stock_quantity: 0, in_stock: false },
			response: { updated: 100 },
		});
	});

	it('the batch size option changes the number of requests', async () => {
		const { bodies } = capture('supplier-product/base-product/bulk-update-stock');
		const items = Array.from({ length: 120 }, (_, i) => ({ base_product_id: 4000 + i, available_stock_quantity: 300 }));
		await runCartona({
			nodeParameters: { resource: 'baseProduct', operation: 'bulkUpdateStock', options: { batchSize: 50 } },
			inputData: items,
		});
		expect(bodies.map((body) => body.length)).toEqual([50, 50, 20]);
		expect(bodies[0][0]).toEqual({ base_product_id: 4000, available_stock_quantity: 300 });
	});

	it('items for different supplier accounts never share a request', async () => {
		const { bodies, queries } = capture('supplier-product/bulk-update');
		const items = [
			{ internal_product_id: 'a', selling_price: 1, code: '1' },
			{ internal_product_id: 'b', selling_price: 2, code: '2' },
			{ internal_product_id: 'c', selling_price: 3, code: '1' },
		];
		const output = await runCartona({
			nodeParameters: {
				resource: 'product',
				operation: 'bulkUpdate',
				options: { internalSupplierCode: '={{ $json.code }}' },
			},
			inputData: items,
		});
		expect(queries).toEqual(['?internal_supplier_code=1', '?internal_supplier_code=2']);
		expect(bodies).toEqual([
			[
				{ internal_product_id: 'a', selling_price: 1 },
				{ internal_product_id: 'c', selling_price: 3 },
			],
			[{ internal_product_id: 'b', selling_price: 2 }],
		]);
		expect(output.map((item) => (item.json.request as { internal_product_id: string }).internal_product_id)).toEqual([
			'a',
			'b',
			'c',
		]);
	});
});

describe('each bulk endpoint gets the contract body', () => {
	it('order/update-order-status from the mapping UI', async () => {
		const { bodies } = capture('order/update-order-status');
		const output = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateStatus' },
			inputData: [
				{ hashed_id: 'h1', status: 'synced', sale_order_id: 5 },
				{ hashed_id: 'h2', status: 'cancelled_by_supplier', cancellation_reason: 'out_of_stock' },
				{ hashed_id: 'h3', status: 'assigned_to_salesman', estimated_delivery_day: '2026-11-30' },
			],
		});
		// A `synced` acknowledgement (safe to retry) never shares a batch with a transition.
		expect(bodies).toEqual([
			[{ hashed_id: 'h1', status: 'synced' }],
			[
				{ hashed_id: 'h2', status: 'cancelled_by_supplier', cancellation_reason: 'out_of_stock' },
				{ hashed_id: 'h3', status: 'assigned_to_salesman', estimated_delivery_day: '2026-11-30' },
			],
		]);
		// `updated` covers every entry sent: accepted without any further request.
		expect(output[0].json).toEqual({
			ok: true,
			outcome: 'updated',
			request: { hashed_id: 'h1', status: 'synced' },
			response: { updated: 1 },
		});
	});

	it("order/update-order-status from the item's JSON passes unknown fields, not Odoo's keys", async () => {
		const { bodies } = capture('order/update-order-status');
		await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateStatus', fieldsSource: 'itemJson' },
			inputData: [
				{ hashed_id: 'h1', status: 'delivered', retailer_otp: 123456, requires_otp: true, sale_order_id: 9, note: 'x' },
			],
		});
		expect(bodies).toEqual([[{ hashed_id: 'h1', status: 'delivered', retailer_otp: '123456', note: 'x' }]]);
	});

	it('order/update-order-details with changed, cancelled and added lines', async () => {
		const { bodies } = capture('order/update-order-details', () => ({ updated: 1 }));
		const order_details = [
			{ id: 11971867, amount: 6.0 },
			{ internal_product_id: '104', amount: 8.0, price: 33 },
			{ id: '11971870', cancelled: true },
			{ base_product_id: '650', unit: 'box', unit_count: 144, amount: 1 },
		];
		await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateDetails' },
			inputData: [{ hashed_id: 'L7b3xpOP', order_details }],
		});
		expect(bodies).toEqual([
			[
				{
					hashed_id: 'L7b3xpOP',
					order_details: [
						{ id: 11971867, amount: 6 },
						{ internal_product_id: '104', amount: 8, price: 33 },
						{ id: 11971870, cancelled: true },
						{ base_product_id: '650', unit: 'box', unit_count: 144, amount: 1 },
					],
				},
			],
		]);
	});

	it('order/update-order-details accepts the lines as JSON text', async () => {
		const { bodies } = capture('order/update-order-details');
		await runCartona({
			nodeParameters: {
				resource: 'order',
				operation: 'updateDetails',
				hashedId: 'L7b3xpOP',
				orderDetails: '[{"id": 1, "price": 2.5}]',
			},
		});
		expect(bodies).toEqual([[{ hashed_id: 'L7b3xpOP', order_details: [{ id: 1, price: 2.5 }] }]]);
	});

	it('supplier-product/bulk-update with every mapped field', async () => {
		const { bodies } = capture('supplier-product/bulk-update');
		await runCartona({
			nodeParameters: { resource: 'product', operation: 'bulkUpdate' },
			inputData: [
				{
					internal_product_id: '103',
					selling_price: '250.0',
					min_order: 1,
					max_order: 20,
					available_stock_quantity: 10000,
					in_stock: true,
					is_published: 'true',
				},
				{ internal_product_id: 104, is_unlimited_stock: true },
			],
		});
		expect(bodies).toEqual([
			[
				{
					internal_product_id: '103',
					selling_price: 250,
					available_stock_quantity: 10000,
					in_stock: true,
					is_published: true,
					min_order: 1,
					max_order: 20,
				},
				{ internal_product_id: 104, is_unlimited_stock: true },
			],
		]);
	});

	it('supplier-product/base-product/bulk-update with each kind of identifier', async () => {
		const { bodies } = capture('supplier-product/base-product/bulk-update');
		await runCartona({
			nodeParameters: { resource: 'baseProduct', operation: 'bulkUpdate' },
			inputData: [
				{ supplier_product_id: '110774', selling_price: 3900, notes: 'n' },
				{ internal_product_id: '904#2', remind_me_at_stock: 5 },
				{ base_product_id: '650', unit: 'box', unit_count: 144, is_published: false },
			],
		});
		expect(bodies).toEqual([
			[
				{ supplier_product_id: '110774', selling_price: 3900, notes: 'n' },
				{ internal_product_id: '904#2', remind_me_at_stock: 5 },
				{ base_product_id: '650', unit: 'box', unit_count: 144, is_published: false },
			],
		]);
	});
});

describe('partial bulk failure', () => {
	const items = [
		{ internal_product_id: 'a', available_stock_quantity: 1 },
		{ internal_product_id: 'b', available_stock_quantity: 2 },
		{ internal_product_id: 'c', available_stock_quantity: 3 },
	];
	const answer = () => ({ updated: 2, failed: [{ index: 1, error: 'unknown internal_product_id "b"' }] });

	it('Continue On Fail on: the failed entry becomes an error item paired to its input item', async () => {
		capture('supplier-product/bulk-update', answer);
		const output = await runCartona({
			nodeParameters: { resource: 'product', operation: 'bulkUpdate' },
			inputData: items,
			continueOnFail: true,
		});
		expect(output.map((item) => [item.json.ok, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[false, { item: 1 }],
			[true, { item: 2 }],
		]);
		expect(output[1].json).toMatchObject({
			ok: false,
			error: 'Item 1: Cartona rejected it: unknown internal_product_id "b"',
			request: { internal_product_id: 'b', available_stock_quantity: 2 },
			refused: true,
		});
		expect(output[0].json.response).toEqual({ updated: 2 });
	});

	it('Continue On Fail off: the node throws a NodeApiError for that item', async () => {
		capture('supplier-product/bulk-update', answer);
		const run = runCartona({ nodeParameters: { resource: 'product', operation: 'bulkUpdate' }, inputData: items });
		await expect(run).rejects.toBeInstanceOf(NodeApiError);
		await expect(
			runCartona({ nodeParameters: { resource: 'product', operation: 'bulkUpdate' }, inputData: items }),
		).rejects.toMatchObject({
			message: 'Item 1: Cartona rejected it: unknown internal_product_id "b"',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
	});

	it('failure indexes count within each batch', async () => {
		capture('supplier-product/bulk-update', (body) =>
			body.length === 2 ? { updated: 1, failed: [{ index: 0, error: 'nope' }] } : { updated: 1 },
		);
		const output = await runCartona({
			nodeParameters: { resource: 'product', operation: 'bulkUpdate', options: { batchSize: 2 } },
			inputData: items,
			continueOnFail: true,
		});
		expect(output.map((item) => item.json.ok)).toEqual([false, true, true]);
		expect(output[0].json.error).toBe('Item 0: Cartona rejected it: nope');
	});

	it('a failed request fails every item of its batch (Continue On Fail on)', async () => {
		nock(origin).post(`${prefix}order/update-order-status`).reply(422, { error: 'invalid body', details: { 0: 'bad' } });
		const output = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateStatus' },
			inputData: [
				{ hashed_id: 'h1', status: 'approved' },
				{ hashed_id: 'h2', status: 'approved' },
			],
			continueOnFail: true,
		});
		expect(output).toEqual([
			expect.objectContaining({ pairedItem: { item: 0 }, json: expect.objectContaining({ ok: false, statusCode: '422', error: 'Cartona refused the data: invalid body' }) }),
			expect.objectContaining({ pairedItem: { item: 1 }, json: expect.objectContaining({ ok: false, statusCode: '422' }) }),
		]);
	});
});

describe('update status of one order', () => {
	it('encodes the hashed_id into the path and returns the answer', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-status/a%2Fb%3Fc%23d`, { hashed_id: 'a/b?c#d', status: 'delivered', retailer_otp: '1234' })
			.reply(200, { status: 'delivered', extra: 1 });
		const output = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateOneStatus' },
			inputData: [{ hashed_id: 'a/b?c#d', status: 'delivered', retailer_otp: '1234', requires_otp: true }],
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: {
					ok: true,
					outcome: 'updated',
					request: { hashed_id: 'a/b?c#d', status: 'delivered', retailer_otp: '1234' },
					response: { status: 'delivered', extra: 1 },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it("Cartona's refusal (wrong OTP) surfaces on that item; the other items go on", async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-status/h1`)
			.reply(422, { error: 'wrong retailer_otp', details: { retailer_otp: 'does not match' } })
			.post(`${prefix}order/update-order-status/h2`)
			.reply(200, {});
		const output = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateOneStatus' },
			inputData: [
				{ hashed_id: 'h1', status: 'delivered', retailer_otp: '000000' },
				{ hashed_id: 'h2', status: 'approved' },
			],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0]).toEqual({
			json: expect.objectContaining({ ok: false, statusCode: '422', error: 'Cartona refused the data: wrong retailer_otp' }),
			pairedItem: { item: 0 },
		});
		expect(output[1]).toMatchObject({ json: { ok: true }, pairedItem: { item: 1 } });
	});

	it('with Continue On Fail off the refusal fails the node with the item index', async () => {
		nock(origin).post(`${prefix}order/update-order-status/h1`).reply(422, { error: 'illegal move from delivered to approved' });
		await expect(
			runCartona({
				nodeParameters: { resource: 'order', operation: 'updateOneStatus' },
				inputData: [{ hashed_id: 'h1', status: 'approved' }],
			}),
		).rejects.toMatchObject({
			message: 'Cartona refused the data: illegal move from delivered to approved',
			httpCode: '422',
			context: expect.objectContaining({ itemIndex: 0 }),
		});
	});
});

describe('field mapping', () => {
	it('a changed mapping parameter wins over the same-named field of the item', async () => {
		const { bodies } = capture('supplier-product/bulk-update');
		await runCartona({
			nodeParameters: {
				resource: 'product',
				operation: 'bulkUpdate',
				internalProductId: '={{ $json.sku }}',
				sellingPrice: '={{ $json.price * 2 }}',
			},
			inputData: [{ sku: 'S-1', internal_product_id: 'ignored', price: 4, in_stock: true }],
		});
		expect(bodies).toEqual([[{ internal_product_id: 'S-1', selling_price: 8, in_stock: true }]]);
	});

	it("Odoo's false for an empty field counts as absent, except for flags", async () => {
		const { bodies } = capture('order/update-order-status');
		await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateStatus' },
			inputData: [{ hashed_id: 'h1', status: 'approved', retailer_otp: false, delivery_day: false, requires_otp: false }],
		});
		expect(bodies).toEqual([[{ hashed_id: 'h1', status: 'approved' }]]);
	});
});
