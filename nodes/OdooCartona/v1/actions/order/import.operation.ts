import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { batchOptionsProperty, configIdProperty } from '../../descriptions/common.descriptions';
import { readItemObject } from '../../validation/readParameters';
import { batchMethod } from '../../items/batchMethod';

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName:
			'Each input item is one order as pulled from Cartona. Importing is idempotent: an order already imported comes out as "existing".',
		name: 'importNotice',
		type: 'notice',
		default: '',
	},
	batchOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['import'] } },
	properties,
);

/** cartona_import_orders: one result per order `{hashed_id, status, sale_order_id, ..., ok}`. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(this, {
		method: 'cartona_import_orders',
		listArgument: 'orders',
		toElement(item, i) {
			return readItemObject.call(this, item.json, i);
		},
	});
}
