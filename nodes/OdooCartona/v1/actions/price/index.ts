import type { INodeProperties } from 'n8n-workflow';

import * as getSnapshot from './getSnapshot.operation';

export { getSnapshot };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['price'] } },
		options: [
			{
				name: 'Get Snapshot',
				value: 'getSnapshot',
				description: "Selling price from the config's pricelist, per mapped variant",
				action: 'Get a price snapshot',
			},
		],
		default: 'getSnapshot',
	},
	...getSnapshot.description,
];
