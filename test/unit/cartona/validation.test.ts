import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { runCartona, TEST_BASE_URL } from './helpers/createMockExecuteFunctions';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

const API = new URL(TEST_BASE_URL);
const origin = API.origin;
const prefix = API.pathname;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

type Case = [string, IDataObject, IDataObject, string];

/** [name, node parameters, bad item, expected message]; the bad item is item 1 between two good ones. */
const cases: Case[] = [
	['missing identifier', { resource: 'product', operation: 'bulkUpdate' }, { selling_price: 5 }, 'Item 1: "internal_product_id" is missing'],
	[
		'identifier of the wrong type',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: { id: 1 }, selling_price: 5 },
		'Item 1: "internal_product_id" must be a text or number identifier, got {"id":1}',
	],
	[
		'negative stock',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: 'x', available_stock_quantity: -1 },
		'Item 1: "available_stock_quantity" must not be negative, got -1',
	],
	[
		'negative price',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: 'x', selling_price: '-2.5' },
		'Item 1: "selling_price" must not be negative, got -2.5',
	],
	[
		'price that is not a number',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: 'x', selling_price: 'cheap' },
		'Item 1: "selling_price" must be a number, got "cheap"',
	],
	[
		'flag that is not a boolean',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: 'x', in_stock: 'yes' },
		'Item 1: "in_stock" must be true or false, got "yes"',
	],
	[
		'fractional min order',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: 'x', min_order: 1.5 },
		'Item 1: "min_order" must be a whole number, got 1.5',
	],
	[
		'max order below min order',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: 'x', min_order: 5, max_order: 2 },
		'Item 1: "max_order" must not be below min_order (5), got 2',
	],
	[
		'unknown unit',
		{ resource: 'baseProduct', operation: 'bulkUpdate' },
		{ base_product_id: '650', unit: 'crate', unit_count: 12 },
		'Item 1: "unit" must be one of box, can, bottle',
	],
	[
		'base product without unit',
		{ resource: 'baseProduct', operation: 'bulkUpdate' },
		{ base_product_id: '650', unit_count: 12, in_stock: true },
		'Item 1: "unit" is missing',
	],
	[
		'base product stock without base_product_id',
		{ resource: 'baseProduct', operation: 'bulkUpdateStock' },
		{ available_stock_quantity: 5 },
		'Item 1: "base_product_id" is missing',
	],
	[
		'negative base-unit stock',
		{ resource: 'baseProduct', operation: 'bulkUpdateStock' },
		{ base_product_id: 4090, available_stock_quantity: -300 },
		'Item 1: "available_stock_quantity" must not be negative, got -300',
	],
	[
		'unknown status',
		{ resource: 'order', operation: 'updateStatus' },
		{ hashed_id: 'h', status: 'shipped' },
		'Item 1: "status" must be one of synced, pending, approved, assigned_to_salesman, delivered, cancelled_by_supplier; got "shipped"',
	],
	[
		'status missing',
		{ resource: 'order', operation: 'updateStatus' },
		{ hashed_id: 'h' },
		'Item 1: "status" is missing',
	],
	[
		'cancellation reason not in the list',
		{ resource: 'order', operation: 'updateStatus' },
		{ hashed_id: 'h', status: 'cancelled_by_supplier', cancellation_reason: 'bored' },
		'Item 1: "cancellation_reason" must be one of out_of_stock',
	],
	[
		'unreadable delivery day',
		{ resource: 'order', operation: 'updateStatus' },
		{ hashed_id: 'h', status: 'assigned_to_salesman', delivery_day: 'soon' },
		'Item 1: "delivery_day" must be a date such as 2026-04-28, got "soon"',
	],
	[
		'delivered without the OTP the order needs (bulk)',
		{ resource: 'order', operation: 'updateStatus' },
		{ hashed_id: 'h', status: 'delivered', requires_otp: true },
		'Item 1: "retailer_otp" is missing: this order needs the retailer OTP to be marked delivered',
	],
	[
		'details without hashed_id',
		{ resource: 'order', operation: 'updateDetails' },
		{ order_details: [{ id: 1, amount: 2 }] },
		'Item 1: "hashed_id" is missing',
	],
	[
		'details without lines',
		{ resource: 'order', operation: 'updateDetails' },
		{ hashed_id: 'h', order_details: [] },
		'Item 1: "order_details" is missing: give at least one line change',
	],
	[
		'new line without a product',
		{ resource: 'order', operation: 'updateDetails' },
		{ hashed_id: 'h', order_details: [{ id: 1, amount: 1 }, { amount: 3 }] },
		'Item 1: "order_details[1].internal_product_id" is missing',
	],
	[
		'new line without an amount',
		{ resource: 'order', operation: 'updateDetails' },
		{ hashed_id: 'h', order_details: [{ internal_product_id: '104', price: 3 }] },
		'Item 1: "order_details[0].amount" is missing: a new line needs an amount',
	],
	[
		'negative line amount',
		{ resource: 'order', operation: 'updateDetails' },
		{ hashed_id: 'h', order_details: [{ id: 7, amount: -1 }] },
		'Item 1: "order_details[0].amount" must not be negative, got -1',
	],
	// issue 10: finite but absurd numbers and huge identifiers are bounded as Odoo bounds them
	[
		'price of 1e308',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: 'x', selling_price: 1e308 },
		'Item 1: "selling_price" must be at most 1000000000, got 1e+308',
	],
	[
		'stock of 1e308',
		{ resource: 'baseProduct', operation: 'bulkUpdateStock' },
		{ base_product_id: 1, available_stock_quantity: '1e308' },
		'Item 1: "available_stock_quantity" must be at most 1000000000, got 1e+308',
	],
	[
		'line amount of 1e308',
		{ resource: 'order', operation: 'updateDetails' },
		{ hashed_id: 'h', order_details: [{ id: 7, amount: 1e308 }] },
		'Item 1: "order_details[0].amount" must be at most 1000000000, got 1e+308',
	],
	[
		'identifier of 5 MB',
		{ resource: 'product', operation: 'bulkUpdate' },
		{ internal_product_id: 'p'.repeat(5 * 1024 * 1024), selling_price: 5 },
		'Item 1: "internal_product_id" must be at most 64 characters, got 5242880',
	],
	[
		'identifier beyond a safe integer',
		{ resource: 'baseProduct', operation: 'bulkUpdateStock' },
		{ base_product_id: 1e300, available_stock_quantity: 1 },
		'Item 1: "base_product_id" must be a whole number up to 9007199254740991, got 1e+300',
	],
];

