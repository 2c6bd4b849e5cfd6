import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';

import { callMarketplace, createBackend, getOdooTransport } from '../../../nodes/OdooCartona/transport';
import { forgetJsonRpcLogins } from '../../../nodes/OdooCartona/transport/jsonRpc';
import type { HttpLog } from './mockContexts';
import { closedPortUrl, createMockExecuteFunctions, JSON2_CREDENTIALS, JSON_RPC_CREDENTIALS, startDroppingServer } from './mockContexts';

const RPC = 'http://odoo.test';
const J2 = 'http://odoo19.test';

function rpcError(name: string, message: string) {
	return { jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error', data: { name, message, debug: 'Traceback ...' } } };
}

function context(credentials = JSON_RPC_CREDENTIALS, log: HttpLog = { requests: [] }) {
	return createMockExecuteFunctions({ parameters: {}, credentials, log });
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
beforeEach(() => forgetJsonRpcLogins());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('JSON-RPC transport (Odoo 16.0-18.0)', () => {
	it('logs in once per execution, then calls execute_kw with named arguments and counter ids', async () => {
		const bodies: any[] = [];
		const scope = nock(RPC)
			.post('/jsonrpc', (body) => body.params.service === 'common')
			.reply(200, (_uri, body: any) => {
				bodies.push(body);
				return { jsonrpc: '2.0', id: body.id, result: 7 };
			})
			.post('/jsonrpc', (body) => body.params.service === 'object')
			.times(2)
			.reply(200, (_uri, body: any) => {
				bodies.push(body);
				return { jsonrpc: '2.0', id: body.id, result: { id: 1, name: 'Main' } };
			});
		const ctx = context();
		await expect(callMarketplace.call(ctx, 'cartona_get_config', { config_id: 1 })).resolves.toEqual({ id: 1, name: 'Main' });
		await expect(callMarketplace.call(ctx, 'cartona_get_config', { config_id: 1 })).resolves.toEqual({ id: 1, name: 'Main' });
		expect(scope.isDone()).toBe(true);
		expect(bodies.map((b) => b.id)).toEqual([1, 2, 3]);
		expect(bodies[0].params).toEqual({ service: 'common', method: 'login', args: ['cartona', 'n8n', 'secret-key'] });
		expect(bodies[1]).toMatchObject({ jsonrpc: '2.0', method: 'call' });
		expect(bodies[1].params).toEqual({
			service: 'object',
			method: 'execute_kw',
			args: ['cartona', 7, 'secret-key', 'marketplace.supplier.config', 'cartona_get_config', [], { config_id: 1 }],
		});
	});

	it('reuses the uid of an earlier execution with the same credential (no second login)', async () => {
		const scope = nock(RPC)
			.post('/jsonrpc', (body) => body.params.service === 'common')
			.once()
			.reply(200, { jsonrpc: '2.0', id: 1, result: 7 })
			.post('/jsonrpc', (body) => body.params.service === 'object' && body.params.args[1] === 7)
			.times(2)
			.reply(200, { jsonrpc: '2.0', id: 2, result: [] });
		await callMarketplace.call(context(), 'cartona_outbox_claim', { config_id: 1 });
		await callMarketplace.call(context(), 'cartona_outbox_claim', { config_id: 1 });
		expect(scope.isDone()).toBe(true);
	});

	it('logs in again, once, when Odoo refuses a cached uid (key revoked), then succeeds', async () => {
		nock(RPC).post('/jsonrpc', (body) => body.params.service === 'common').reply(200, { jsonrpc: '2.0', id: 1, result: 7 });
		nock(RPC).post('/jsonrpc', (body) => body.params.service === 'object').reply(200, { jsonrpc: '2.0', id: 2, result: [] });
		await callMarketplace.call(context(), 'cartona_outbox_claim', { config_id: 1 });
		const scope = nock(RPC)
			.post('/jsonrpc', (body) => body.params.service === 'object' && body.params.args[1] === 7)
			.reply(200, { jsonrpc: '2.0', id: 3, error: { message: 'Odoo Server Error', data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied' } } })
			.post('/jsonrpc', (body) => body.params.service === 'common')
			.reply(200, { jsonrpc: '2.0', id: 4, result: 9 })
			.post('/jsonrpc', (body) => body.params.service === 'object' && body.params.args[1] === 9)
			.reply(200, { jsonrpc: '2.0', id: 5, result: ['ok'] });
		await expect(callMarketplace.call(context(), 'cartona_outbox_claim', { config_id: 1 })).resolves.toEqual(['ok']);
		expect(scope.isDone()).toBe(true);
	});

	it('the credential test path (reuseLogins false) always logs in, even with a cached uid', async () => {
		nock(RPC).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: 7 }).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 2, result: [] });
		await callMarketplace.call(context(), 'cartona_outbox_claim', { config_id: 1 });
		const scope = nock(RPC).post('/jsonrpc', (body) => body.params.service === 'common').reply(200, { jsonrpc: '2.0', id: 3, result: false });
		const c = JSON_RPC_CREDENTIALS as Record<string, string>;
		const backend = createBackend({ url: c.url.replace(/\/$/, ''), db: c.db, username: c.username, password: c.password, protocol: 'jsonRpc' }, async () => {
			const res = await fetch(`${c.url.replace(/\/$/, '')}/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'common', method: 'login', args: [] } }) });
			return { statusCode: res.status, body: await res.json() };
		}, { reuseLogins: false });
		const outcome = await backend.call('x', 'y', [], {});
		expect(outcome).toMatchObject({ ok: false, fault: { kind: 'authentication' } });
		expect(scope.isDone()).toBe(true);
	});

	it('returns null for a method answering None (no "result" key)', async () => {
		nock(RPC).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: 7 }).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 2 });
		await expect(callMarketplace.call(context(), 'cartona_x', {})).resolves.toBeNull();
	});

	it('sends no Authorization header (the login is in the body)', async () => {
		const log: HttpLog = { requests: [] };
		nock(RPC).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: 7 }).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 2, result: 1 });
		await callMarketplace.call(context(JSON_RPC_CREDENTIALS, log), 'cartona_x', {});
		expect(log.requests.map((r) => Object.keys(r.headers).map((h) => h.toLowerCase()).includes('authorization'))).toEqual([false, false]);
		expect(log.requests[0].url).toBe('http://odoo.test/jsonrpc');
	});

	it('reads a refused login (uid false) as an authentication error', async () => {
		nock(RPC).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: false });
		const error = await failure(callMarketplace.call(context(), 'cartona_get_config', {}));
		expect(error.message).toMatch(/^Odoo login failed: wrong login or password\/API key for "n8n" on database "cartona"/);
		expect(error.httpCode).toBe('401');
	});

	it('reads an unknown database at login as a database error', async () => {
		nock(RPC).post('/jsonrpc').reply(200, rpcError('psycopg2.OperationalError', 'FATAL:  database "cartona" does not exist'));
		const error = await failure(callMarketplace.call(context(), 'cartona_get_config', {}));
		expect(error.message).toBe('Odoo database problem: FATAL:  database "cartona" does not exist');
		expect(error.description).toMatch(/database name/);
	});

	const cases: Array<[string, string, RegExp, string, RegExp]> = [
		['odoo.exceptions.AccessError', 'Only Marketplace Integration users may call', /^Odoo refused access to marketplace\.supplier\.config\.cartona_get_config \(AccessError\): Only Marketplace/, '403', /Marketplace Integration" group/],
		['odoo.exceptions.ValidationError', 'Unknown marketplace configuration 9', /^Odoo rejected marketplace\.supplier\.config\.cartona_get_config \(ValidationError\): Unknown marketplace configuration 9$/, '422', /refused the data/],
		['builtins.AttributeError', "The method 'marketplace.supplier.config.cartona_get_config' does not exist", /^Odoo has no marketplace\.supplier\.config\.cartona_get_config \(AttributeError\)/, '404', /addon installed/],
		['builtins.TypeError', "cartona_get_config() got an unexpected keyword argument 'x'", /^Odoo rejected the arguments of .*\(TypeError\)/, '422', /different versions/],
		['builtins.KeyError', "'boom'", /^Odoo server error on .*\(KeyError\): 'boom'$/, '500', /^(?![\s\S]*Traceback)[\s\S]*server log/],
	];
	it.each(cases)('maps HTTP-200 error %s by its name', async (name, message, expected, httpCode, description) => {
		const scope = nock(RPC).post('/jsonrpc').reply(200, { jsonrpc: '2.0', id: 1, result: 7 }).post('/jsonrpc').reply(200, rpcError(name, message));
		const error = await failure(callMarketplace.call(context(), 'cartona_get_config', { config_id: 9 }));
		expect(error.message).toMatch(expected);
		expect(error.httpCode).toBe(httpCode);
		expect(error.description).toMatch(description);
		expect(scope.isDone()).toBe(true);
	});

	it('logs in again after a login that got no answer, on the retry of a read', async () => {
		const server = await startDroppingServer();
		try {
			const ctx = context({ ...JSON_RPC_CREDENTIALS, url: server.url });
			const error = await failure(callMarketplace.call(ctx, 'cartona_get_config', { config_id: 1 }));
			expect(error.message).toBe('Cannot reach Odoo: connection dropped');
		} finally {
			await server.close();
		}
		const scope = nock(RPC)
			.post('/jsonrpc', (b) => b.params.service === 'common').reply(502, 'Bad Gateway')
			.post('/jsonrpc', (b) => b.params.service === 'common').reply(200, { jsonrpc: '2.0', id: 2, result: 7 })
			.post('/jsonrpc', (b) => b.params.service === 'object').reply(200, { jsonrpc: '2.0', id: 3, result: { id: 1 } });
		await expect(callMarketplace.call(context(), 'cartona_get_config', { config_id: 1 })).resolves.toEqual({ id: 1 });
		expect(scope.isDone()).toBe(true);
	}, 15000);

	it('reads a non-Odoo HTTP answer (wrong URL) as an HTTP error', async () => {
		nock(RPC).post('/jsonrpc').reply(404, '<html>Not Found</html>');
		const error = await failure(callMarketplace.call(context(), 'cartona_get_config', {}));
		expect(error.message).toMatch(/^Odoo answered HTTP 404 without an Odoo error body/);
	});

	it('reads a dropped connection as unreachable (after three retries of a read)', async () => {
		const server = await startDroppingServer();
		try {
			const error = await failure(callMarketplace.call(context({ ...JSON_RPC_CREDENTIALS, url: server.url }), 'cartona_get_config', {}));
			expect(error.message).toBe('Cannot reach Odoo: connection dropped');
			expect(error.description).toMatch(/^ECONNRESET: socket hang up\. Check the Odoo URL/);
			expect(server.connections()).toBe(4);
		} finally {
			await server.close();
		}
	}, 15000);

	it('reports a missing database in the credential without calling Odoo', async () => {
		const error = await failure(callMarketplace.call(context({ ...JSON_RPC_CREDENTIALS, db: '' }), 'cartona_get_config', {}));
		expect(error.message).toMatch(/no database/);
	});
});

describe('JSON-2 transport (Odoo 19.0+)', () => {
	it('posts named arguments to /json/2/<model>/<method> with the bearer key and the database header', async () => {
		const scope = nock(J2, { reqheaders: { authorization: 'bearer api-key-19', 'x-odoo-database': 'cartona19' } })
			.post('/json/2/marketplace.supplier.config/cartona_stock_snapshot', { config_id: 1, offset: 0, limit: 2 })
			.reply(200, { items: [], next_offset: null });
		await expect(
			callMarketplace.call(context(JSON2_CREDENTIALS), 'cartona_stock_snapshot', { config_id: 1, offset: 0, limit: 2 }),
		).resolves.toEqual({ items: [], next_offset: null });
		expect(scope.isDone()).toBe(true);
	});

	it('leaves out X-Odoo-Database when the credential has no database', async () => {
		const scope = nock(J2, { badheaders: ['x-odoo-database'] })
			.post('/json/2/marketplace.supplier.config/cartona_get_config')
			.reply(200, { id: 1 });
		await callMarketplace.call(context({ ...JSON2_CREDENTIALS, db: '' }), 'cartona_get_config', {});
		expect(scope.isDone()).toBe(true);
	});

	it('sends recordset ids as the named "ids" argument', async () => {
		const scope = nock(J2).post('/json/2/res.partner/read', { ids: [3], fields: ['name'] }).reply(200, [{ id: 3, name: 'X' }]);
		const transport = await getOdooTransport.call(context(JSON2_CREDENTIALS));
		await expect(transport.call('res.partner', 'read', [[3]], { fields: ['name'] })).resolves.toEqual([{ id: 3, name: 'X' }]);
		expect(scope.isDone()).toBe(true);
	});

	const statuses: Array<[number, object, RegExp, string]> = [
		[401, { name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey' }, /^Odoo login failed: Invalid apikey$/, '401'],
		[403, { name: 'odoo.exceptions.AccessError', message: 'Only Marketplace Integration users' }, /^Odoo refused access to .*\(AccessError\)/, '403'],
		[404, { name: 'werkzeug.exceptions.NotFound', message: 'The requested URL was not found' }, /^Odoo has no marketplace\.supplier\.config\.cartona_get_config \(NotFound\)/, '404'],
		[422, { name: 'odoo.exceptions.ValidationError', message: 'config_id must be an integer' }, /^Odoo rejected .*\(ValidationError\): config_id must be an integer$/, '422'],
		[422, { name: 'builtins.TypeError', message: 'unexpected keyword argument' }, /^Odoo rejected the arguments of .*\(TypeError\)/, '422'],
		[422, { name: 'werkzeug.exceptions.UnprocessableEntity', message: "missing a required argument: 'domain'" }, /^Odoo rejected the arguments of .*\(UnprocessableEntity\): missing a required argument/, '422'],
		[500, { name: 'builtins.ZeroDivisionError', message: 'division by zero' }, /^Odoo server error on .*\(ZeroDivisionError\): division by zero$/, '500'],
	];
	it.each(statuses)('maps HTTP %s with an Odoo error body', async (status, body, expected, httpCode) => {
		const scope = nock(J2).post('/json/2/marketplace.supplier.config/cartona_get_config').reply(status, body);
		const error = await failure(callMarketplace.call(context(JSON2_CREDENTIALS), 'cartona_get_config', {}));
		expect(error.message).toMatch(expected);
		expect(error.httpCode).toBe(httpCode);
		expect(scope.isDone()).toBe(true);
	});

	it('maps a 401 without a body to a login failure', async () => {
		nock(J2).post('/json/2/marketplace.supplier.config/cartona_get_config').reply(401, '');
		expect((await failure(callMarketplace.call(context(JSON2_CREDENTIALS), 'cartona_get_config', {}))).message).toMatch(/^Odoo login failed/);
	});

	it('retries a read three times on 502/503 without an Odoo body, then reports the HTTP error', async () => {
		const scope = nock(J2).post('/json/2/marketplace.supplier.config/cartona_stock_snapshot').times(4).reply(502, 'Bad Gateway');
		const error = await failure(callMarketplace.call(context(JSON2_CREDENTIALS), 'cartona_stock_snapshot', { config_id: 1 }));
		expect(error.message).toMatch(/^Odoo answered HTTP 502/);
		expect(scope.isDone()).toBe(true);
	}, 15000);

	it('a retried read succeeds when the gateway recovers', async () => {
		const scope = nock(J2)
			.post('/json/2/marketplace.supplier.config/cartona_price_snapshot').reply(503, 'Service Unavailable')
			.post('/json/2/marketplace.supplier.config/cartona_price_snapshot').reply(200, { items: [], next_offset: null });
		await expect(callMarketplace.call(context(JSON2_CREDENTIALS), 'cartona_price_snapshot', { config_id: 1 })).resolves.toEqual({ items: [], next_offset: null });
		expect(scope.isDone()).toBe(true);
	}, 15000);

	it('never replays an acknowledgement, a claim, a mark-synced or a log write that may have run (502)', async () => {
		for (const method of ['cartona_outbox_ack', 'cartona_outbox_claim', 'cartona_mark_synced', 'cartona_write_sync_log']) {
			const scope = nock(J2).post(`/json/2/marketplace.supplier.config/${method}`).once().reply(502, 'Bad Gateway');
			const error = await failure(callMarketplace.call(context(JSON2_CREDENTIALS), method, { config_id: 1 }));
			expect(error.message).toMatch(/^Odoo answered HTTP 502/);
			expect(scope.isDone()).toBe(true);
			expect(nock.pendingMocks()).toEqual([]);
		}
	});

	it('does not retry an Odoo error (422) even for a read', async () => {
		const scope = nock(J2).post('/json/2/marketplace.supplier.config/cartona_stock_snapshot').once().reply(422, { name: 'odoo.exceptions.ValidationError', message: 'limit must be a positive integer' });
		await failure(callMarketplace.call(context(JSON2_CREDENTIALS), 'cartona_stock_snapshot', { config_id: 1, limit: 0 }));
		expect(scope.isDone()).toBe(true);
	});

	it('reads a refused connection as unreachable', async () => {
		const url = await closedPortUrl();
		const error = await failure(callMarketplace.call(context({ ...JSON2_CREDENTIALS, url }), 'cartona_get_config', {}));
		expect(error.message).toBe('Cannot reach Odoo: connection refused');
		expect(error.description).toMatch(/^ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1/);
	}, 15000);
});
