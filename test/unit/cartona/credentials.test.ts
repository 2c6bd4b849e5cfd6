import nock from 'nock';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { CartonaApi } from '../../../credentials/CartonaApi.credentials';
import { CARTONA_BASE_URLS } from '../../../nodes/Cartona/schema';
import { evaluate } from './helpers/expressions';
import { sendHttpRequest } from './helpers/sendHttpRequest';

const credential = new CartonaApi();

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Runs the credential's test.request the way n8n does: expressions resolved, authenticate applied. */
async function runCredentialTest(credentials: IDataObject): Promise<{ ok: boolean; message?: string }> {
	const request = credential.test.request;
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(credential.authenticate.properties.headers ?? {})) {
		headers[name] = String(evaluate(value, { credentials }));
	}
	try {
		const options: IHttpRequestOptions = {
			method: request.method,
			qs: request.qs,
			baseURL: String(evaluate(request.baseURL, { credentials })),
			url: request.url ?? '',
		};
		await sendHttpRequest(options, headers);
		return { ok: true };
	} catch (error) {
		const status = (error as { response?: { status: number } }).response?.status;
		const rule = (credential.test.rules ?? []).find(
			(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
		);
		return { ok: false, message: rule ? rule.properties.message : (error as Error).message };
	}
}

it('is named cartonaApi, keeps the token secret and offers the three environments', () => {
	expect(credential.name).toBe('cartonaApi');
	const token = credential.properties.find((property) => property.name === 'token');
	expect(token?.typeOptions?.password).toBe(true);
	const environment = credential.properties.find((property) => property.name === 'environment');
	expect((environment?.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
		'production',
		'staging',
		'custom',
	]);
	const url = credential.properties.find((property) => property.name === 'url');
	expect(url?.displayOptions?.show?.environment).toEqual(['custom']);
	expect(credential.properties.find((property) => property.name === 'internalSupplierCode')?.default).toBe('');
});

it('authenticates with the AuthorizationToken header built from the token', () => {
	expect(credential.authenticate).toEqual({
		type: 'generic',
		properties: { headers: { AuthorizationToken: '={{$credentials.token}}' } },
	});
	expect(evaluate(credential.authenticate.properties.headers?.AuthorizationToken, { credentials: { token: 's3cret' } })).toBe(
		's3cret',
	);
});

it.each([
	['production', {}, CARTONA_BASE_URLS.production],
	['staging', {}, CARTONA_BASE_URLS.staging],
	['custom', { url: 'http://127.0.0.1:4010/api/v1/' }, 'http://127.0.0.1:4010/api/v1/'],
	['custom', { url: 'http://127.0.0.1:4010/api/v1' }, 'http://127.0.0.1:4010/api/v1/'],
])('the credential test makes one cheap authenticated call (%s)', async (environment, extra, base) => {
	const scope = nock(new URL(base).origin, { reqheaders: { AuthorizationToken: 'good-token' } })
		.get(`${new URL(base).pathname}supplier-product`)
		.query({ page: '1', per_page: '1' })
		.reply(200, [{ internal_product_id: '1' }]);
	expect(await runCredentialTest({ environment, token: 'good-token', ...extra })).toEqual({ ok: true });
	expect(scope.isDone()).toBe(true);
});

it.each([400, 401])('a %i answer says in plain words that the token was rejected', async (status) => {
	const scope = nock('https://supplier-integrations.cartona.com')
		.get('/api/v1/supplier-product')
		.query(true)
		.reply(status, { error: 'Invalid token' });
	const result = await runCredentialTest({ environment: 'production', token: 'bad-token' });
	expect(scope.isDone()).toBe(true);
	expect(result).toEqual({
		ok: false,
		message: 'Cartona rejected the token. Check that it is complete and belongs to this environment.',
	});
});
