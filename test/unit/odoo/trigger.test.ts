import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { OdooCartonaTrigger } from '../../../nodes/OdooCartona/OdooCartonaTrigger.node';
import { signPing } from '../../../nodes/OdooCartona/trigger/verifySignature';

const SECRET = 'shared-secret';

interface Call {
	body: IDataObject;
	rawBody?: string;
	headers?: Record<string, string>;
	event?: string;
	staticData?: IDataObject;
	secret?: string;
	workflowId?: string;
}

/** Sends one request to the trigger's webhook(); returns what n8n would answer and run. */
async function deliver(call: Call) {
	const raw = Buffer.from(call.rawBody ?? JSON.stringify(call.body));
	const response = { status: 0, json: undefined as unknown };
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		json(payload: unknown) {
			response.json = payload;
			return res;
		},
	};
	const staticData = call.staticData ?? {};
	const ctx = {
		getRequestObject: () => ({ rawBody: raw, body: JSON.parse(raw.toString()) }),
		getResponseObject: () => res,
		getHeaderData: () => Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
		getCredentials: async () => ({ webhookSecret: call.secret ?? SECRET }),
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: call.workflowId ?? 'wf-1', active: true }),
		getNode: () => ({ name: 'Odoo ping' }),
		getNodeParameter: (name: string, fallback: unknown) => (name === 'event' ? call.event ?? 'outbox' : fallback),
		helpers: { returnJsonArray: (data: IDataObject[]) => data.map((json) => ({ json })) },
	} as unknown as IWebhookFunctions;
	const result = await new OdooCartonaTrigger().webhook.call(ctx);
	return { result, response, staticData };
}

const now = () => String(Math.floor(Date.now() / 1000));
let nonceCounter = 0;
const newNonce = () => `${(++nonceCounter).toString(16).padStart(8, '0')}aabbccddeeff00112233`;

function signed(body: IDataObject, overrides: { timestamp?: string; nonce?: string; secret?: string } = {}) {
	const raw = JSON.stringify(body);
	const timestamp = overrides.timestamp ?? now();
	const nonce = overrides.nonce ?? newNonce();
	return {
		body,
		rawBody: raw,
		headers: {
			'X-Cartona-Timestamp': timestamp,
			'X-Cartona-Nonce': nonce,
			'X-Cartona-Signature': signPing(overrides.secret ?? SECRET, timestamp, nonce, Buffer.from(raw)),
		},
	};
}

const ping = { event: 'outbox', config_id: 1, config_name: 'Main', kinds: ['stock', 'price'], pending: 12, sent_at: '2026-11-25T01:00:00Z' };

