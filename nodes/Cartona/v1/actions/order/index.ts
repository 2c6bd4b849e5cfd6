import type { INodeProperties } from 'n8n-workflow';
import type { CartonaOperation } from '../operationKinds';
import * as getAll from './getAll.operation';
import * as updateDetails from './updateDetails.operation';
import * as updateOneStatus from './updateOneStatus.operation';
import * as updateStatus from './updateStatus.operation';

export const operations: Record<string, CartonaOperation> = {
	getAll: getAll.operation,
	updateStatus: updateStatus.operation,
	updateOneStatus: updateOneStatus.operation,
	updateDetails: updateDetails.operation,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Pull new or changed orders (every page with Return All)',
				action: 'Get many orders',
			},
			{
				name: 'Update Details',
				value: 'updateDetails',
				description: 'Change line amounts and prices, cancel lines, add lines',
				action: 'Update order details',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description: 'Set the status of many orders in batches (e.g. synced, approved)',
				action: 'Update order statuses',
			},
			{
				name: 'Update Status of One Order',
				value: 'updateOneStatus',
				description: "Set one order's status and see Cartona's answer (use for delivered with OTP)",
				action: 'Update the status of one order',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...updateStatus.description,
	...updateOneStatus.description,
	...updateDetails.description,
];
