import type { INodeProperties } from 'n8n-workflow';
import type { CartonaOperation } from '../operationKinds';
import * as bulkUpdate from './bulkUpdate.operation';
import * as bulkUpdateStock from './bulkUpdateStock.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, CartonaOperation> = {
	getAll: getAll.operation,
	bulkUpdate: bulkUpdate.operation,
	bulkUpdateStock: bulkUpdateStock.operation,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['baseProduct'] } },
		options: [
			{
				name: 'Bulk Update',
				value: 'bulkUpdate',
				description: 'Set price, stock, min/max order, in stock, published, reminder or notes of many base products',
				action: 'Bulk update base products',
			},
			{
				name: 'Bulk Update Stock',
				value: 'bulkUpdateStock',
				description: "Set many base products' stock in base units, spread over their units by Cartona",
				action: 'Bulk update base product stock',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Search the base-product catalogue',
				action: 'Get many base products',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...bulkUpdate.description,
	...bulkUpdateStock.description,
];
