import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { classifyOdooException } from './fault';
import type { OdooFault } from './fault';
import type { HttpSend, OdooBackend, OdooConnection, OdooOutcome } from './types';

interface JsonRpcError {
	message?: string;
	data?: { name?: string; message?: string; debug?: string };
}

/**
 * uids from earlier executions in this n8n process, by url, database, login and a hash of the
 * password or key (never the secret itself). `common.login` verifies an API key with a slow
 * password hash (about 0.4-0.7 s on a small server) while `execute_kw` checks the same key
 * against Odoo's own cache, so a workflow of several Odoo steps, run on every ping, logs in once
 * per process instead of once per step. A cached uid that Odoo refuses is dropped and the login
 * is done again, once.
 */
const knownUids = new Map<string, number>();

/** Forgets every cached uid (tests; a changed credential has another key anyway). */
export function forgetJsonRpcLogins(): void {
	knownUids.clear();
}

/**
 * Odoo 16.0-18.0 external API: `POST <url>/jsonrpc`, `common.login` once, then
 * `object.execute_kw`. Errors arrive as HTTP 200 with `error.data.name`.
 */
export class JsonRpcBackend implements OdooBackend {
	private nextId = 1;

	private login?: Promise<OdooOutcome>;

	constructor(
		private readonly connection: OdooConnection,
		private readonly send: HttpSend,
		private readonly reuseLogins = true,
	) {}

	async call(model: string, method: string, args: unknown[], kwargs: IDataObject): Promise<OdooOutcome> {
		const cached = this.reuseLogins && this.login === undefined && knownUids.get(this.cacheKey());
		const login = await this.authenticate();
		if (!login.ok) return login;
		const { db, password } = this.connection;
		const outcome = await this.rpc('object', 'execute_kw', [db, login.result, password, model, method, args, kwargs]);
		if (cached && !outcome.ok && outcome.fault.kind === 'authentication') {
			// the key was revoked or the user changed since that login: log in again, once
			knownUids.delete(this.cacheKey());
			this.login = undefined;
			return await this.call(model, method, args, kwargs);
		}
		return outcome;
	}

	/** Logs in on the first call only; the uid (or the failure) is reused for the client's life. */
	async authenticate(): Promise<OdooOutcome> {
		const known = this.reuseLogins && this.login === undefined ? knownUids.get(this.cacheKey()) : undefined;
		if (known !== undefined) this.login = Promise.resolve({ ok: true, result: known });
		if (!this.login) this.login = this.loginOnce();
		const outcome = await this.login;
		// A login that got no Odoo answer is tried again on the next call.
		if (!outcome.ok && (outcome.fault.kind === 'unreachable' || outcome.fault.kind === 'http')) this.login = undefined;
		return outcome;
	}

	private async loginOnce(): Promise<OdooOutcome> {
		const { db, username, password } = this.connection;
		if (!db) {
			return failure({ kind: 'database', name: 'MissingDatabase', message: 'the credential names no database (JSON-RPC needs one)' });
		}
		const outcome = await this.rpc('common', 'login', [db, username, password]);
		if (!outcome.ok) return outcome;
		if (typeof outcome.result !== 'number' || outcome.result <= 0) {
			return failure({
				kind: 'authentication',
				name: 'odoo.exceptions.AccessDenied',
				message: `wrong login or password/API key for "${username}" on database "${db}"`,
			});
		}
		if (this.reuseLogins) knownUids.set(this.cacheKey(), outcome.result);
		return outcome;
	}

	private cacheKey(): string {
		const { url, db, username, password } = this.connection;
		const secret = createHash('sha256').update(password ?? '').digest('hex');
		return `${url}\n${db}\n${username}\n${secret}`;
	}

	private async rpc(service: string, method: string, args: unknown[]): Promise<OdooOutcome> {
		const response = await this.send({
			url: `${this.connection.url}/jsonrpc`,
			headers: {},
			body: { jsonrpc: '2.0', method: 'call', id: this.nextId++, params: { service, method, args } },
		});
		if (response.networkError) {
			return failure({ kind: 'unreachable', name: response.networkError.code, message: response.networkError.message });
		}
		const body = response.body as { result?: unknown; error?: JsonRpcError } | undefined;
		if (response.statusCode !== 200 || !body || typeof body !== 'object') {
			return failure({
				kind: 'http',
				name: `HTTP ${response.statusCode}`,
				message: `HTTP ${response.statusCode}`,
				status: response.statusCode,
				retryAfter: response.headers?.['retry-after'],
			});
		}
		if (body.error) {
			const name = body.error.data?.name ?? 'odoo.exceptions.UnknownError';
			return failure({
				kind: classifyOdooException(name),
				name,
				message: body.error.data?.message ?? body.error.message ?? 'unknown error',
				status: response.statusCode,
				debug: body.error.data?.debug,
			});
		}
		if (!('result' in body) && !('id' in body)) {
			return failure({ kind: 'http', name: 'HTTP 200', message: 'not a JSON-RPC answer', status: 200 });
		}
		// A method returning None gives an answer without "result".
		return { ok: true, result: body.result ?? null };
	}
}

function failure(fault: OdooFault): OdooOutcome {
	return { ok: false, fault };
}