const goodItems: Record<string, IDataObject> = {
	'product/bulkUpdate': { internal_product_id: 'good', selling_price: 1 },
	'baseProduct/bulkUpdate': { internal_product_id: 'good', in_stock: true },
	'baseProduct/bulkUpdateStock': { base_product_id: 1, available_stock_quantity: 1 },
	'order/updateStatus': { hashed_id: 'good', status: 'approved' },
	'order/updateDetails': { hashed_id: 'good', order_details: [{ id: 1, amount: 1 }] },
};
const paths: Record<string, string> = {
	'product/bulkUpdate': 'supplier-product/bulk-update',
	'baseProduct/bulkUpdate': 'supplier-product/base-product/bulk-update',
	'baseProduct/bulkUpdateStock': 'supplier-product/base-product/bulk-update-stock',
	'order/updateStatus': 'order/update-order-status',
	'order/updateDetails': 'order/update-order-details',
};

describe.each(cases)('%s', (_name, parameters, badItem, message) => {
	const key = `${parameters.resource}/${parameters.operation}`;
	const good = goodItems[key];

	it('Continue On Fail on: the item becomes an error naming item and field; the others are sent', async () => {
		let sent: unknown;
		const scope = nock(origin)
			.post(`${prefix}${paths[key]}`)
			.reply(200, (_uri, body) => {
				sent = body;
				return { updated: (body as unknown[]).length };
			});
		const output = await runCartona({ nodeParameters: parameters, inputData: [good, badItem, good], continueOnFail: true });
		expect(scope.isDone()).toBe(true);
		expect(sent).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json.ok).toBe(false);
		expect(String(output[1].json.error)).toContain(message);
		expect(output[0].json.ok).toBe(true);
	});

	it('Continue On Fail off: the node throws a NodeOperationError with the item index before sending anything', async () => {
		const error = await runCartona({ nodeParameters: parameters, inputData: [good, badItem, good] }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(error.context.itemIndex).toBe(1);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('the single-order endpoint', () => {
	it('refuses delivered without OTP when the item says it needs one, and sends the others', async () => {
		const scope = nock(origin).post(`${prefix}order/update-order-status/h2`).reply(200, {});
		const output = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateOneStatus' },
			inputData: [
				{ hashed_id: 'h1', status: 'delivered', requires_otp: true },
				{ hashed_id: 'h2', status: 'delivered', requires_otp: false },
			],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({
			ok: false,
			field: 'retailer_otp',
			error: 'Item 0: "retailer_otp" is missing: this order needs the retailer OTP to be marked delivered',
		});
		expect(output[1].json.ok).toBe(true);
	});

	it('reads the OTP requirement from the OTP Required parameter too', async () => {
		const error = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateOneStatus', hashedId: 'h1', status: 'delivered', requiresOtp: true },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Item 0: "retailer_otp" is missing: this order needs the retailer OTP to be marked delivered');
	});

	it('order lines given as text must be valid JSON', async () => {
		const error = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateDetails', hashedId: 'h', orderDetails: '[{"id": 1,' },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Item 0: "order_details" is not valid JSON');
	});

	it('pull-orders refuses an unreadable time window before calling', async () => {
		const error = await runCartona({
			nodeParameters: { resource: 'order', operation: 'getAll', filters: { from: 'yesterday-ish' } },
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Item 0: "from" must be a date such as 2026-04-28, got "yesterday-ish"');
	});
});
