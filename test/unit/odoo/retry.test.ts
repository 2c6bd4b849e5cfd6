import nock from 'nock';
import { NodeApiError, sleep } from 'n8n-workflow';

import { callMarketplace } from '../../../nodes/OdooCartona/transport';
import { forgetJsonRpcLogins } from '../../../nodes/OdooCartona/transport/jsonRpc';
import { DEFAULT_ODOO_RETRY_LIMITS, retryAfterMs } from '../../../nodes/OdooCartona/transport/retryPolicy';
import { closedPortUrl, createMockExecuteFunctions, JSON2_CREDENTIALS, JSON_RPC_CREDENTIALS, startDroppingServer } from './mockContexts';

// The waits are recorded, not waited: the test asserts how long the transport asked to wait.
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async () => undefined),
}));
const sleepMock = sleep as jest.MockedFunction<typeof sleep>;

const RPC = 'http://odoo.test';
const J2 = 'http://odoo19.test';
const PATH = '/json/2/marketplace.supplier.config';

function context(credentials = JSON2_CREDENTIALS) {
	return createMockExecuteFunctions({ parameters: {}, credentials });
}

function waits(): number[] {
	return sleepMock.mock.calls.map(([ms]) => ms);
}

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(NodeApiError);
		return error as NodeApiError;
	}
	throw new Error('expected a NodeApiError');
}

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
beforeEach(() => {
	forgetJsonRpcLogins();
	sleepMock.mockClear();
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Odoo transport retries (Retry-After, exponential backoff with a cap)', () => {
	it('waits what Retry-After says (seconds) before sending again', async () => {
		const scope = nock(J2)
			.post(`${PATH}/cartona_import_orders`).reply(429, 'Too Many Requests', { 'Retry-After': '7' })
			.post(`${PATH}/cartona_import_orders`).reply(200, [{ index: 0, ok: true }]);
		await expect(callMarketplace.call(context(), 'cartona_import_orders', { config_id: 1, orders: [] })).resolves.toEqual([{ index: 0, ok: true }]);
		expect(waits()).toEqual([7000]);
		expect(scope.isDone()).toBe(true);
	});

	it('reads Retry-After as an HTTP date too', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs({ kind: 'http', name: 'HTTP 503', message: '', retryAfter: 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
		expect(retryAfterMs({ kind: 'http', name: 'HTTP 503', message: '', retryAfter: 'soon' }, now)).toBeUndefined();
	});

	it('backs off 0.5 s, 1 s, 2 s without Retry-After, then reports the HTTP error', async () => {
		const scope = nock(J2).post(`${PATH}/cartona_stock_snapshot`).times(4).reply(503, 'Service Unavailable');
		const error = await failure(callMarketplace.call(context(), 'cartona_stock_snapshot', { config_id: 1 }));
		expect(error.message).toMatch(/^Odoo answered HTTP 503/);
		expect(waits()).toEqual([500, 1000, 2000]);
		expect(DEFAULT_ODOO_RETRY_LIMITS.maxRetries).toBe(3);
		expect(scope.isDone()).toBe(true);
	});

	it('stops at once when Retry-After is beyond the wait budget', async () => {
		const scope = nock(J2).post(`${PATH}/cartona_price_snapshot`).once().reply(429, 'busy', { 'Retry-After': '3600' });
		const error = await failure(callMarketplace.call(context(), 'cartona_price_snapshot', { config_id: 1 }));
		expect(error.message).toMatch(/^Odoo answered HTTP 429/);
		expect(waits()).toEqual([]);
		expect(scope.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('keeps the total wait under the cap (Retry-After 20 s twice: the second is not waited)', async () => {
		const scope = nock(J2).post(`${PATH}/cartona_get_config`).times(2).reply(503, 'busy', { 'Retry-After': '20' });
		await failure(callMarketplace.call(context(), 'cartona_get_config', { config_id: 1 }));
		expect(waits()).toEqual([20000]);
		expect(waits().reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(DEFAULT_ODOO_RETRY_LIMITS.maxWaitMs);
		expect(scope.isDone()).toBe(true);
	});

	it('retries a call that is not safe to repeat only where Odoo did no work (429, 503)', async () => {
		for (const status of [429, 503]) {
			sleepMock.mockClear();
			const scope = nock(J2)
				.post(`${PATH}/cartona_mark_synced`).reply(status, 'busy', { 'Retry-After': '1' })
				.post(`${PATH}/cartona_mark_synced`).reply(200, [{ index: 0, ok: true, status: 'synced' }]);
			await expect(callMarketplace.call(context(), 'cartona_mark_synced', { config_id: 1, items: [] })).resolves.toEqual([
				{ index: 0, ok: true, status: 'synced' },
			]);
			expect(waits()).toEqual([1000]);
			expect(scope.isDone()).toBe(true);
		}
	});

	it.each([502, 504, 500])('never replays an outbox acknowledgement after HTTP %s (it may have run)', async (status) => {
		const scope = nock(J2).post(`${PATH}/cartona_outbox_ack`).once().reply(status, 'Gateway');
		await failure(callMarketplace.call(context(), 'cartona_outbox_ack', { config_id: 1, entries: [] }));
		expect(waits()).toEqual([]);
		expect(scope.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('retries a write on a refused connection (never sent) but not on a dropped one (maybe run)', async () => {
		const url = await closedPortUrl();
		const refused = await failure(callMarketplace.call(context({ ...JSON2_CREDENTIALS, url }), 'cartona_write_sync_log', { config_id: 1, entries: [] }));
		expect(refused.message).toBe('Cannot reach Odoo: connection refused');
		expect(waits()).toEqual([500, 1000, 2000]);
		sleepMock.mockClear();
		const server = await startDroppingServer();
		try {
			const dropped = await failure(
				callMarketplace.call(context({ ...JSON2_CREDENTIALS, url: server.url }), 'cartona_write_sync_log', { config_id: 1, entries: [] }),
			);
			expect(dropped.message).toBe('Cannot reach Odoo: connection dropped');
			expect(server.connections()).toBe(1);
			expect(waits()).toEqual([]);
		} finally {
			await server.close();
		}
	}, 15000);

	it('JSON-RPC: a 429 on execute_kw is sent again after Retry-After (logged in once)', async () => {
		const scope = nock(RPC)
			.post('/jsonrpc', (b) => b.params.service === 'common').once().reply(200, { jsonrpc: '2.0', id: 1, result: 7 })
			.post('/jsonrpc', (b) => b.params.service === 'object').reply(429, 'busy', { 'Retry-After': '2' })
			.post('/jsonrpc', (b) => b.params.service === 'object').reply(200, { jsonrpc: '2.0', id: 3, result: { id: 1 } });
		await expect(callMarketplace.call(context(JSON_RPC_CREDENTIALS), 'cartona_get_config', { config_id: 1 })).resolves.toEqual({ id: 1 });
		expect(waits()).toEqual([2000]);
		expect(scope.isDone()).toBe(true);
	});

	it('never retries an Odoo error answer', async () => {
		const scope = nock(J2).post(`${PATH}/cartona_import_orders`).once().reply(503, { name: 'odoo.exceptions.UserError', message: 'Orders are off' });
		await failure(callMarketplace.call(context(), 'cartona_import_orders', { config_id: 1, orders: [] }));
		expect(waits()).toEqual([]);
		expect(scope.isDone()).toBe(true);
	});
});

describe("Odoo's traceback never reaches n8n", () => {
	const traceback = 'Traceback (most recent call last):\n  File "/opt/odoo/odoo/http.py", line 1\nKeyError: password=hunter2';

	it.each([
		['JSON-2', JSON2_CREDENTIALS],
		['JSON-RPC', JSON_RPC_CREDENTIALS],
	])('%s: the error names the call and the message, without `debug`', async (_name, credentials) => {
		if (credentials === JSON2_CREDENTIALS) {
			nock(J2).post(`${PATH}/cartona_mark_synced`).reply(500, { name: 'builtins.KeyError', message: "'sale_order_id'", debug: traceback });
		} else {
			nock(RPC)
				.post('/jsonrpc', (b) => b.params.service === 'common').reply(200, { jsonrpc: '2.0', id: 1, result: 7 })
				.post('/jsonrpc').reply(200, {
					jsonrpc: '2.0', id: 2,
					error: { code: 200, message: 'Odoo Server Error', data: { name: 'builtins.KeyError', message: "'sale_order_id'", debug: traceback } },
				});
		}
		const error = await failure(callMarketplace.call(context(credentials), 'cartona_mark_synced', { config_id: 1, items: [] }));
		expect(error.message).toBe("Odoo server error on marketplace.supplier.config.cartona_mark_synced (KeyError): 'sale_order_id'");
		const everything = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause });
		expect(everything).not.toMatch(/Traceback|http\.py|hunter2/);
	});

	it('bounds a huge Odoo message', async () => {
		nock(J2).post(`${PATH}/cartona_get_config`).reply(422, { name: 'odoo.exceptions.ValidationError', message: 'x'.repeat(100_000) });
		const error = await failure(callMarketplace.call(context(), 'cartona_get_config', { config_id: 1 }));
		expect(error.message.length).toBeLessThan(700);
	});
});
