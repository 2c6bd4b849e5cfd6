import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['config'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the marketplace config the workflow runs for (supplier code, warehouses, pricelist...)',
				action: 'Get the marketplace config',
			},
		],
		default: 'get',
	},
	...get.description,
];
