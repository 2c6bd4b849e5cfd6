import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { batchOptionsProperty, configIdProperty } from '../common.descriptions';
import { readItemObject } from '../readParameters';
import { runBatch } from '../runBatch';

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
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatch.call(this, items, {
		method: 'cartona_import_orders',
		listArgument: 'orders',
		toElement(item, i) {
			return readItemObject.call(this, item.json, i);
		},
	});
}
