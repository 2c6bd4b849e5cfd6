import type { IDataObject } from 'n8n-workflow';

import { classifyOdooException } from './fault';
import type { HttpSend, OdooBackend, OdooConnection, OdooOutcome } from './types';

/**
 * Odoo 19.0+ external API: `POST <url>/json/2/<model>/<method>` with named arguments only,
 * the API key as bearer (added by the credential), optional `X-Odoo-Database`.
 * Success is 200 with the bare value; errors are 4xx/5xx with `{name, message, debug}`.
 */
export class Json2Backend implements OdooBackend {
	constructor(
		private readonly connection: OdooConnection,
		private readonly send: HttpSend,
	) {}

	async call(model: string, method: string, args: unknown[], kwargs: IDataObject): Promise<OdooOutcome> {
		if (args.length > 1 || (args.length === 1 && !Array.isArray(args[0]))) {
			return {
				ok: false,
				fault: { kind: 'badArguments', name: 'PositionalArguments', message: 'JSON-2 takes named arguments only' },
			};
		}
		const body: IDataObject = args.length === 1 ? { ids: args[0] as number[], ...kwargs } : { ...kwargs };
		const headers: Record<string, string> = {};
		if (this.connection.db) headers['X-Odoo-Database'] = this.connection.db;
		const response = await this.send({
			url: `${this.connection.url}/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`,
			headers,
			body,
		});
		if (response.networkError) {
			return { ok: false, fault: { kind: 'unreachable', name: response.networkError.code, message: response.networkError.message } };
		}
		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return { ok: true, result: response.body ?? null };
		const error = (response.body && typeof response.body === 'object' ? response.body : {}) as {
			name?: string;
			message?: string;
			debug?: string;
		};
		if (!error.name && !error.message) {
			return {
				ok: false,
				fault: {
					kind: statusCode === 401 ? 'authentication' : 'http',
					name: `HTTP ${statusCode}`,
					message: `HTTP ${statusCode}`,
					status: statusCode,
					retryAfter: response.headers?.['retry-after'],
				},
			};
		}
		const name = error.name ?? `HTTP ${statusCode}`;
		return {
			ok: false,
			fault: {
				kind: classifyOdooException(name, statusCode),
				name,
				message: error.message ?? `HTTP ${statusCode}`,
				status: statusCode,
				debug: error.debug,
			},
		};
	}
}
