import nock from 'nock';
import type { ICredentialsDecrypted } from 'n8n-workflow';

import { OdooCartonaApi } from '../../../credentials/OdooCartonaApi.credentials';
import { forgetJsonRpcLogins } from '../../../nodes/OdooCartona/transport/jsonRpc';
import { odooCartonaApiTest } from '../../../nodes/OdooCartona/methods/credentialTest';
import { OdooCartona } from '../../../nodes/OdooCartona/OdooCartona.node';
import {
	authenticateRequest,
	closedPortUrl,
	createMockCredentialTestFunctions,
	JSON2_CREDENTIALS,
	JSON_RPC_CREDENTIALS,
} from './mockContexts';
import type { HttpLog } from './mockContexts';

const RPC = 'http://odoo.test';
const J2 = 'http://odoo19.test';

function credential(data = JSON_RPC_CREDENTIALS): ICredentialsDecrypted {
	return { id: '1', name: 'Odoo', type: 'odooCartonaApi', data };
}

const rpcError = (name: string, message: string) => ({ jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error', data: { name, message } } });
const login = (scope: nock.Scope, uid: unknown = 7) => scope.post('/jsonrpc', (b) => b.params.service === 'common').reply(200, { jsonrpc: '2.0', id: 1, result: uid });
const executeKw = (scope: nock.Scope, method: string, reply: object) =>
	scope.post('/jsonrpc', (b) => b.params.service === 'object' && b.params.args[4] === method).reply(200, reply);

async function test(data = JSON_RPC_CREDENTIALS, log?: HttpLog) {
	return await odooCartonaApiTest.call(createMockCredentialTestFunctions(log), credential(data));
}

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
beforeEach(() => forgetJsonRpcLogins());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('OdooCartonaApi credential', () => {
	it('adds the JSON-2 bearer header and no header at all for JSON-RPC', async () => {
		const request = { url: 'http://odoo.test/x', headers: { 'X-Odoo-Database': 'db' } };
		expect((await authenticateRequest(JSON2_CREDENTIALS, request)).headers).toEqual({ 'X-Odoo-Database': 'db', Authorization: 'bearer api-key-19' });
		expect((await authenticateRequest(JSON_RPC_CREDENTIALS, request)).headers).toEqual({ 'X-Odoo-Database': 'db' });
		expect(request.headers).toEqual({ 'X-Odoo-Database': 'db' });
		const cred = new OdooCartonaApi();
		expect(cred.name).toBe('odooCartonaApi');
		for (const secret of ['password', 'webhookSecret']) {
			expect(cred.properties.find((p) => p.name === secret)?.typeOptions?.password).toBe(true);
		}
	});

	it('is tested by the node through testedBy', () => {
		const node = new OdooCartona().getNodeType(1);
		expect(node.description.credentials).toEqual([{ name: 'odooCartonaApi', required: true, testedBy: 'odooCartonaApiTest' }]);
		expect(node.methods?.credentialTest?.odooCartonaApiTest).toBe(odooCartonaApiTest);
	});
});

describe('credential test (JSON-RPC)', () => {
	it('OK: names the config, addon version and series', async () => {
		const scope = nock(RPC);
		login(scope);
		executeKw(scope, 'cartona_get_config', { jsonrpc: '2.0', id: 2, result: { id: 1, name: 'Main', addon_version: '1.0.0', odoo_series: '17.0' } });
		expect(await test()).toEqual({ status: 'OK', message: 'Connected to config "Main", addon 1.0.0, Odoo 17.0' });
		expect(scope.isDone()).toBe(true);
	});

	it('sends no Authorization header (the login is in the body)', async () => {
		const scope = nock(RPC, { badheaders: ['authorization'] });
		login(scope);
		executeKw(scope, 'cartona_get_config', { jsonrpc: '2.0', id: 2, result: { id: 1, name: 'Main' } });
		const log: HttpLog = { requests: [] };
		expect(await test(JSON_RPC_CREDENTIALS, log)).toEqual({ status: 'OK', message: 'Connected to config "Main"' });
		expect(log.requests.map((r) => Object.keys(r.headers))).toEqual([[], []]);
		expect(scope.isDone()).toBe(true);
	});

	it('host unreachable', async () => {
		const url = await closedPortUrl();
		expect(await test({ ...JSON_RPC_CREDENTIALS, url })).toEqual({ status: 'Error', message: `Odoo is unreachable at ${url} (ECONNREFUSED)` });
	});

	it('wrong database', async () => {
		nock(RPC).post('/jsonrpc').reply(200, rpcError('psycopg2.OperationalError', 'FATAL: database "cartona" does not exist'));
		expect(await test()).toEqual({ status: 'Error', message: 'Database "cartona" was not found on this Odoo server' });
	});

	it('bad login', async () => {
		login(nock(RPC), false);
		expect(await test()).toEqual({ status: 'Error', message: 'Login failed: wrong username or password/API key for "n8n" on database "cartona"' });
	});

	it('addon not installed (16.0-18.0 answer a missing model with UserError)', async () => {
		const scope = nock(RPC);
		login(scope);
		executeKw(scope, 'cartona_get_config', rpcError('odoo.exceptions.UserError', 'Object marketplace.supplier.config doesn\'t exist'));
		scope
			.post('/jsonrpc', (b) => b.params.args[3] === 'ir.model' && b.params.args[4] === 'search_count' && JSON.stringify(b.params.args[5]) === '[[["model","=","marketplace.supplier.config"]]]')
			.reply(200, { jsonrpc: '2.0', id: 3, result: 0 });
		expect(await test()).toEqual({ status: 'Error', message: 'The marketplace_integration addon is not installed on database "cartona"' });
		expect(scope.isDone()).toBe(true);
	});

	it('addon too old (method missing)', async () => {
		const scope = nock(RPC);
		login(scope);
		executeKw(scope, 'cartona_get_config', rpcError('builtins.AttributeError', "The method 'marketplace.supplier.config.cartona_get_config' does not exist"));
		expect(await test()).toEqual({ status: 'Error', message: 'The marketplace_integration addon is not installed (or too old) on database "cartona"' });
	});

	it('user lacking the integration group', async () => {
		const scope = nock(RPC);
		login(scope);
		executeKw(scope, 'cartona_get_config', rpcError('odoo.exceptions.AccessError', 'Only Marketplace Integration users may call the Cartona batch API.'));
		expect(await test()).toEqual({
			status: 'Error',
			message: 'The Odoo user lacks the Marketplace Integration group (Odoo said: Only Marketplace Integration users may call the Cartona batch API.)',
		});
	});

	it('several configs: probes the group with config_id 0 and reports OK or the missing group', async () => {
		const several = rpcError('odoo.exceptions.ValidationError', 'Give config_id: 2 active configurations match.');
		let scope = nock(RPC);
		login(scope);
		executeKw(scope, 'cartona_get_config', several);
		scope.post('/jsonrpc', (b) => b.params.args[3] === 'ir.model').reply(200, { jsonrpc: '2.0', id: 3, result: 1 });
		scope.post('/jsonrpc', (b) => b.params.args[4] === 'cartona_get_config' && b.params.args[6].config_id === 0).reply(200, rpcError('odoo.exceptions.ValidationError', 'Unknown marketplace configuration 0'));
		expect(await test()).toEqual({ status: 'OK', message: 'Connected; the addon is installed (Give config_id: 2 active configurations match.)' });
		expect(scope.isDone()).toBe(true);

		scope = nock(RPC);
		login(scope);
		executeKw(scope, 'cartona_get_config', several);
		scope.post('/jsonrpc', (b) => b.params.args[3] === 'ir.model').reply(200, { jsonrpc: '2.0', id: 3, result: 1 });
		scope.post('/jsonrpc', (b) => b.params.args[6].config_id === 0).reply(200, rpcError('odoo.exceptions.AccessError', 'Only Marketplace Integration users may call the Cartona batch API.'));
		expect((await test()).message).toMatch(/^The Odoo user lacks the Marketplace Integration group/);
		expect(scope.isDone()).toBe(true);
	});

	it('checks URL and database before calling Odoo', async () => {
		expect(await test({ ...JSON_RPC_CREDENTIALS, url: 'odoo.test' })).toEqual({ status: 'Error', message: 'The Odoo URL must start with http:// or https://' });
		expect(await test({ ...JSON_RPC_CREDENTIALS, db: '' })).toEqual({ status: 'Error', message: 'JSON-RPC needs the database name: fill in Database' });
	});

	it('a web page instead of the API (wrong URL or protocol)', async () => {
		nock(RPC).post('/jsonrpc').reply(404, '<html></html>');
		expect((await test()).message).toBe(
			`http://odoo.test answered HTTP 404, not Odoo's JSON-RPC API: check the URL, the database "cartona" and the protocol (JSON-RPC for 16.0-18.0, JSON-2 for 19.0+)`,
		);
	});
});

describe('credential test (JSON-2)', () => {
	it('OK, with the bearer key and database header', async () => {
		const log: HttpLog = { requests: [] };
		const scope = nock(J2, { reqheaders: { authorization: 'bearer api-key-19', 'x-odoo-database': 'cartona19' } })
			.post('/json/2/marketplace.supplier.config/cartona_get_config', {})
			.reply(200, { id: 1, name: 'Main', addon_version: '1.0.0', odoo_series: '19.0' });
		expect(await test(JSON2_CREDENTIALS, log)).toEqual({ status: 'OK', message: 'Connected to config "Main", addon 1.0.0, Odoo 19.0' });
		expect(scope.isDone()).toBe(true);
	});

	it('refused key, addon missing, group missing', async () => {
		nock(J2).post('/json/2/marketplace.supplier.config/cartona_get_config').reply(401, { name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey' });
		expect(await test(JSON2_CREDENTIALS)).toEqual({ status: 'Error', message: 'Login failed: the API key was refused' });
		nock(J2).post('/json/2/marketplace.supplier.config/cartona_get_config').reply(404, { name: 'werkzeug.exceptions.NotFound', message: 'not found' });
		expect(await test(JSON2_CREDENTIALS)).toEqual({ status: 'Error', message: 'The marketplace_integration addon is not installed (or too old) on database "cartona19"' });
		nock(J2).post('/json/2/marketplace.supplier.config/cartona_get_config').reply(403, { name: 'odoo.exceptions.AccessError', message: 'Only Marketplace Integration users' });
		expect((await test(JSON2_CREDENTIALS)).message).toBe('The Odoo user lacks the Marketplace Integration group (Odoo said: Only Marketplace Integration users)');
	});
});
