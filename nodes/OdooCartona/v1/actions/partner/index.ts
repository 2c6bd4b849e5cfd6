import type { INodeProperties } from 'n8n-workflow';

import * as matchOrCreate from './matchOrCreate.operation';
import * as setCartonaIds from './setCartonaIds.operation';

export { matchOrCreate, setCartonaIds };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['partner'] } },
		options: [
			{
				name: 'Match or Create',
				value: 'matchOrCreate',
				description: 'Find the Odoo partner of each Cartona retailer, creating it when missing',
				action: 'Match or create retailer partners',
			},
			{
				name: 'Set Cartona IDs',
				value: 'setCartonaIds',
				description: 'Write Cartona IDs onto existing partners (bulk mapping, with dry run)',
				action: 'Set cartona i ds on partners',
			},
		],
		default: 'matchOrCreate',
	},
	...matchOrCreate.description,
	...setCartonaIds.description,
];
