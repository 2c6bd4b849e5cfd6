/**
 * The error notification template prints node errors with plain field references and no
 * redaction of its own beyond a last guard (issue 13): a token, API key or password must never be
 * in the message or description of a Cartona or OdooCartona error, thrown (to the error
 * workflow) or output as an error item (Continue On Fail, read by the alert nodes), even when
 * the server echoes it back.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { OdooCartona } from '../../../nodes/OdooCartona/OdooCartona.node';
import { redactSecrets } from '../../../nodes/shared/redactSecrets';
import { runCartona, TEST_BASE_URL } from '../cartona/helpers/createMockExecuteFunctions';
import { createMockExecuteFunctions } from '../odoo/mockContexts';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

const CARTONA_TOKEN = 'c4rt0naT0kenS3cret9911';
const ODOO_KEY = '5f0e7d1c9b8a4e3f2a1b0c9d8e7f6a5b4c3d2e1f';
const OTP = '482913';
const API = new URL(TEST_BASE_URL);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** The text of a thrown node error and of the JSON of any output items. */
async function whatLeavesTheNode(run: () => Promise<INodeExecutionData[]>): Promise<string> {
	try {
		const output = await run();
		return JSON.stringify(output.map((o) => o.json));
	} catch (error) {
		const e = error as { message: string; description?: string };
		return `${e.message}\n${e.description ?? ''}`;
	}
}

function expectNoSecret(text: string, ...secrets: string[]): void {
	expect(text.length).toBeGreaterThan(0);
	for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('Cartona errors never carry the token', () => {
	const echoes: Array<[number, unknown]> = [
		[401, { error: `Invalid token ${CARTONA_TOKEN}` }],
		[422, { error: `AuthorizationToken: ${CARTONA_TOKEN} may not set retailer_otp=${OTP}` }],
		[500, `upstream failed (headers {"AuthorizationToken":"${CARTONA_TOKEN}"})`],
	];

	it.each(echoes)('HTTP %s echoing the token: thrown error and error item are redacted', async (status, body) => {
		for (const continueOnFail of [false, true]) {
			const scope = nock(API.origin).get(`${API.pathname}supplier-product`).query(true).reply(status, body as nock.Body);
			const params = { resource: 'product', operation: 'getAll', returnAll: false, limit: 1, options: { maxRetries: 0 } };
			const text = await whatLeavesTheNode(() =>
				runCartona({ nodeParameters: params, credentials: { environment: 'custom', url: TEST_BASE_URL, token: CARTONA_TOKEN }, continueOnFail }),
			);
			expect(scope.isDone()).toBe(true);
			expectNoSecret(text, CARTONA_TOKEN, OTP);
			expect(text).toMatch(/Cartona/);
			nock.cleanAll();
		}
	});
});

describe('OdooCartona errors never carry the password or API key', () => {
	const run = (credentials: IDataObject, continueOnFail: boolean) => async () => {
		const ctx = createMockExecuteFunctions({
			parameters: { resource: 'config', operation: 'get', configId: 1 },
			credentials: credentials as never,
			continueOnFail,
		});
		const [output] = (await new OdooCartona().getNodeType(1).execute!.call(ctx)) as INodeExecutionData[][];
		return output;
	};

	it('JSON-RPC: an Odoo error whose message and traceback echo the key', async () => {
		const credentials = { url: 'http://odoo.test', db: 'cartona', username: 'n8n', password: ODOO_KEY, protocol: 'jsonRpc' };
		for (const continueOnFail of [false, true]) {
			nock('http://odoo.test')
				.post('/jsonrpc', (b) => b.params.service === 'common')
				.reply(200, { jsonrpc: '2.0', id: 1, result: 7 })
				.post('/jsonrpc', (b) => b.params.service === 'object')
				.reply(200, {
					jsonrpc: '2.0',
					id: 2,
					error: {
						message: 'Odoo Server Error',
						data: { name: 'builtins.KeyError', message: `bad password=${ODOO_KEY}`, debug: `Traceback: execute_kw('cartona', 7, '${ODOO_KEY}', ...)` },
					},
				});
			const text = await whatLeavesTheNode(run(credentials, continueOnFail));
			expectNoSecret(text, ODOO_KEY);
			expect(text).toMatch(/Odoo server error/);
		}
	});

	it('JSON-2: an Odoo error echoing the bearer header', async () => {
		const credentials = { url: 'http://odoo19.test', db: 'cartona19', username: '', password: ODOO_KEY, protocol: 'json2' };
		for (const continueOnFail of [false, true]) {
			nock('http://odoo19.test')
				.post(/\/json\/2\//)
				.reply(422, { name: 'odoo.exceptions.ValidationError', message: `refused Authorization: bearer ${ODOO_KEY}`, arguments: [], context: {}, debug: '' });
			const text = await whatLeavesTheNode(run(credentials, continueOnFail));
			expectNoSecret(text, ODOO_KEY);
			expect(text).toMatch(/Odoo rejected/);
		}
	});
});

test('redactSecrets keeps plain words and removes keys, OTPs, bearer tokens and long tokens', () => {
	expect(redactSecrets('Cartona rejected the token: Invalid token')).toBe('Cartona rejected the token: Invalid token');
	expect(redactSecrets('Item 3 (field "status"): Cartona refused the data')).toBe('Item 3 (field "status"): Cartona refused the data');
	expect(redactSecrets(`retailer_otp=${OTP}, password: hunter2`)).toBe('retailer_otp=[redacted], password: [redacted]');
	expect(redactSecrets(`Authorization: Bearer ${CARTONA_TOKEN}`)).not.toContain(CARTONA_TOKEN);
	expect(redactSecrets(`see ${ODOO_KEY} there`)).toBe('see [redacted] there');
	expect(sleep).toBeDefined();
});
