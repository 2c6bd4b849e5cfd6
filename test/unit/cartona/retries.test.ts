import nock from 'nock';
import { NodeApiError, sleep } from 'n8n-workflow';
import { runCartona, TEST_BASE_URL } from './helpers/createMockExecuteFunctions';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

const sleepMock = sleep as jest.MockedFunction<typeof sleep>;
/** A socket-level failure as nock should raise it (an Error instance carrying the code). */
const networkError = (code: string, message: string) => Object.assign(new Error(message), { code });
const API = new URL(TEST_BASE_URL);
const origin = API.origin;
const prefix = API.pathname;

const productsList = { resource: 'product', operation: 'getAll', returnAll: true };
const productUpdate = { resource: 'product', operation: 'bulkUpdate' };
const statusUpdate = { resource: 'order', operation: 'updateStatus' };
const oneStatus = { resource: 'order', operation: 'updateOneStatus' };
const stockItem = { internal_product_id: '103', available_stock_quantity: 10 };
const statusItem = { hashed_id: 'pPX2wRNM', status: 'approved' };

beforeAll(() => nock.disableNetConnect());
beforeEach(() => sleepMock.mockClear());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

async function failureOf(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the node to fail');
}

describe('GET calls', () => {
	it('429 with Retry-After waits that long, then succeeds', async () => {
		const scope = nock(origin)
			.get(`${prefix}supplier-product`)
			.query(true)
			.reply(429, { error: 'slow down' }, { 'Retry-After': '2' })
			.get(`${prefix}supplier-product`)
			.query(true)
			.reply(200, [{ id: 1 }]);
		const output = await runCartona({ nodeParameters: productsList });
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(1);
		expect(sleepMock.mock.calls).toEqual([[2000]]);
	});

	it('5xx then success, with exponential backoff when there is no Retry-After', async () => {
		const scope = nock(origin)
			.get(`${prefix}supplier-product`)
			.query(true)
			.reply(500, { error: 'boom' })
			.get(`${prefix}supplier-product`)
			.query(true)
			.reply(502, 'bad gateway')
			.get(`${prefix}supplier-product`)
			.query(true)
			.reply(200, []);
		await runCartona({ nodeParameters: productsList });
		expect(scope.isDone()).toBe(true);
		expect(sleepMock.mock.calls).toEqual([[1000], [2000]]);
	});

	it('retries exhausted: maxRetries + 1 requests, then a NodeApiError naming the status', async () => {
		const scope = nock(origin).get(`${prefix}supplier-product`).query(true).times(4).reply(503, { error: 'down' });
		const error = await failureOf(runCartona({ nodeParameters: productsList }));
		expect(scope.isDone()).toBe(true);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('503');
		expect(error.message).toBe('Cartona failed to process the request: down');
		expect(error.description).toContain('(4 requests)');
		expect(sleepMock.mock.calls).toEqual([[1000], [2000], [4000]]);
	});

	it('the maxRetries option bounds the retries', async () => {
		const scope = nock(origin).get(`${prefix}supplier-product`).query(true).times(2).reply(500, {});
		await failureOf(runCartona({ nodeParameters: { ...productsList, options: { maxRetries: 1 } } }));
		expect(scope.isDone()).toBe(true);
		expect(sleepMock).toHaveBeenCalledTimes(1);
	});

	it('a Retry-After beyond the total wait cap stops at once instead of waiting', async () => {
		const scope = nock(origin).get(`${prefix}supplier-product`).query(true).reply(429, {}, { 'Retry-After': '120' });
		const error = await failureOf(runCartona({ nodeParameters: productsList }));
		expect(scope.isDone()).toBe(true);
		expect(error.httpCode).toBe('429');
		expect(error.message).toBe('Cartona kept rate limiting the requests');
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it('the total wait is capped across retries', async () => {
		const scope = nock(origin)
			.get(`${prefix}supplier-product`)
			.query(true)
			.times(2)
			.reply(429, {}, { 'Retry-After': '4' });
		await failureOf(runCartona({ nodeParameters: { ...productsList, options: { maxRetryWaitSeconds: 5 } } }));
		expect(scope.isDone()).toBe(true);
		expect(sleepMock.mock.calls).toEqual([[4000]]);
	});

	it('a dropped connection is retried', async () => {
		const scope = nock(origin)
			.get(`${prefix}supplier-product`)
			.query(true)
			.replyWithError(networkError('ECONNRESET', 'socket hang up'))
			.get(`${prefix}supplier-product`)
			.query(true)
			.reply(200, [{ id: 1 }]);
		const output = await runCartona({ nodeParameters: productsList });
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(1);
	});

	it("a dropped connection reported with undici's code is retried too", async () => {
		const scope = nock(origin)
			.get(`${prefix}supplier-product`)
			.query(true)
			.replyWithError(networkError('UND_ERR_SOCKET', 'other side closed'))
			.get(`${prefix}supplier-product`)
			.query(true)
			.reply(200, []);
		await runCartona({ nodeParameters: productsList });
		expect(scope.isDone()).toBe(true);
		expect(sleepMock.mock.calls).toEqual([[1000]]);
	});

	it('a bad token (401) is not retried and says so in plain words', async () => {
		const scope = nock(origin).get(`${prefix}supplier-product`).query(true).reply(401, { error: 'Invalid token' });
		const error = await failureOf(runCartona({ nodeParameters: productsList }));
		expect(scope.isDone()).toBe(true);
		expect(error.message).toBe('Cartona rejected the token: Invalid token');
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('check the token');
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it('a missing token answer (400) surfaces Cartona error text', async () => {
		const scope = nock(origin).get(`${prefix}supplier-product`).query(true).reply(400, { error: 'AuthorizationToken required' });
		const error = await failureOf(runCartona({ nodeParameters: productsList }));
		expect(scope.isDone()).toBe(true);
		expect(error.message).toBe('Cartona refused the request: AuthorizationToken required');
		expect(error.description).toContain('check the token');
	});
});

describe('absolute updates (product bulk update)', () => {
	it('5xx and a dropped connection are retried: the same values are sent again', async () => {
		const body = [{ internal_product_id: '103', available_stock_quantity: 10 }];
		const scope = nock(origin)
			.post(`${prefix}supplier-product/bulk-update`, body)
			.reply(500, {})
			.post(`${prefix}supplier-product/bulk-update`, body)
			.replyWithError(networkError('ECONNRESET', 'socket hang up'))
			.post(`${prefix}supplier-product/bulk-update`, body)
			.reply(200, { updated: 1, failed: [] });
		const output = await runCartona({ nodeParameters: productUpdate, inputData: [stockItem] });
		expect(scope.isDone()).toBe(true);
		expect(output[0].json.ok).toBe(true);
	});

	it('a timeout is retried', async () => {
		const scope = nock(origin)
			.post(`${prefix}supplier-product/bulk-update`)
			.replyWithError(networkError('ETIMEDOUT', 'timeout'))
			.post(`${prefix}supplier-product/bulk-update`)
			.reply(200, { updated: 1 });
		await runCartona({ nodeParameters: productUpdate, inputData: [stockItem] });
		expect(scope.isDone()).toBe(true);
	});
});

describe('order changes are never replayed blindly', () => {
	it.each([
		['a dropped connection', (s: nock.Interceptor) => s.replyWithError(networkError('ECONNRESET', 'socket hang up'))],
		['a timeout', (s: nock.Interceptor) => s.replyWithError(networkError('ECONNABORTED', 'timeout of 30000ms exceeded'))],
		['a 500', (s: nock.Interceptor) => s.reply(500, { error: 'boom' })],
		['a 504', (s: nock.Interceptor) => s.reply(504, 'gateway timeout')],
	])('bulk status update: %s is not retried', async (_name, reply) => {
		const scope = reply(nock(origin).post(`${prefix}order/update-order-status`));
		const error = await failureOf(runCartona({ nodeParameters: statusUpdate, inputData: [statusItem] }));
		expect(scope.isDone()).toBe(true);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it('a dropped connection says the change may have been applied', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-status/pPX2wRNM`)
			.replyWithError(networkError('ECONNRESET', 'socket hang up'));
		const error = await failureOf(runCartona({ nodeParameters: oneStatus, inputData: [statusItem] }));
		expect(scope.isDone()).toBe(true);
		expect(error.message).toContain('may or may not have been applied');
		expect(error.description).toContain('not sent twice');
	});

	it.each(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH'])(
		'%s on every attempt says Cartona was not reached, with no warning that the change may have been applied',
		async (code) => {
			const scope = nock(origin)
				.post(`${prefix}order/update-order-status/pPX2wRNM`)
				.times(4)
				.replyWithError(networkError(code, 'unreachable'));
			const error = await failureOf(runCartona({ nodeParameters: oneStatus, inputData: [statusItem] }));
			expect(scope.isDone()).toBe(true);
			expect(error.message).toMatch(/^Could not reach Cartona/);
			expect(error.description).not.toContain('not sent twice');
			expect((error as NodeApiError).context.outcomeUnknown).toBeUndefined();
		},
	);

	it.each([
		['429 with Retry-After', (s: nock.Interceptor) => s.reply(429, {}, { 'Retry-After': '1' }), [[1000]]],
		['503', (s: nock.Interceptor) => s.reply(503, {}), [[1000]]],
		['connection refused', (s: nock.Interceptor) => s.replyWithError(networkError('ECONNREFUSED', 'refused')), [[1000]]],
	])('%s (provably not processed) is retried', async (_name, reply, waits) => {
		const first = reply(nock(origin).post(`${prefix}order/update-order-details`));
		const second = nock(origin).post(`${prefix}order/update-order-details`).reply(200, { updated: 1 });
		const output = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateDetails' },
			inputData: [{ hashed_id: 'L7b3xpOP', order_details: [{ id: 11971867, amount: 6 }] }],
		});
		expect(first.isDone() && second.isDone()).toBe(true);
		expect(output[0].json.ok).toBe(true);
		expect(sleepMock.mock.calls).toEqual(waits);
	});
});

describe('failures that are not HTTP failures', () => {
	it('a NodeOperationError from n8n (e.g. no credential) is passed on as the same object, unretried', async () => {
		const { cartonaApiRequest } = await import('../../../nodes/Cartona/transport');
		const { buildPath } = await import('../../../nodes/Cartona/transport/encodePathSegment');
		const { PATHS } = await import('../../../nodes/Cartona/schema');
		const { NodeOperationError } = await import('n8n-workflow');
		const node = { id: '1', name: 'Cartona', type: 'n8n-nodes-cartona.cartona', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const original = new NodeOperationError(node, 'Node does not have any credentials set');
		const call = jest.fn(async () => {
			throw original;
		});
		const context = { getNode: () => node, helpers: { httpRequestWithAuthentication: call } } as never;
		const thrown = await failureOf(
			cartonaApiRequest.call(context, { connection: { baseUrl: 'https://cartona.test', defaultSupplierCode: '' }, limits: { maxRetries: 3, maxWaitMs: 1000 } }, { method: 'GET', path: buildPath(PATHS.supplierProducts), retryClass: 'repeatable' }),
		);
		expect(thrown).toBe(original);
		expect(call).toHaveBeenCalledTimes(1);
		expect(sleepMock).not.toHaveBeenCalled();
	});
});
