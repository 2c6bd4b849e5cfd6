import type { INodeProperties } from 'n8n-workflow';

import * as getSnapshot from './getSnapshot.operation';

export { getSnapshot };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stock'] } },
		options: [
			{
				name: 'Get Snapshot',
				value: 'getSnapshot',
				description: "Free quantity (on hand minus reserved) in the config's warehouses, per mapped variant",
				action: 'Get a stock snapshot',
			},
		],
		default: 'getSnapshot',
	},
	...getSnapshot.description,
];
