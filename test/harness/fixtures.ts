/** Small workflows and credentials the harness tests share (exported-workflow JSON shape). */
import type { CredentialInput, WorkflowJson } from './n8nServer';

export const SANDBOX_TOKEN = 'sandbox-token';
export const CARTONA_CREDENTIAL = 'Cartona sandbox';

/** A cartonaApi credential pointed at a sandbox URL ("http://127.0.0.1:P/api/v1/"). */
export function cartonaCredential(url: string, token = SANDBOX_TOKEN, name = CARTONA_CREDENTIAL): CredentialInput {
	return { name, type: 'cartonaApi', data: { environment: 'custom', url, token, internalSupplierCode: '' } };
}

const link = (from: string, to: string) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });

/** The Cartona node reading products: Product > Get Many. */
export function cartonaGetProductsNode(
	name = 'Get Cartona products',
	{ returnAll = false, limit = 5, credentialName = CARTONA_CREDENTIAL }: { returnAll?: boolean; limit?: number | string; credentialName?: string } = {},
) {
	return {
		id: 'cartona-products',
		name,
		type: 'n8n-nodes-cartona.cartona',
		typeVersion: 1,
		position: [220, 0],
		credentials: { cartonaApi: { id: '', name: credentialName } },
		parameters: { resource: 'product', operation: 'getAll', returnAll, ...(returnAll ? {} : { limit }) },
	};
}

/** Manual Trigger -> Cartona Product Get Many: the smallest workflow that proves the package runs. */
export function manualCartonaProductsWorkflow(options: { returnAll?: boolean; limit?: number; credentialName?: string; id?: string } = {}): WorkflowJson {
	return {
		id: options.id,
		name: 'Harness: Cartona products (manual)',
		nodes: [
			{ id: 'manual', name: 'Run by hand', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			cartonaGetProductsNode('Get Cartona products', options),
		],
		connections: link('Run by hand', 'Get Cartona products'),
		settings: { executionOrder: 'v1' },
	};
}

/** Webhook (POST <path>, answers with every item of the last node) -> Cartona Product Get Many. */
export function webhookCartonaProductsWorkflow(path: string, credentialName = CARTONA_CREDENTIAL, extra: Partial<WorkflowJson> = {}): WorkflowJson {
	return {
		name: `Harness: Cartona products (webhook ${path})`,
		nodes: [
			{
				id: 'webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `harness-${path}`,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			cartonaGetProductsNode('Get Cartona products', { limit: '={{ $json.body.limit }}', credentialName }),
		],
		connections: link('Webhook', 'Get Cartona products'),
		settings: { executionOrder: 'v1' },
		...extra,
	};
}
