import type { INodeProperties } from 'n8n-workflow';
import type { CartonaOperation } from '../operationKinds';
import * as bulkUpdate from './bulkUpdate.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, CartonaOperation> = {
	getAll: getAll.operation,
	bulkUpdate: bulkUpdate.operation,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Bulk Update',
				value: 'bulkUpdate',
				description: 'Set price, stock, min/max order, in stock, published or unlimited stock of many products',
				action: 'Bulk update products',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the supplier's products",
				action: 'Get many products',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...bulkUpdate.description,
];
