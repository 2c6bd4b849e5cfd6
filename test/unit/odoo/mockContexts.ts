/**
 * Small stand-ins for n8n's execution contexts (after marcfargas/n8n-nodes-odoo's
 * mockExecuteFunctions): parameters per item, credentials, Continue On Fail, and an HTTP helper
 * that really sends (to nock) with the credential's `authenticate` applied.
 */
import http from 'http';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { OdooCartonaApi } from '../../../credentials/OdooCartonaApi.credentials';

export const NODE: INode = {
	id: 'node-1',
	name: 'Odoo Cartona',
	type: 'n8n-nodes-cartona.odooCartona',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The request options after the credential's `authenticate`, as n8n applies it (a function). */
export async function authenticateRequest(
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return await new OdooCartonaApi().authenticate(credentials, { ...request, headers: { ...(request.headers ?? {}) } });
}

export interface HttpLog {
	requests: Array<{ url: string; body: unknown; headers: Record<string, string> }>;
}

interface PlainResponse {
	status: number;
	data: unknown;
	headers: Record<string, unknown>;
}

/**
 * POSTs JSON with Node's http (which nock intercepts). Error listeners sit on the request and on
 * its socket: nock 14 may emit a dropped connection's error on the socket after the request failed.
 */
export function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<PlainResponse> {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? '' : JSON.stringify(body);
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers } },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('error', reject);
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let data: unknown = text;
					try {
						data = text ? JSON.parse(text) : undefined;
					} catch {
						// not JSON: keep the text, as n8n does
					}
					resolve({ status: response.statusCode ?? 0, data, headers: { ...response.headers } });
				});
			},
		);
		request.on('socket', (socket) => socket.on('error', () => undefined));
		request.on('error', reject);
		request.end(payload);
	});
}

/** n8n's httpRequest semantics for the options the transport uses (json, full response, no throw on status). */
async function sendLikeN8n(options: IHttpRequestOptions, log: HttpLog) {
	const headers = { ...(options.headers as Record<string, string>) };
	log.requests.push({ url: options.url, body: options.body, headers });
	const response = await postJson(options.url, options.body, headers);
	if (!options.ignoreHttpStatusErrors && response.status >= 400) throw new Error(`HTTP ${response.status}`);
	return options.returnFullResponse
		? { statusCode: response.status, body: response.data, headers: response.headers }
		: response.data;
}

export type ParameterValue = unknown | ((i: number) => unknown);

export interface MockExecuteOptions {
	parameters: Record<string, ParameterValue>;
	credentials?: ICredentialDataDecryptedObject;
	inputData?: INodeExecutionData[];
	continueOnFail?: boolean;
	log?: HttpLog;
}

function readPath(source: Record<string, unknown>, path: string): unknown {
	const [head, ...rest] = path.split('.');
	let value: unknown = source[head];
	for (const key of rest) {
		if (value === undefined || value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

export function createMockExecuteFunctions(options: MockExecuteOptions): IExecuteFunctions {
	const log = options.log ?? { requests: [] };
	const credentials = options.credentials ?? {};
	const items = options.inputData ?? [{ json: {} }];
	const context = {
		getInputData: () => items,
		getNode: () => NODE,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async () => credentials,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			const [head] = name.split('.');
			let raw = options.parameters[head];
			if (typeof raw === 'function') raw = (raw as (i: number) => unknown)(itemIndex);
			const value = name.includes('.') ? readPath({ [head]: raw }, name) : raw;
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`parameter ${name} not set in the test`);
			}
			return value;
		},
		helpers: {
			async httpRequestWithAuthentication(credentialType: string, request: IHttpRequestOptions) {
				if (credentialType !== 'odooCartonaApi') throw new Error(`unexpected credential ${credentialType}`);
				return await sendLikeN8n(await authenticateRequest(credentials, request), log);
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return context as unknown as IExecuteFunctions;
}

/** The credential test context: only `helpers.request` (request-promise style options). */
export function createMockCredentialTestFunctions(log: HttpLog = { requests: [] }): ICredentialTestFunctions {
	return {
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			async request(options: { method: string; uri: string; body: unknown; headers: Record<string, string>; simple?: boolean; resolveWithFullResponse?: boolean }) {
				log.requests.push({ url: options.uri, body: options.body, headers: options.headers });
				const response = await postJson(options.uri, options.body, options.headers);
				if (options.simple !== false && response.status >= 400) throw new Error(`HTTP ${response.status}`);
				return options.resolveWithFullResponse ? { statusCode: response.status, body: response.data } : response.data;
			},
		},
	} as unknown as ICredentialTestFunctions;
}

export const JSON_RPC_CREDENTIALS: ICredentialDataDecryptedObject = {
	url: 'http://odoo.test/',
	db: 'cartona',
	username: 'n8n',
	password: 'secret-key',
	protocol: 'jsonRpc',
	webhookSecret: 'shared-secret',
};

export const JSON2_CREDENTIALS: ICredentialDataDecryptedObject = {
	url: 'http://odoo19.test',
	db: 'cartona19',
	username: '',
	password: 'api-key-19',
	protocol: 'json2',
	webhookSecret: 'shared-secret',
};

/**
 * A real local server that accepts connections and drops them at once (a dropped connection),
 * and the URL of a closed port (connection refused). nock must let 127.0.0.1 through.
 */
export async function startDroppingServer(): Promise<{ url: string; close: () => Promise<void>; connections: () => number }> {
	const net = await import('net');
	let connections = 0;
	const server = net.createServer((socket) => {
		connections++;
		socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
		connections: () => connections,
	};
}

/** A port nothing listens on: bind, read the port, close. */
export async function closedPortUrl(): Promise<string> {
	const { url, close } = await startDroppingServer();
	await close();
	return url;
}
