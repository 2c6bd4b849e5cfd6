import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What went wrong on a call to Odoo, independent of the protocol that carried it. */
export type OdooFaultKind =
	| 'unreachable'
	| 'http'
	| 'authentication'
	| 'database'
	| 'access'
	| 'validation'
	| 'badArguments'
	| 'missingMethod'
	| 'missingRecord'
	| 'server';

export interface OdooFault {
	kind: OdooFaultKind;
	/** Odoo's exception class (`odoo.exceptions.AccessError`) or the network error code. */
	name: string;
	message: string;
	/** HTTP status the server answered (JSON-RPC errors arrive as 200). */
	status?: number;
	/** Odoo's traceback: kept for code that needs it, never put into a message or description. */
	debug?: string;
	/** The `Retry-After` header of the answer, as sent. */
	retryAfter?: string;
}

/** Longest Odoo message repeated in an n8n error (Odoo can answer with a whole record dump). */
export const MAX_FAULT_MESSAGE = 500;

function bounded(text: string): string {
	return text.length > MAX_FAULT_MESSAGE ? `${text.slice(0, MAX_FAULT_MESSAGE)}...` : text;
}

/** Odoo exception names (JSON-RPC `error.data.name`, JSON-2 body `name`) and what they mean. */
const KIND_BY_EXCEPTION: Record<string, OdooFaultKind> = {
	'odoo.exceptions.AccessError': 'access',
	'odoo.exceptions.AccessDenied': 'authentication',
	'odoo.exceptions.ValidationError': 'validation',
	'odoo.exceptions.UserError': 'validation',
	'odoo.exceptions.RedirectWarning': 'validation',
	'odoo.exceptions.MissingError': 'missingRecord',
	'builtins.AttributeError': 'missingMethod',
	'builtins.NameError': 'missingMethod',
	'builtins.TypeError': 'badArguments',
	'builtins.ValueError': 'badArguments',
	'psycopg2.OperationalError': 'database',
	'werkzeug.exceptions.NotFound': 'missingMethod',
	'werkzeug.exceptions.Unauthorized': 'authentication',
	'werkzeug.exceptions.Forbidden': 'access',
	// JSON-2 (19.0) answers a wrong or missing argument with 422 UnprocessableEntity.
	'werkzeug.exceptions.UnprocessableEntity': 'badArguments',
};

/** JSON-2 answers errors with real HTTP statuses; these are the documented ones. */
const KIND_BY_STATUS: Record<number, OdooFaultKind> = {
	400: 'badArguments',
	401: 'authentication',
	403: 'access',
	404: 'missingMethod',
	422: 'validation',
};

/** The kind of an Odoo exception, by its class name first, then by the HTTP status. */
export function classifyOdooException(name: string, status?: number): OdooFaultKind {
	const byName = KIND_BY_EXCEPTION[name];
	if (byName) return byName;
	if (status !== undefined && KIND_BY_STATUS[status]) return KIND_BY_STATUS[status];
	return 'server';
}

/** The equivalent HTTP status of each kind, so both protocols report the same code. */
const HTTP_CODE_BY_KIND: Record<OdooFaultKind, string | undefined> = {
	unreachable: undefined,
	http: undefined,
	authentication: '401',
	database: '404',
	access: '403',
	validation: '422',
	badArguments: '422',
	missingMethod: '404',
	missingRecord: '404',
	server: '500',
};

/** Network error codes in words. */
const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection dropped',
	EPIPE: 'connection dropped',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name not found',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
};

function shortName(name: string): string {
	return name.split('.').pop() ?? name;
}

/** One human sentence per kind; `target` is `model.method`. */
export function describeOdooFault(raw: OdooFault, target: string): { message: string; description: string } {
	const fault = { ...raw, message: bounded(raw.message) };
	const exception = shortName(fault.name);
	switch (fault.kind) {
		case 'unreachable':
			// The network code stays out of the message: n8n replaces messages containing one.
			return {
				message: `Cannot reach Odoo: ${NETWORK_REASONS[fault.name] ?? 'no answer'}`,
				description: `${fault.message}. Check the Odoo URL in the credential and that the server is running.`,
			};
		case 'http':
			return {
				message: `Odoo answered HTTP ${fault.status ?? '?'} without an Odoo error body on ${target}`,
				description:
					'Check the Odoo URL and that the protocol fits the Odoo version (JSON-RPC for 16.0-18.0, JSON-2 for 19.0+).',
			};
		case 'authentication':
			return {
				message: `Odoo login failed: ${fault.message}`,
				description: 'Check the username and the password or API key in the credential.',
			};
		case 'database':
			return {
				message: `Odoo database problem: ${fault.message}`,
				description: 'Check the database name in the credential.',
			};
		case 'access':
			return {
				message: `Odoo refused access to ${target} (${exception}): ${fault.message}`,
				description:
					'The Odoo user needs the "Marketplace Integration" group (or Marketplace Manager) of the marketplace_integration addon.',
			};
		case 'validation':
			return {
				message: `Odoo rejected ${target} (${exception}): ${fault.message}`,
				description: 'Odoo refused the data or the call as a whole; the message says why.',
			};
		case 'badArguments':
			return {
				message: `Odoo rejected the arguments of ${target} (${exception}): ${fault.message}`,
				description:
					'The node and the marketplace_integration addon may be at different versions.',
			};
		case 'missingMethod':
			return {
				message: `Odoo has no ${target} (${exception}): ${fault.message}`,
				description:
					'Is the marketplace_integration addon installed (and up to date) on this database?',
			};
		case 'missingRecord':
			return {
				message: `Odoo record not found on ${target} (${exception}): ${fault.message}`,
				description: 'The record was deleted or never existed.',
			};
		case 'server':
		default:
			return {
				message: `Odoo server error on ${target} (${exception}): ${fault.message}`,
				// Odoo's traceback (`debug`) stays in Odoo's log: it names files, paths and data
				// that do not belong in n8n executions or alerts
				description: 'An unexpected error in Odoo; the Odoo server log has the details (search for the message).',
			};
	}
}

/** The NodeApiError a fault becomes: Odoo's exception name and message, a per-kind wording. */
export function toNodeApiError(node: INode, fault: OdooFault, target: string): NodeApiError {
	const { message, description } = describeOdooFault(fault, target);
	return new NodeApiError(
		node,
		{ name: fault.name, message: bounded(fault.message), kind: fault.kind } as JsonObject,
		{
			message,
			description,
			httpCode: HTTP_CODE_BY_KIND[fault.kind] ?? (fault.status ? String(fault.status) : undefined),
		},
	);
}
