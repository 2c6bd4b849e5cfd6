import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OdooCartona } from '../../../nodes/OdooCartona/OdooCartona.node';
import { callMarketplace } from '../../../nodes/OdooCartona/transport';
import { createMockExecuteFunctions, NODE } from './mockContexts';
import type { ParameterValue } from './mockContexts';

jest.mock('../../../nodes/OdooCartona/transport', () => ({
	...jest.requireActual('../../../nodes/OdooCartona/transport'),
	callMarketplace: jest.fn(),
}));

const call = callMarketplace as jest.MockedFunction<typeof callMarketplace>;

/** Odoo's answer to a list method: one result per element, built by `answer`. */
function answerList(listArgument: string, answer: (element: any, index: number) => IDataObject) {
	call.mockImplementation(async (_method, kwargs) =>
		(kwargs[listArgument] as unknown[]).map((element, index) => ({ index, ...answer(element, index) })),
	);
}

async function run(
	parameters: Record<string, ParameterValue>,
	inputData: INodeExecutionData[] = [{ json: {} }],
	continueOnFail = false,
): Promise<INodeExecutionData[]> {
	const ctx = createMockExecuteFunctions({ parameters: { configId: 1, ...parameters }, inputData, continueOnFail });
	const [output] = (await new OdooCartona().getNodeType(1).execute!.call(ctx)) as INodeExecutionData[][];
	return output;
}

const items = (...json: IDataObject[]): INodeExecutionData[] => json.map((j) => ({ json: j }));
const methods = () => call.mock.calls.map(([method]) => method);
const kwargsOf = (n: number) => call.mock.calls[n][1];

beforeEach(() => call.mockReset());

