import nock from 'nock';
import { runCartona, TEST_BASE_URL, TEST_TOKEN } from './helpers/createMockExecuteFunctions';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

const API = new URL(TEST_BASE_URL);
const origin = API.origin;
const prefix = API.pathname; // /api/v1/

const records = (count: number, offset = 0) =>
	Array.from({ length: count }, (_, i) => ({ hashed_id: `o${offset + i}`, extra_field: { kept: offset + i } }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each([
	['order', 'order/pull-orders'],
	['product', 'supplier-product'],
	['baseProduct', 'supplier-product/base-products'],
])('%s Get Many (%s)', (resource, path) => {
	it('Return All reads page after page until a short page, passing records through untouched', async () => {
		const scope = nock(origin, { reqheaders: { AuthorizationToken: TEST_TOKEN } })
			.get(`${prefix}${path}`)
			.query({ page: '1', per_page: '100' })
			.reply(200, records(100))
			.get(`${prefix}${path}`)
			.query({ page: '2', per_page: '100' })
			.reply(200, records(100, 100))
			.get(`${prefix}${path}`)
			.query({ page: '3', per_page: '100' })
			.reply(200, records(50, 200));
		const output = await runCartona({ nodeParameters: { resource, operation: 'getAll', returnAll: true } });
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(250);
		expect(output[249]).toEqual({ json: { hashed_id: 'o249', extra_field: { kept: 249 } }, pairedItem: { item: 0 } });
	});

	it('Return All stops on an empty page after full pages', async () => {
		const scope = nock(origin)
			.get(`${prefix}${path}`)
			.query({ page: '1', per_page: '100' })
			.reply(200, records(100))
			.get(`${prefix}${path}`)
			.query({ page: '2', per_page: '100' })
			.reply(200, []);
		const output = await runCartona({ nodeParameters: { resource, operation: 'getAll', returnAll: true } });
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(100);
	});

	it('Limit stops as soon as enough records are read', async () => {
		const scope = nock(origin)
			.get(`${prefix}${path}`)
			.query({ page: '1', per_page: '100' })
			.reply(200, records(100))
			.get(`${prefix}${path}`)
			.query({ page: '2', per_page: '100' })
			.reply(200, records(100, 100));
		const output = await runCartona({ nodeParameters: { resource, operation: 'getAll', returnAll: false, limit: 150 } });
		expect(scope.isDone()).toBe(true);
		expect(output.map((item) => item.json.hashed_id)).toEqual(records(150).map((record) => record.hashed_id));
	});

	it('a small Limit asks for one page of that size', async () => {
		const scope = nock(origin).get(`${prefix}${path}`).query({ page: '1', per_page: '7' }).reply(200, records(7));
		const output = await runCartona({ nodeParameters: { resource, operation: 'getAll', limit: 7 } });
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(7);
	});
});

it('pull-orders sends the from/to window and the supplier code of the credential', async () => {
	const scope = nock(origin)
		.get(`${prefix}order/pull-orders`)
		.query({ page: '1', per_page: '50', from: '2026-11-24T00:00:00', to: '2026-11-25T00:00:00', internal_supplier_code: '3' })
		.reply(200, records(2));
	const output = await runCartona({
		nodeParameters: {
			resource: 'order',
			operation: 'getAll',
			filters: { from: '2026-11-24T00:00:00', to: '2026-11-25T00:00:00' },
		},
		credentials: { environment: 'custom', url: TEST_BASE_URL, token: TEST_TOKEN, internalSupplierCode: '3' },
	});
	expect(scope.isDone()).toBe(true);
	expect(output).toHaveLength(2);
});

it('the node option internal_supplier_code overrides the credential default', async () => {
	const scope = nock(origin)
		.get(`${prefix}supplier-product`)
		.query({ page: '1', per_page: '50', internal_supplier_code: '1' })
		.reply(200, []);
	await runCartona({
		nodeParameters: { resource: 'product', operation: 'getAll', options: { internalSupplierCode: '1' } },
		credentials: { environment: 'custom', url: TEST_BASE_URL, token: TEST_TOKEN, internalSupplierCode: '2' },
	});
	expect(scope.isDone()).toBe(true);
});

it('base-products sends its search filters', async () => {
	const scope = nock(origin)
		.get(`${prefix}supplier-product/base-products`)
		.query({
			page: '1',
			per_page: '50',
			search_token: 'rice',
			base_product_id: '650',
			supplier_product_id: '110774',
			internal_product_id: '904#2',
		})
		.reply(200, [{ suppler_prodcut_id: '110774', internal_product_id: '904#2' }]);
	const output = await runCartona({
		nodeParameters: {
			resource: 'baseProduct',
			operation: 'getAll',
			filters: { searchText: 'rice', baseProductId: '650', supplierProductId: '110774', internalProductId: '904#2' },
		},
	});
	expect(scope.isDone()).toBe(true);
	expect(output[0].json).toEqual({ suppler_prodcut_id: '110774', internal_product_id: '904#2' });
});
