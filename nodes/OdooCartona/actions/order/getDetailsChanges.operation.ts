import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../runPerItem';
import { changesQueryProperties, queryChanges } from './changesQuery';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getDetailsChanges'] } },
	changesQueryProperties,
);

/** cartona_get_details_changes: one item per order `{sale_order_id, hashed_id, order_details: [...]}`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async function (i) {
		return await queryChanges.call(this, 'cartona_get_details_changes', i);
	});
}