describe('Order: Import', () => {
	const params = { resource: 'order', operation: 'import' };
	const orders = items({ hashed_id: 'A1', status: 'pending' }, { hashed_id: 'B2', status: 'approved' }, { hashed_id: 'C3' });

	it('sends every input order in one call and pairs each result to its order', async () => {
		answerList('orders', (o, i) => ({ ok: true, hashed_id: o.hashed_id, status: i === 0 ? 'created' : 'existing', sale_order_id: 10 + i, sale_order_name: `S0${i}`, partner_id: 5, warnings: [], lines: 2 }));
		const output = await run(params, orders);
		expect(methods()).toEqual(['cartona_import_orders']);
		expect(kwargsOf(0)).toEqual({ config_id: 1, orders: orders.map((o) => o.json) });
		expect(output).toEqual([
			{ json: { ok: true, hashed_id: 'A1', status: 'created', sale_order_id: 10, sale_order_name: 'S00', partner_id: 5, warnings: [], lines: 2 }, pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ hashed_id: 'B2', status: 'existing', sale_order_id: 11, ok: true }), pairedItem: { item: 1 } },
			{ json: expect.objectContaining({ hashed_id: 'C3', status: 'existing', sale_order_id: 12 }), pairedItem: { item: 2 } },
		]);
	});

	it('splits the input into calls of Batch Size', async () => {
		answerList('orders', (o) => ({ ok: true, hashed_id: o.hashed_id, status: 'created' }));
		const five = items(...['a', 'b', 'c', 'd', 'e'].map((h) => ({ hashed_id: h })));
		const output = await run({ ...params, options: { batchSize: 2 } }, five);
		expect(call.mock.calls.map(([, kwargs]) => (kwargs.orders as IDataObject[]).map((o) => o.hashed_id))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
		expect(output.map((o) => [o.json.hashed_id, o.pairedItem])).toEqual([
			['a', { item: 0 }], ['b', { item: 1 }], ['c', { item: 2 }], ['d', { item: 3 }], ['e', { item: 4 }],
		]);
	});

	it('makes one call per Marketplace Config ID when items name different configs', async () => {
		answerList('orders', (o) => ({ ok: true, hashed_id: o.hashed_id, status: 'created' }));
		const output = await run({ ...params, configId: (i: number) => (i === 1 ? 2 : 1) }, orders);
		expect(call.mock.calls.map(([, k]) => [k.config_id, (k.orders as IDataObject[]).length])).toEqual([[1, 2], [2, 1]]);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	const refuseSecond = () =>
		answerList('orders', (o, i) =>
			i === 1
				? { ok: false, status: 'error', hashed_id: o.hashed_id, field: 'retailer', error: 'Order 1 (hashed_id B2): "retailer" is required and must be an object' }
				: { ok: true, hashed_id: o.hashed_id, status: 'created', sale_order_id: 1 },
		);

	it('Continue On Fail: a refused order becomes an error item paired to its input, the others pass', async () => {
		refuseSecond();
		const output = await run(params, orders, true);
		expect(output[1]).toEqual({
			json: {
				ok: false,
				status: 'error',
				hashed_id: 'B2',
				field: 'retailer',
				error: 'Item 1 (field "retailer"): Order 1 (hashed_id B2): "retailer" is required and must be an object',
			},
			pairedItem: { item: 1 },
		});
		expect(output[0].json.ok).toBe(true);
		expect(output[2].json.ok).toBe(true);
	});

	it('without Continue On Fail: one NodeOperationError naming the item and the field', async () => {
		refuseSecond();
		const error = await run(params, orders).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Item 1 (field "retailer"): Order 1 (hashed_id B2): "retailer" is required and must be an object');
		expect(error.context.itemIndex).toBe(1);
	});

	it('an Odoo error for the whole call fails every item of the batch (Continue On Fail) or the node', async () => {
		const apiError = new NodeApiError(NODE, { name: 'odoo.exceptions.AccessError' }, { message: 'Odoo refused access', httpCode: '403' });
		call.mockRejectedValue(apiError);
		const output = await run(params, orders, true);
		expect(output).toEqual([0, 1, 2].map((i) => ({ json: { ok: false, error: 'Odoo refused access', statusCode: '403', description: apiError.description }, pairedItem: { item: i } })));
		await expect(run(params, orders)).rejects.toBe(apiError);
	});

	it('refuses an input item that is not an object, before calling Odoo', async () => {
		const bad: INodeExecutionData[] = [{ json: { hashed_id: 'A' } }, { json: [1, 2] as unknown as IDataObject }];
		await expect(run(params, bad)).rejects.toThrow('Item 1: the input item is not a JSON object');
		expect(call).not.toHaveBeenCalled();
		answerList('orders', (o) => ({ ok: true, hashed_id: o.hashed_id, status: 'created' }));
		const output = await run(params, bad, true);
		expect(output).toEqual([
			{ json: { ok: true, hashed_id: 'A', status: 'created' }, pairedItem: { item: 0 } },
			{ json: { ok: false, error: 'Item 1: the input item is not a JSON object' }, pairedItem: { item: 1 } },
		]);
	});

	it('refuses a result list of the wrong length', async () => {
		call.mockResolvedValue([{ index: 0, ok: true }]);
		await expect(run(params, orders)).rejects.toThrow('Odoo returned 1 results for 3 orders (cartona_import_orders)');
	});

	it('refuses a Marketplace Config ID that is not a positive whole number', async () => {
		await expect(run({ ...params, configId: 'abc' }, orders)).rejects.toThrow('Item 0: "Marketplace Config ID" must be a positive whole number (got "abc")');
		await expect(run({ ...params, options: { batchSize: 0 } }, orders)).rejects.toThrow('"Batch Size" must be a whole number from 1 to 5000');
	});
});

describe('Order: Apply Status', () => {
	it('sends only the state fields of each order', async () => {
		answerList('states', (s) => ({ ok: true, hashed_id: s.hashed_id, status: 'applied', sale_order_id: 3, marketplace_status: s.status }));
		const output = await run(
			{ resource: 'order', operation: 'applyStatus' },
			items({ hashed_id: 'A1', status: 'cancelled_by_retailer', cancellation_reason: 'late', retailer: { name: 'x' }, order_details: [] }),
		);
		expect(kwargsOf(0)).toEqual({ config_id: 1, states: [{ hashed_id: 'A1', status: 'cancelled_by_retailer', cancellation_reason: 'late' }] });
		expect(output).toEqual([{ json: { ok: true, hashed_id: 'A1', status: 'applied', sale_order_id: 3, marketplace_status: 'cancelled_by_retailer' }, pairedItem: { item: 0 } }]);
	});
});

describe('Order: Get Status Changes / Get Details Changes', () => {
	const change = { sale_order_id: 4, hashed_id: 'A1', status: 'delivered', retailer_otp: '1234', requires_otp: true };

	it('emits one item per order in Cartona update-order-status shape, paired to the trigger item', async () => {
		call.mockResolvedValue([change, { sale_order_id: 5, hashed_id: 'B2', status: 'approved', requires_otp: false }]);
		const output = await run({ resource: 'order', operation: 'getStatusChanges', maxOrders: 50 });
		expect(call.mock.calls).toEqual([['cartona_get_status_changes', { config_id: 1, limit: 50 }]]);
		expect(output).toEqual([
			{ json: change, pairedItem: { item: 0 } },
			{ json: { sale_order_id: 5, hashed_id: 'B2', status: 'approved', requires_otp: false }, pairedItem: { item: 0 } },
		]);
	});

	it('passes Sale Order IDs given as JSON or comma list, and refuses bad ones without calling Odoo', async () => {
		call.mockResolvedValue([]);
		await run({ resource: 'order', operation: 'getDetailsChanges', maxOrders: 100, options: { saleOrderIds: '[4, 5]' } });
		await run({ resource: 'order', operation: 'getDetailsChanges', maxOrders: 100, options: { saleOrderIds: '6, 7' } });
		expect(call.mock.calls).toEqual([
			['cartona_get_details_changes', { config_id: 1, limit: 100, sale_order_ids: [4, 5] }],
			['cartona_get_details_changes', { config_id: 1, limit: 100, sale_order_ids: [6, 7] }],
		]);
		call.mockClear();
		await expect(run({ resource: 'order', operation: 'getDetailsChanges', maxOrders: 100, options: { saleOrderIds: '[4, ' } })).rejects.toThrow('Item 0: "Sale Order IDs" is not valid JSON');
		await expect(run({ resource: 'order', operation: 'getDetailsChanges', maxOrders: 100, options: { saleOrderIds: '4, all' } })).rejects.toThrow('Item 0: "Sale Order IDs" entry 1 ("all") is not a record ID');
		await expect(run({ resource: 'order', operation: 'getDetailsChanges', maxOrders: 100, options: { saleOrderIds: '{"id": 4}' } })).rejects.toThrow('must be a list of record IDs');
		expect(call).not.toHaveBeenCalled();
	});

	it('Continue On Fail: a failed query is an error item paired to its input item', async () => {
		const apiError = new NodeApiError(NODE, {}, { message: 'Odoo rejected', httpCode: '422', description: 'why' });
		call.mockRejectedValueOnce(apiError).mockResolvedValueOnce([change]);
		const output = await run({ resource: 'order', operation: 'getStatusChanges', maxOrders: 10 }, items({}, {}), true);
		expect(output).toEqual([
			{ json: { ok: false, error: 'Odoo rejected', statusCode: '422', description: 'why' }, pairedItem: { item: 0 } },
			{ json: change, pairedItem: { item: 1 } },
		]);
	});
});

describe('Order: Mark Synced', () => {
	const params = { resource: 'order', operation: 'markSynced', kind: 'status' };

	it('sends {sale_order_id, kind, status, ok, error} per item', async () => {
		answerList('items', (e) => ({ ok: true, sale_order_id: e.sale_order_id, status: e.ok ? 'synced' : 'pending' }));
		const output = await run(
			{
				...params,
				saleOrderId: (i: number) => [4, '5'][i],
				succeeded: (i: number) => i === 0,
				options: (i: number) => (i === 0 ? { status: 'delivered' } : { errorMessage: 'wrong OTP' }),
			},
			items({}, {}),
		);
		expect(kwargsOf(0)).toEqual({
			config_id: 1,
			items: [
				{ kind: 'status', sale_order_id: 4, status: 'delivered', ok: true },
				{ kind: 'status', sale_order_id: 5, ok: false, error: 'wrong OTP' },
			],
		});
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('uses the Hashed ID when no Sale Order ID is given, and names the item when neither is', async () => {
		answerList('items', () => ({ ok: true }));
		await run({ ...params, saleOrderId: '', succeeded: true, options: { hashedId: 'H1' } });
		expect(kwargsOf(0).items).toEqual([{ kind: 'status', hashed_id: 'H1', ok: true }]);
		await expect(run({ ...params, saleOrderId: '', succeeded: true, options: {} })).rejects.toThrow('Item 0: "Sale Order ID" is missing (got "") and no "Hashed ID" is set');
	});
});

describe('Partner: Match or Create', () => {
	it('sends the retailer object of each pulled order', async () => {
		answerList('retailers', (r) => ({ ok: true, cartona_id: `retailer_${r.retailer_code}`, partner_id: 9, status: 'matched' }));
		const output = await run(
			{ resource: 'partner', operation: 'matchOrCreate', retailerField: 'retailer' },
			items({ hashed_id: 'A', retailer: { retailer_code: 'R1', name: 'Shop' } }),
		);
		expect(kwargsOf(0)).toEqual({ config_id: 1, retailers: [{ retailer_code: 'R1', name: 'Shop' }] });
		expect(output).toEqual([{ json: { ok: true, cartona_id: 'retailer_R1', partner_id: 9, status: 'matched' }, pairedItem: { item: 0 } }]);
	});

	it('takes the whole item when Retailer Field is empty, and names a missing retailer', async () => {
		answerList('retailers', () => ({ ok: true, status: 'created' }));
		await run({ resource: 'partner', operation: 'matchOrCreate', retailerField: '' }, items({ retailer_code: 'R2' }));
		expect(kwargsOf(0).retailers).toEqual([{ retailer_code: 'R2' }]);
		await expect(run({ resource: 'partner', operation: 'matchOrCreate', retailerField: 'retailer' }, items({ hashed_id: 'A' }))).rejects.toThrow('Item 0: "retailer" is missing or not a retailer object');
	});
});

describe('Partner / Product: Set Cartona IDs', () => {
	it('sends partner mappings with dry_run and only the lookup keys', async () => {
		answerList('mappings', (m) => ({ ok: true, cartona_id: m.cartona_id, partner_id: 3, status: 'would_set' }));
		const output = await run(
			{ resource: 'partner', operation: 'setCartonaIds', dryRun: true },
			items({ cartona_id: 'retailer_R1', ref: 'C001', phone: '', note: 'not sent' }),
		);
		expect(kwargsOf(0)).toEqual({ config_id: 1, dry_run: true, mappings: [{ cartona_id: 'retailer_R1', ref: 'C001' }] });
		expect(output[0]).toEqual({ json: { ok: true, cartona_id: 'retailer_R1', partner_id: 3, status: 'would_set' }, pairedItem: { item: 0 } });
	});

	it('sends product mappings (numeric cartona_id as text) and names a missing cartona_id', async () => {
		answerList('mappings', (m) => ({ ok: true, cartona_id: m.cartona_id, status: 'set' }));
		await run({ resource: 'product', operation: 'setCartonaIds', dryRun: false }, items({ cartona_id: 479, default_code: 'SKU-1', barcode: '622' }));
		expect(kwargsOf(0)).toEqual({ config_id: 1, dry_run: false, mappings: [{ cartona_id: '479', default_code: 'SKU-1', barcode: '622' }] });
		const output = await run({ resource: 'product', operation: 'setCartonaIds', dryRun: false }, items({ default_code: 'X' }, { cartona_id: 'c2' }), true);
		expect(output).toEqual([
			{ json: { ok: false, error: 'Item 0: "cartona_id" is missing' }, pairedItem: { item: 0 } },
			{ json: { ok: true, cartona_id: 'c2', status: 'set' }, pairedItem: { item: 1 } },
		]);
	});

	it('reports a conflict as a normal (ok) result an IF node can split on', async () => {
		answerList('mappings', (m) => ({ ok: true, cartona_id: m.cartona_id, status: 'conflict', message: 'on partner 7' }));
		const output = await run({ resource: 'partner', operation: 'setCartonaIds', dryRun: false }, items({ cartona_id: 'retailer_R1', partner_id: 3 }));
		expect(output[0].json).toMatchObject({ ok: true, status: 'conflict' });
	});
});

describe('Product: Resolve by Cartona ID', () => {
	it('sends the Cartona IDs as a list of strings', async () => {
		answerList('cartona_ids', (id) => ({ ok: true, cartona_id: id, status: id === '479' ? 'found' : 'unknown', product_id: id === '479' ? 12 : null }));
		const output = await run({ resource: 'product', operation: 'resolve', cartonaId: (i: number) => ['479', 904][i] }, items({}, {}));
		expect(kwargsOf(0)).toEqual({ config_id: 1, cartona_ids: ['479', '904'] });
		expect(output.map((o) => [o.json.status, o.pairedItem])).toEqual([['found', { item: 0 }], ['unknown', { item: 1 }]]);
		await expect(run({ resource: 'product', operation: 'resolve', cartonaId: ' ' })).rejects.toThrow('Item 0: "Cartona ID" is empty');
	});
});

describe('Stock / Price: Get Snapshot', () => {
	const stockRow = (id: number) => ({ product_id: id, internal_product_id: `c${id}`, available_stock_quantity: id, in_stock: true, extra: 'dropped' });

	it('pages through all mapped products until next_offset is null and keeps the bulk-update fields', async () => {
		call
			.mockResolvedValueOnce({ items: [stockRow(1), stockRow(2)], next_offset: 2 })
			.mockResolvedValueOnce({ items: [stockRow(3)], next_offset: null });
		const output = await run({ resource: 'stock', operation: 'getSnapshot', products: 'allMapped', options: { pageSize: 2 } });
		expect(call.mock.calls).toEqual([
			['cartona_stock_snapshot', { config_id: 1, offset: 0, limit: 2 }],
			['cartona_stock_snapshot', { config_id: 1, offset: 2, limit: 2 }],
		]);
		expect(output).toEqual([1, 2, 3].map((id) => ({
			json: { internal_product_id: `c${id}`, available_stock_quantity: id, in_stock: true, product_id: id },
			pairedItem: { item: 0 },
		})));
	});

	it('price snapshot of a Product ID List, in chunks of the page size', async () => {
		call.mockImplementation(async (_m, kwargs) => ({
			items: (kwargs.product_ids as number[]).map((id) => ({ product_id: id, internal_product_id: `c${id}`, selling_price: 9.5 })),
			next_offset: null,
		}));
		const output = await run({ resource: 'price', operation: 'getSnapshot', products: 'list', productIds: '5,6,7', options: { pageSize: 2 } });
		expect(call.mock.calls).toEqual([
			['cartona_price_snapshot', { config_id: 1, offset: 0, limit: 2, product_ids: [5, 6] }],
			['cartona_price_snapshot', { config_id: 1, offset: 0, limit: 2, product_ids: [7] }],
		]);
		expect(output[0]).toEqual({ json: { internal_product_id: 'c5', selling_price: 9.5, product_id: 5 }, pairedItem: { item: 0 } });
		await expect(run({ resource: 'price', operation: 'getSnapshot', products: 'list', productIds: '' })).rejects.toThrow('Item 0: "Product IDs" is empty');
		await expect(run({ resource: 'price', operation: 'getSnapshot', products: 'list', productIds: '[1, -2]' })).rejects.toThrow('entry 1 (-2) is not a record ID');
	});

	it('Product IDs From Input Items: one snapshot for all items, each row paired to the items naming it', async () => {
		call.mockResolvedValueOnce({ items: [stockRow(5), stockRow(6)], next_offset: null });
		const output = await run(
			{ resource: 'stock', operation: 'getSnapshot', products: 'fromInput', productIdField: 'product_id', options: {} },
			items({ entry_id: 1, product_id: 5 }, { entry_id: 2, product_id: 6 }, { entry_id: 3, product_id: 5 }),
		);
		expect(call.mock.calls).toEqual([['cartona_stock_snapshot', { config_id: 1, offset: 0, limit: 2000, product_ids: [5, 6] }]]);
		expect(output.map((o) => [o.json.product_id, o.pairedItem])).toEqual([
			[5, [{ item: 0 }, { item: 2 }]],
			[6, { item: 1 }],
		]);
	});

	it('Product IDs From Input Items: an item without the field is an error item or a node error', async () => {
		call.mockResolvedValue({ items: [stockRow(5)], next_offset: null });
		const input = items({ product_id: 5 }, { entry_id: 2 });
		await expect(run({ resource: 'stock', operation: 'getSnapshot', products: 'fromInput', productIdField: 'product_id' }, input)).rejects.toThrow('Item 1: "product_id" is missing');
		const output = await run({ resource: 'stock', operation: 'getSnapshot', products: 'fromInput', productIdField: 'product_id' }, input, true);
		expect(output).toEqual([
			{ json: { ok: false, error: 'Item 1: "product_id" is missing' }, pairedItem: { item: 1 } },
			{ json: { internal_product_id: 'c5', available_stock_quantity: 5, in_stock: true, product_id: 5 }, pairedItem: { item: 0 } },
		]);
	});

	it('refuses a page without items and a next_offset that does not advance', async () => {
		call.mockResolvedValueOnce({ next_offset: null });
		await expect(run({ resource: 'stock', operation: 'getSnapshot', products: 'allMapped' })).rejects.toThrow('returned no "items" list');
		call.mockResolvedValueOnce({ items: [], next_offset: 0 });
		await expect(run({ resource: 'stock', operation: 'getSnapshot', products: 'allMapped' })).rejects.toThrow('returned next_offset 0 after offset 0');
	});
});

describe('Outbox', () => {
	it('Claim: kinds, limit and lease, one item per entry', async () => {
		const entry = { entry_id: 1, kind: 'stock', res_model: 'product.product', res_id: 5, product_id: 5, attempts: 0, lease_until: '2026-01-01 00:02:00' };
		call.mockResolvedValue([entry]);
		const output = await run({ resource: 'outbox', operation: 'claim', kinds: ['stock', 'price'], maxEntries: 100, leaseSeconds: 60 });
		expect(call.mock.calls).toEqual([['cartona_outbox_claim', { config_id: 1, limit: 100, lease_seconds: 60, kinds: ['stock', 'price'] }]]);
		expect(output).toEqual([{ json: entry, pairedItem: { item: 0 } }]);
		await run({ resource: 'outbox', operation: 'claim', kinds: [], maxEntries: 500, leaseSeconds: 120 });
		expect(kwargsOf(1)).toEqual({ config_id: 1, limit: 500, lease_seconds: 120 });
		await expect(run({ resource: 'outbox', operation: 'claim', kinds: ['everything'], maxEntries: 5, leaseSeconds: 120 })).rejects.toThrow('Item 0: "Kinds" must be among');
	});

	it('Acknowledge: {entry_id, ok, error} per item', async () => {
		answerList('entries', (e) => ({ ok: true, entry_id: e.entry_id, status: e.ok ? 'done' : 'pending' }));
		const output = await run(
			{ resource: 'outbox', operation: 'acknowledge', entryId: (i: number) => [11, '12'][i], succeeded: (i: number) => i === 0, options: (i: number) => (i ? { errorMessage: 'HTTP 500' } : {}) },
			items({}, {}),
		);
		expect(kwargsOf(0)).toEqual({ config_id: 1, entries: [{ entry_id: 11, ok: true }, { entry_id: 12, ok: false, error: 'HTTP 500' }] });
		expect(output.map((o) => [o.json.status, o.pairedItem])).toEqual([['done', { item: 0 }], ['pending', { item: 1 }]]);
		await expect(run({ resource: 'outbox', operation: 'acknowledge', entryId: 'x', succeeded: true })).rejects.toThrow('Item 0: "Entry ID" must be a claimed outbox entry ID (got "x")');
	});

	it('Acknowledge: Refused by Cartona adds refused: true to a failed entry only', async () => {
		answerList('entries', (e) => ({ ok: true, entry_id: e.entry_id, status: e.refused ? 'refused' : 'done' }));
		const output = await run(
			{
				resource: 'outbox',
				operation: 'acknowledge',
				entryId: (i: number) => [21, 22, 23][i],
				succeeded: (i: number) => i === 0,
				options: (i: number) => [{ refused: true }, { errorMessage: 'unknown product', refused: true }, { errorMessage: 'HTTP 503', refused: false }][i],
			},
			items({}, {}, {}),
		);
		expect(kwargsOf(0)).toEqual({
			config_id: 1,
			entries: [
				{ entry_id: 21, ok: true },
				{ entry_id: 22, ok: false, error: 'unknown product', refused: true },
				{ entry_id: 23, ok: false, error: 'HTTP 503' },
			],
		});
		expect(output.map((o) => o.json.status)).toEqual(['done', 'refused', 'done']);
	});
});

describe('Sync Log: Write', () => {
	it('sends one entry per item with the optional counts', async () => {
		answerList('entries', (_e, i) => ({ ok: true, status: 'logged', log_id: 100 + i }));
		const output = await run({
			resource: 'syncLog', operation: 'write', kind: 'stock', direction: 'outbound', state: 'warning', message: '3 products failed',
			options: { countOk: 97, countFailed: 3, executionId: 42, recordRef: '' },
		});
		expect(kwargsOf(0)).toEqual({ config_id: 1, entries: [{ kind: 'stock', direction: 'outbound', state: 'warning', message: '3 products failed', count_ok: 97, count_failed: 3, execution_id: '42' }] });
		expect(output).toEqual([{ json: { ok: true, status: 'logged', log_id: 100 }, pairedItem: { item: 0 } }]);
		await expect(run({ resource: 'syncLog', operation: 'write', kind: 'stock', direction: 'outbound', state: 'ok', message: ' ' })).rejects.toThrow('Item 0: "Message" is empty');
	});
});

describe('Config: Get', () => {
	it('returns the config as one item, by ID or by name', async () => {
		const config = { id: 1, name: 'Main', internal_supplier_code: 'SUP1', currency: 'EGP' };
		call.mockResolvedValue(config);
		expect(await run({ resource: 'config', operation: 'get', options: {} })).toEqual([{ json: config, pairedItem: { item: 0 } }]);
		await run({ resource: 'config', operation: 'get', options: { configName: 'Main' } });
		expect(call.mock.calls).toEqual([['cartona_get_config', { config_id: 1 }], ['cartona_get_config', { name: 'Main' }]]);
	});
});
