import type { INodeProperties } from 'n8n-workflow';

import * as recordRefusals from './recordRefusals.operation';
import * as resolve from './resolve.operation';
import * as setCartonaIds from './setCartonaIds.operation';

export { recordRefusals, resolve, setCartonaIds };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Record Refusals',
				value: 'recordRefusals',
				description:
					'Mark products Cartona refused in the reconciliation as "Refused by Cartona"; each result says whether the refusal is new',
				action: 'Record product refusals',
			},
			{
				name: 'Resolve by Cartona ID',
				value: 'resolve',
				description: 'Find the Odoo product variant of each Cartona ID',
				action: 'Resolve products by cartona ID',
			},
			{
				name: 'Set Cartona IDs',
				value: 'setCartonaIds',
				description: 'Write Cartona IDs onto existing product variants (bulk mapping, with dry run)',
				action: 'Set cartona i ds on products',
			},
		],
		default: 'resolve',
	},
	...recordRefusals.description,
	...resolve.description,
	...setCartonaIds.description,
];
