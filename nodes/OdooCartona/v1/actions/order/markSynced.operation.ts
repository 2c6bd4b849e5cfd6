import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { batchSizeOption, configIdProperty } from '../../descriptions/common.descriptions';
import { toRecordId } from '../../validation/readParameters';
import { batchMethod } from '../../items/batchMethod';

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Change Kind',
		name: 'kind',
		type: 'options',
		options: [
			{ name: 'Status', value: 'status', description: 'The order status was pushed to Cartona' },
			{ name: 'Details', value: 'details', description: 'The order lines were pushed to Cartona' },
		],
		default: 'status',
	},
	{
		displayName: 'Sale Order ID',
		name: 'saleOrderId',
		type: 'string',
		default: '={{ $json.sale_order_id }}',
		description: 'Odoo sale order the push was for (or set Hashed ID in the options)',
	},
	{
		displayName: 'Succeeded',
		name: 'succeeded',
		type: 'boolean',
		default: true,
		description:
			'Whether Cartona accepted the change. Off keeps it pending and stores the error. After a Cartona node with Continue On Fail, use an expression that is false when its item has an error field.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			batchSizeOption,
			{
				displayName: 'Error Message',
				name: 'errorMessage',
				type: 'string',
				default: '',
				description: 'Why Cartona refused the change (stored on the order when not succeeded)',
			},
			{
				displayName: 'Hashed ID',
				name: 'hashedId',
				type: 'string',
				default: '',
				description: 'Cartona hashed_id of the order, used when no Sale Order ID is given',
			},
			{
				displayName: 'Pushed Status',
				name: 'status',
				type: 'string',
				default: '',
				description: 'The Cartona status that was pushed (so a newer change stays pending)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['markSynced'] } },
	properties,
);

/** cartona_mark_synced: `{sale_order_id|hashed_id, kind, status?, ok, error?}` per input item. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(this, {
		method: 'cartona_mark_synced',
		listArgument: 'items',
		toElement(_item, i) {
			const element: IDataObject = { kind: this.getNodeParameter('kind', i) as string };
			const saleOrderParameter = this.getNodeParameter('saleOrderId', i, '') as unknown;
			const saleOrderId = toRecordId(saleOrderParameter);
			const hashedId = String(this.getNodeParameter('options.hashedId', i, '') ?? '').trim();
			if (saleOrderId !== undefined) {
				element.sale_order_id = saleOrderId;
			} else if (hashedId) {
				element.hashed_id = hashedId;
			} else {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${i}: "Sale Order ID" is missing (got ${JSON.stringify(saleOrderParameter ?? null)}) and no "Hashed ID" is set`,
					{ itemIndex: i },
				);
			}
			const status = String(this.getNodeParameter('options.status', i, '') ?? '').trim();
			if (status) element.status = status;
			element.ok = this.getNodeParameter('succeeded', i) === true;
			const errorMessage = String(this.getNodeParameter('options.errorMessage', i, '') ?? '').trim();
			if (!element.ok && errorMessage) element.error = errorMessage;
			return element;
		},
	});
}
