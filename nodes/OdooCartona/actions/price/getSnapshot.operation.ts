import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeSnapshot, snapshotProperties } from '../snapshot';

export const description = updateDisplayOptions(
	{ show: { resource: ['price'], operation: ['getSnapshot'] } },
	snapshotProperties,
);

/** cartona_price_snapshot, every page: one item per variant `{internal_product_id, selling_price, product_id}`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeSnapshot.call(this, items, {
		method: 'cartona_price_snapshot',
		outputKeys: ['internal_product_id', 'selling_price', 'product_id'],
	});
}
