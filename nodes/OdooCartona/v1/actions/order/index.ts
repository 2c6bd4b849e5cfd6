import type { INodeProperties } from 'n8n-workflow';

import * as applyStatus from './applyStatus.operation';
import * as getDetailsChanges from './getDetailsChanges.operation';
import * as getStatusChanges from './getStatusChanges.operation';
import * as importOrders from './import.operation';
import * as markSynced from './markSynced.operation';

export { applyStatus, getDetailsChanges, getStatusChanges, importOrders as import, markSynced };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Apply Status',
				value: 'applyStatus',
				description: 'Apply Cartona order states (cancelled, returned, delivered...) to the imported sale orders',
				action: 'Apply cartona order states',
			},
			{
				name: 'Get Details Changes',
				value: 'getDetailsChanges',
				description:
					'Get orders whose lines changed in Odoo and must be pushed to Cartona, leased to this run: another run gets none of them until Mark Synced or 2 minutes pass',
				action: 'Get order details changes',
			},
			{
				name: 'Get Status Changes',
				value: 'getStatusChanges',
				description:
					'Get orders whose Odoo status must be pushed to Cartona (with the OTP where entered), leased to this run: another run gets none of them until Mark Synced or 2 minutes pass',
				action: 'Get order status changes',
			},
			{
				name: 'Import',
				value: 'import',
				description: 'Create or update sale orders from pulled Cartona orders (idempotent)',
				action: 'Import cartona orders',
			},
			{
				name: 'Mark Synced',
				value: 'markSynced',
				description: 'Record whether a status or details push to Cartona succeeded',
				action: 'Mark order changes as synced',
			},
		],
		default: 'import',
	},
	...importOrders.description,
	...applyStatus.description,
	...getStatusChanges.description,
	...getDetailsChanges.description,
	...markSynced.description,
];
