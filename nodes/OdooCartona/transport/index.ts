import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { toNodeApiError } from './fault';
import { Json2Backend } from './json2';
import { JsonRpcBackend } from './jsonRpc';
import { callWithRetry } from './retryPolicy';
import type { HttpSend, OdooBackend, OdooConnection, OdooHttpRequest, OdooHttpResponse } from './types';

export type { OdooFault, OdooFaultKind } from './fault';
export { describeOdooFault } from './fault';
export type { HttpSend, OdooBackend, OdooConnection, OdooOutcome } from './types';

/** The model that carries every method of the marketplace_integration batch API. */
export const MARKETPLACE_MODEL = 'marketplace.supplier.config';

/** What operations see: one call, whatever the protocol; failures throw NodeApiError. */
export interface OdooTransport {
	call(model: string, method: string, args: unknown[], kwargs: IDataObject): Promise<unknown>;
}

/** The credential's fields, URL trimmed of trailing slashes. */
export function readConnection(credentials: ICredentialDataDecryptedObject): OdooConnection {
	return {
		url: String(credentials.url ?? '').trim().replace(/\/+$/, ''),
		db: String(credentials.db ?? '').trim(),
		username: String(credentials.username ?? ''),
		password: String(credentials.password ?? ''),
		protocol: credentials.protocol === 'json2' ? 'json2' : 'jsonRpc',
	};
}

/** `reuseLogins: false` (the credential test) always logs in, so it proves the login works. */
export function createBackend(connection: OdooConnection, send: HttpSend, options: { reuseLogins?: boolean } = {}): OdooBackend {
	return connection.protocol === 'json2'
		? new Json2Backend(connection, send)
		: new JsonRpcBackend(connection, send, options.reuseLogins ?? true);
}

interface NetworkErrorShape {
	code?: string;
	message?: string;
	cause?: { code?: string; message?: string };
}

/** A network failure (no HTTP answer) as `{code, message}`. */
export function describeNetworkError(error: unknown): { code: string; message: string } {
	const shape = (error ?? {}) as NetworkErrorShape;
	const code = shape.code ?? shape.cause?.code ?? 'NETWORK_ERROR';
	return { code, message: `${code}: ${shape.message ?? shape.cause?.message ?? 'no answer'}` };
}

/** Header names in lower case, values as text (an array header keeps its first value). */
export function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		const first = Array.isArray(value) ? value[0] : value;
		if (first !== undefined && first !== null) result[name.toLowerCase()] = String(first);
	}
	return result;
}

function executeSend(context: IExecuteFunctions): HttpSend {
	return async (request: OdooHttpRequest): Promise<OdooHttpResponse> => {
		const options: IHttpRequestOptions = {
			method: 'POST',
			url: request.url,
			headers: request.headers,
			body: request.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				'odooCartonaApi',
				options,
			)) as { statusCode: number; body: unknown; headers?: Record<string, unknown> };
			return { statusCode: response.statusCode, body: response.body, headers: lowerCaseHeaders(response.headers) };
		} catch (error) {
			return { statusCode: 0, body: undefined, networkError: describeNetworkError(error) };
		}
	};
}

/** One client per execution context: JSON-RPC logs in once per node execution. */
const clients = new WeakMap<IExecuteFunctions, Promise<OdooTransport>>();

async function createTransport(context: IExecuteFunctions): Promise<OdooTransport> {
	const connection = readConnection(await context.getCredentials('odooCartonaApi'));
	const backend = createBackend(connection, executeSend(context));
	return {
		async call(model, method, args, kwargs) {
			const outcome = await callWithRetry(backend, model, method, args, kwargs);
			if (!outcome.ok) throw toNodeApiError(context.getNode(), outcome.fault, `${model}.${method}`);
			return outcome.result;
		},
	};
}

export async function getOdooTransport(this: IExecuteFunctions): Promise<OdooTransport> {
	let client = clients.get(this);
	if (!client) {
		client = createTransport(this);
		clients.set(this, client);
	}
	return await client;
}

/** Calls one method of the batch API with named arguments (docs/odoo-batch-api.md). */
export async function callMarketplace(
	this: IExecuteFunctions,
	method: string,
	kwargs: IDataObject,
): Promise<unknown> {
	const transport = await getOdooTransport.call(this);
	return await transport.call(MARKETPLACE_MODEL, method, [], kwargs);
}
