import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { QUERY, SUPPLIER_CODE_IN_QUERY } from '../schema';
import { toCartonaApiError } from './cartonaApiError';
import type { CartonaConnection } from './connection';
import { CREDENTIAL_TYPE } from './connection';
import type { EncodedPath } from './encodePathSegment';
import { readHttpFailure } from './httpFailure';
import type { RequestGate } from './requestGate';
import type { RetryClass, RetryLimits } from './retryPolicy';
import { nextWaitMs } from './retryPolicy';

/** Per-request timeout; a timeout counts as a broken connection for the retry policy. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface CartonaRequest {
	method: IHttpRequestMethods;
	/** Path relative to the base URL, built by `buildPath` (the one encoder). */
	path: EncodedPath;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Account to act for; empty means none is sent. */
	supplierCode?: string;
	retryClass: RetryClass;
	/** The input item this call serves, for error messages. */
	itemIndex?: number;
}

export interface CartonaCallContext {
	connection: CartonaConnection;
	limits: RetryLimits;
	/** Shared by the requests of one run: concurrency, requests per second, the pause after a 429 (requestGate.ts). */
	gate?: RequestGate;
}

/**
 * One Cartona call with the retry policy of retryPolicy.ts: all HTTP of the node goes through
 * here, through `httpRequestWithAuthentication` (the credential adds the AuthorizationToken header).
 */
export async function cartonaApiRequest(
	this: IExecuteFunctions,
	context: CartonaCallContext,
	request: CartonaRequest,
): Promise<unknown> {
	const qs: IDataObject = { ...(request.qs ?? {}) };
	if (SUPPLIER_CODE_IN_QUERY && request.supplierCode) qs[QUERY.internalSupplierCode] = request.supplierCode;
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: context.connection.baseUrl,
		url: `/${request.path}`,
		qs,
		json: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (request.body !== undefined) options.body = request.body;

	let waitedMs = 0;
	/** The end of the shared pause this request's own 429 set (it sleeps through that itself). */
	let pausedUntil = 0;
	for (let attempt = 0; ; attempt++) {
		let error: unknown;
		const release = context.gate ? await context.gate.acquire(pausedUntil) : undefined;
		try {
			return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);
		} catch (caught) {
			error = caught;
		} finally {
			release?.();
		}
		// Not an HTTP failure (e.g. no credential): passed on unchanged.
		if (error instanceof NodeOperationError) throw error;
		const failure = readHttpFailure(error);
		const wait = nextWaitMs(failure, request.retryClass, attempt, waitedMs, context.limits);
		if (wait === undefined) {
			throw toCartonaApiError(this.getNode(), failure, {
				method: request.method,
				path: request.path,
				retryClass: request.retryClass,
				attempts: attempt + 1,
				itemIndex: request.itemIndex,
			});
		}
		waitedMs += wait;
		// Cartona is rate limiting this client: every request not yet sent waits as well.
		if (failure.status === 429 && context.gate) pausedUntil = context.gate.pauseFor(wait);
		await sleep(wait);
	}
}
