import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { credentialTest } from './methods';

export class OdooCartona implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Odoo Cartona',
		name: 'odooCartona',
		icon: { light: 'file:odooCartona.svg', dark: 'file:odooCartona.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Sync Cartona orders, stock and prices with Odoo through the marketplace_integration addon (batched calls)',
		defaults: { name: 'Odoo Cartona' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'odooCartonaApi', required: true, testedBy: 'odooCartonaApiTest' }],
		...versionDescription,
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
