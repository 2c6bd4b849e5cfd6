import type { IDataObject } from 'n8n-workflow';

import type { OdooFault } from './fault';

/** The credential fields the transport needs (URL without trailing slash). */
export interface OdooConnection {
	url: string;
	db: string;
	username: string;
	password: string;
	protocol: 'jsonRpc' | 'json2';
}

export interface OdooHttpRequest {
	url: string;
	headers: Record<string, string>;
	body: IDataObject;
}

export interface OdooHttpResponse {
	statusCode: number;
	body: unknown;
	/** Response headers, names in lower case (only `retry-after` is read). */
	headers?: Record<string, string>;
	/** Set when no HTTP answer came back (refused, reset, DNS, timeout). */
	networkError?: { code: string; message: string };
}

/** Posts one JSON request; never throws (network failures come back as `networkError`). */
export type HttpSend = (request: OdooHttpRequest) => Promise<OdooHttpResponse>;

export type OdooOutcome = { ok: true; result: unknown } | { ok: false; fault: OdooFault };

/** One protocol: JSON-RPC or JSON-2. Never throws; failures are faults. */
export interface OdooBackend {
	call(model: string, method: string, args: unknown[], kwargs: IDataObject): Promise<OdooOutcome>;
}