describe('OdooCartonaTrigger', () => {
	it('accepts a correctly signed ping and emits its JSON', async () => {
		const { result, response } = await deliver(signed(ping));
		expect(response.status).toBe(0);
		expect(result).toEqual({ webhookResponse: { ok: true, received: 'outbox' }, workflowData: [[{ json: ping }]] });
	});

	it('signs over the raw bytes, so a re-serialised body with other spacing still verifies', async () => {
		const raw = '{"event": "outbox",  "config_id": 1, "kinds": ["stock"]}';
		const timestamp = now();
		const nonce = newNonce();
		const { result } = await deliver({
			body: JSON.parse(raw),
			rawBody: raw,
			headers: { 'X-Cartona-Timestamp': timestamp, 'X-Cartona-Nonce': nonce, 'X-Cartona-Signature': signPing(SECRET, timestamp, nonce, Buffer.from(raw)) },
		});
		expect(result.workflowData?.[0][0].json).toEqual({ event: 'outbox', config_id: 1, kinds: ['stock'] });
	});

	const refusals: Array<[string, () => Call, string]> = [
		['a missing signature', () => ({ ...signed(ping), headers: { 'X-Cartona-Timestamp': now(), 'X-Cartona-Nonce': newNonce() } }), 'missing X-Cartona-Signature'],
		['a signature made with another secret', () => signed(ping, { secret: 'guess' }), 'wrong signature'],
		['a tampered body', () => ({ ...signed(ping), rawBody: JSON.stringify({ ...ping, pending: 0 }) }), 'wrong signature'],
		['a stale timestamp (301 s old)', () => signed(ping, { timestamp: String(Math.floor(Date.now() / 1000) - 301) }), 'timestamp is more than 300 s away'],
		['a timestamp from the future', () => signed(ping, { timestamp: String(Math.floor(Date.now() / 1000) + 400) }), 'timestamp is more than 300 s away'],
		['a missing nonce', () => { const s = signed(ping); return { ...s, headers: { ...s.headers, 'X-Cartona-Nonce': '' } }; }, 'missing or malformed X-Cartona-Nonce'],
		['an empty secret in the credential', () => ({ ...signed(ping, { secret: '' }), secret: '' }), 'no webhook secret'],
	];
	it.each(refusals)('refuses %s with 401 and runs nothing', async (_name, make, reason) => {
		const { result, response } = await deliver(make());
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.status).toBe(401);
		expect((response.json as IDataObject).error).toMatch(reason);
	});

	it('refuses a body over the ping limit with 413 before verifying it (a 20 MB body)', async () => {
		const big = { event: 'outbox', config_id: 1, kinds: ['stock'], padding: 'x'.repeat(20 * 1024 * 1024) };
		const { result, response } = await deliver(signed(big));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.status).toBe(413);
		expect((response.json as IDataObject).error).toMatch(/over the 65536-byte limit/);
		const declared = await deliver({ ...signed(ping), headers: { ...signed(ping).headers, 'Content-Length': String(20 * 1024 * 1024) } });
		expect(declared.response.status).toBe(413);
		expect(declared.result.workflowData).toBeUndefined();
	});

	it('refuses a replayed nonce, remembers nonces in static data and forgets old ones', async () => {
		const staticData: IDataObject = { nonces: { old0000000000: Math.floor(Date.now() / 1000) - 10_000 } };
		const first = signed(ping);
		expect((await deliver({ ...first, staticData })).result.workflowData).toBeDefined();
		const replay = await deliver({ ...first, staticData });
		expect(replay.response.status).toBe(401);
		expect((replay.response.json as IDataObject).error).toBe('nonce already used (replayed call)');
		expect(replay.result).toEqual({ noWebhookResponse: true });
		expect(Object.keys(staticData.nonces as IDataObject)).toEqual([first.headers['X-Cartona-Nonce']]);
	});

	it('refuses a replay even when the static data lost the nonce (n8n 2.41 overwrites it after the run)', async () => {
		const first = signed(ping);
		expect((await deliver({ ...first, staticData: {}, workflowId: 'wf-2' })).result.workflowData).toBeDefined();
		const replay = await deliver({ ...first, staticData: {}, workflowId: 'wf-2' });
		expect(replay.response.status).toBe(401);
		const otherWorkflow = await deliver({ ...first, staticData: {}, workflowId: 'wf-3' });
		expect(otherWorkflow.result.workflowData).toBeDefined();
	});

	it('Connection Test mode: accepts only connection_test events', async () => {
		const test = { event: 'connection_test', config_id: 1, config_name: 'Main', internal_supplier_code: 'SUP1', sent_at: 'x' };
		expect((await deliver({ ...signed(test), event: 'connectionTest' })).result.workflowData).toEqual([[{ json: test }]]);
		const wrong = await deliver({ ...signed(ping), event: 'connectionTest' });
		expect(wrong.response.status).toBe(400);
		const crossed = await deliver({ ...signed(test), event: 'outbox' });
		expect(crossed.response.status).toBe(400);
	});

	// A correctly signed body that is not a ping the addon sends: 400 naming the field, nothing runs.
	const malformed: Array<[string, IDataObject, string, RegExp]> = [
		['an unknown event', { ...ping, event: 'teleport' }, 'outbox', /^"event" "teleport" is not expected on this path/],
		['no event', { config_id: 1, kinds: ['stock'] }, 'outbox', /^"event" null is not expected/],
		['config_id "abc"', { ...ping, config_id: 'abc' }, 'outbox', /^"config_id" must be the positive integer id .*got "abc"/],
		['config_id 1.5', { ...ping, config_id: 1.5 }, 'outbox', /^"config_id" .* got 1\.5/],
		['config_id missing', { event: 'outbox', kinds: ['stock'] }, 'outbox', /^"config_id" .* got null/],
		['kinds not a list', { ...ping, kinds: 'stock' }, 'outbox', /^"kinds" must be a list of change kinds, got "stock"/],
		['kinds holding an object', { ...ping, kinds: ['stock', { a: 1 }] }, 'outbox', /^"kinds\[1\]" must be the name of a change kind, got an object/],
		['a connection test with config_id as a list', { event: 'connection_test', config_id: [1] }, 'connectionTest', /^"config_id" .* got a list/],
	];
	it.each(malformed)('refuses a signed ping with %s (400, the field named, no workflow run)', async (_name, body, event, reason) => {
		const { result, response } = await deliver({ ...signed(body), event });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.status).toBe(400);
		expect((response.json as IDataObject).error).toMatch(reason);
	});

	it('accepts the pings the addon really sends (outbox without kinds = every kind; connection test)', async () => {
		for (const [body, event] of [
			[{ event: 'outbox', config_id: 3, config_name: 'B', kinds: ['order_details', 'order_status', 'price', 'stock'], pending: 0, sent_at: 'x' }, 'outbox'],
			[{ event: 'outbox', config_id: 3, kinds: [] }, 'outbox'],
			[{ event: 'outbox', config_id: 3 }, 'outbox'],
			[{ event: 'connection_test', config_id: 1, config_name: 'Main', internal_supplier_code: null, sent_at: 'x' }, 'connectionTest'],
		] as Array<[IDataObject, string]>) {
			const { result, response } = await deliver({ ...signed(body), event });
			expect(response.status).toBe(0);
			expect(result.workflowData).toEqual([[{ json: body }]]);
		}
	});

	it('declares a POST webhook on the configured path with the chosen response mode', () => {
		const { description } = new OdooCartonaTrigger();
		expect(description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{ $parameter["responseMode"] }}',
				responseData: '={{ $parameter["responseMode"] === "lastNode" ? "firstEntryJson" : "" }}',
				path: '={{ $parameter["path"] }}',
				isFullPath: true,
			},
		]);
		const paths = description.properties.filter((p) => p.name === 'path').map((p) => [p.default, p.displayOptions?.show?.event]);
		expect(paths).toEqual([['cartona-odoo-ping', ['outbox']], ['cartona-connection-test', ['connectionTest']]]);
		expect(description.inputs).toEqual([]);
	});
});
