import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { createBackend, MARKETPLACE_MODEL, readConnection } from '../transport';
import type { OdooBackend, OdooConnection, OdooFault } from '../transport';
import { credentialTestSend } from '../transport/credentialTestSend';

function fail(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

/** Whether the addon's model exists (asked only after cartona_get_config failed). */
async function addonModelExists(backend: OdooBackend): Promise<boolean | undefined> {
	const outcome = await backend.call('ir.model', 'search_count', [[['model', '=', MARKETPLACE_MODEL]]], {});
	if (!outcome.ok) return undefined;
	return typeof outcome.result === 'number' ? outcome.result > 0 : undefined;
}

/** One short sentence per failure kind. */
async function explainFault(
	fault: OdooFault,
	connection: OdooConnection,
	backend: OdooBackend,
): Promise<INodeCredentialTestResult> {
	const database = connection.db ? `database "${connection.db}"` : 'the default database';
	switch (fault.kind) {
		case 'unreachable':
			return fail(`Odoo is unreachable at ${connection.url} (${fault.name})`);
		case 'http':
			return fail(
				`${connection.url} answered ${fault.name}, not Odoo's ${connection.protocol === 'json2' ? 'JSON-2' : 'JSON-RPC'} API: check the URL${connection.db ? `, the database "${connection.db}"` : ''} and the protocol (JSON-RPC for 16.0-18.0, JSON-2 for 19.0+)`,
			);
		case 'database':
			return fail(
				connection.db
					? `Database "${connection.db}" was not found on this Odoo server`
					: 'JSON-RPC needs the database name: fill in Database',
			);
		case 'authentication':
			return fail(
				connection.protocol === 'json2'
					? 'Login failed: the API key was refused'
					: `Login failed: wrong username or password/API key for "${connection.username}" on ${database}`,
			);
		case 'access':
			return fail(
				`The Odoo user lacks the Marketplace Integration group (Odoo said: ${fault.message})`,
			);
		case 'missingMethod':
			return fail(`The marketplace_integration addon is not installed (or too old) on ${database}`);
		case 'validation': {
			// No single config to show (ValidationError), or, on 16.0-18.0, no such model (UserError).
			const exists = await addonModelExists(backend);
			if (exists === false) return fail(`The marketplace_integration addon is not installed on ${database}`);
			// config_id 0 names no config: the addon checks the caller's group first (AccessError),
			// then refuses the unknown config (ValidationError).
			const probe = await backend.call(MARKETPLACE_MODEL, 'cartona_get_config', [], { config_id: 0 });
			if (!probe.ok && probe.fault.kind === 'access') {
				return fail(`The Odoo user lacks the Marketplace Integration group (Odoo said: ${probe.fault.message})`);
			}
			if (!probe.ok && probe.fault.kind !== 'validation') return fail(`Odoo error (${probe.fault.name}): ${probe.fault.message}`);
			return { status: 'OK', message: `Connected; the addon is installed (${fault.message})` };
		}
		default:
			return fail(`Odoo error (${fault.name}): ${fault.message}`);
	}
}

/**
 * Tests an OdooCartonaApi credential by calling `cartona_get_config` (the addon installed and the
 * user in its group). Returns `{status, message}` and never throws.
 */
export async function odooCartonaApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const connection = readConnection(credential.data ?? {});
	if (!/^https?:\/\/[^/]+/i.test(connection.url)) {
		return fail('The Odoo URL must start with http:// or https://');
	}
	if (connection.protocol === 'jsonRpc' && !connection.db) {
		return fail('JSON-RPC needs the database name: fill in Database');
	}
	try {
		const backend = createBackend(connection, credentialTestSend(this, connection), { reuseLogins: false });
		const outcome = await backend.call(MARKETPLACE_MODEL, 'cartona_get_config', [], {});
		if (!outcome.ok) return await explainFault(outcome.fault, connection, backend);
		const config = (outcome.result ?? {}) as IDataObject;
		const version = config.addon_version ? `, addon ${String(config.addon_version)}` : '';
		const series = config.odoo_series ? `, Odoo ${String(config.odoo_series)}` : '';
		return { status: 'OK', message: `Connected to config "${String(config.name ?? config.id ?? '?')}"${version}${series}` };
	} catch (error) {
		return fail(`Unexpected error: ${(error as Error).message}`);
	}
}
