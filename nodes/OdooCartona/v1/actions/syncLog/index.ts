import type { INodeProperties } from 'n8n-workflow';

import * as write from './write.operation';

export { write };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['syncLog'] } },
		options: [
			{
				name: 'Write',
				value: 'write',
				description: "Write a line to the Odoo marketplace sync log (shown on the config's dashboard)",
				action: 'Write a sync log line',
			},
		],
		default: 'write',
	},
	...write.description,
];
