import type { INodeProperties } from 'n8n-workflow';

import * as acknowledge from './acknowledge.operation';
import * as claim from './claim.operation';

export { acknowledge, claim };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['outbox'] } },
		options: [
			{
				name: 'Acknowledge',
				value: 'acknowledge',
				description: 'Mark claimed entries done, or failed with the error',
				action: 'Acknowledge outbox entries',
			},
			{
				name: 'Claim',
				value: 'claim',
				description: 'Lease a batch of pending changes (stock, price, order status or details)',
				action: 'Claim outbox entries',
			},
		],
		default: 'claim',
	},
	...claim.description,
	...acknowledge.description,
];
