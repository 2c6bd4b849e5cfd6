/**
 * The real Odoo the integration tier runs against: `ODOO_TEST_ENV` names a JSON file
 * `{"series","url","db","login","password","apiKey","configId","protocol"}` written by
 * scripts/odoo/run-tests.sh (or serve.sh). Helpers run the node's operations through the real
 * transport and count the HTTP requests each execution makes.
 */
import { readFileSync } from 'fs';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OdooCartona } from '../../nodes/OdooCartona/OdooCartona.node';
import { getOdooTransport } from '../../nodes/OdooCartona/transport';

import type { HttpLog, ParameterValue } from '../unit/odoo/mockContexts';
import { createMockExecuteFunctions } from '../unit/odoo/mockContexts';

/** The node type that runs: the current version of a VersionedNodeType, or the node itself. */
function currentVersionOf(node: object): { execute?: (this: unknown) => Promise<any> } {
	const versioned = node as { getNodeType?: (version?: number) => unknown };
	return (typeof versioned.getNodeType === 'function' ? versioned.getNodeType() : node) as { execute?: (this: unknown) => Promise<any> };
}

export interface OdooTestEnvironment {
	series: string;
	url: string;
	db: string;
	login: string;
	password: string;
	apiKey?: string;
	configId: number;
	protocol?: 'jsonRpc' | 'json2';
	/** An admin login for fixtures (products, stock, confirming orders); else login/apiKey. */
	fixtureLogin?: string;
	fixtureApiKey?: string;
}

export function loadOdooEnvironment(): OdooTestEnvironment | undefined {
	const path = process.env.ODOO_TEST_ENV;
	if (!path) return undefined;
	return JSON.parse(readFileSync(path, 'utf8')) as OdooTestEnvironment;
}

export function credentialsOf(env: OdooTestEnvironment): ICredentialDataDecryptedObject {
	const protocol = env.protocol ?? (Number.parseFloat(env.series) >= 19 ? 'json2' : 'jsonRpc');
	return {
		url: env.url,
		db: env.db,
		username: env.login,
		password: env.apiKey || env.password,
		protocol,
		webhookSecret: '',
	};
}

export interface NodeRun {
	output: INodeExecutionData[];
	/** HTTP requests this execution sent to Odoo (a JSON-RPC login included). */
	requests: number;
	/** Of those, calls of a model method (the login left out). */
	calls: number;
}

/** Runs the OdooCartona node once (one execution context) with these parameters and items. */
export async function runNode(
	env: OdooTestEnvironment,
	parameters: Record<string, ParameterValue>,
	inputData: INodeExecutionData[] = [{ json: {} }],
	continueOnFail = false,
): Promise<NodeRun> {
	const log: HttpLog = { requests: [] };
	const ctx = createMockExecuteFunctions({
		parameters: { configId: env.configId, ...parameters },
		credentials: credentialsOf(env),
		inputData,
		continueOnFail,
		log,
	});
	const [output] = await currentVersionOf(new OdooCartona()).execute!.call(ctx);
	const logins = log.requests.filter((request) => (request.body as IDataObject)?.params && ((request.body as IDataObject).params as IDataObject).service === 'common').length;
	return { output, requests: log.requests.length, calls: log.requests.length - logins };
}

/**
 * Plain ORM calls for fixtures (products, stock, confirming orders). Positional `args` may only
 * be `[ids]` (JSON-2 sends it as `ids`); everything else goes by name (`vals_list`, `domain`).
 */
export async function orm(
	env: OdooTestEnvironment,
	model: string,
	method: string,
	args: unknown[],
	kwargs: IDataObject = {},
): Promise<any> {
	const credentials = env.fixtureLogin && env.fixtureApiKey
		? { ...credentialsOf(env), username: env.fixtureLogin, password: env.fixtureApiKey }
		: credentialsOf(env);
	const ctx = createMockExecuteFunctions({ parameters: {}, credentials });
	const transport = await getOdooTransport.call(ctx);
	// JSON-RPC's create (16.0-18.0) reads its values positionally only; JSON-2 only by name.
	if (credentials.protocol === 'jsonRpc' && method === 'create' && kwargs.vals_list) {
		const { vals_list: valsList, ...rest } = kwargs;
		return await transport.call(model, method, [valsList], rest);
	}
	return await transport.call(model, method, args, kwargs);
}

/** Values making a storable product on this series (16/17: detailed_type; 18+: is_storable). */
export function storableProductValues(series: string): IDataObject {
	return Number.parseFloat(series) >= 18 ? { type: 'consu', is_storable: true } : { detailed_type: 'product' };
}

/** A pulled Cartona order as the contract shows it, for two mapped products. */
export function cartonaOrder(hashedId: string, retailerCode: string, cartonaIds: string[], lineBase: number): IDataObject {
	return {
		hashed_id: hashedId,
		receipt_id: `R-${hashedId}`,
		created_at: '2026-11-20T10:00:00Z',
		supplier_code: '2',
		status: 'pending',
		edited_by_admin: false,
		delivered_by: 'delivered_by_supplier',
		delivery_day: null,
		estimated_delivery_day: '2026-11-22',
		cancellation_reason: '',
		return_reason: null,
		note_message: null,
		total_price: 5 * 10 + 3 * 20,
		installment_cost: 0,
		wallet_top_up: 0,
		retailer: {
			retailer_code: retailerCode,
			retailer_name: `Shop ${retailerCode}`,
			retailer_number: `+2010${retailerCode.replace(/\D/g, '').padStart(8, '0').slice(-8)}`,
			retailer_address: 'Cairo',
		},
		order_details: cartonaIds.map((cartonaId, n) => ({
			id: lineBase + n,
			internal_product_id: cartonaId,
			product_name: `Product ${cartonaId}`,
			unit: 'box',
			unit_count: 1,
			amount: n === 0 ? 5 : 3,
			selling_price: n === 0 ? 10 : 20,
		})),
	};
}
