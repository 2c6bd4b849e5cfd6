import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeSnapshot, snapshotProperties } from '../snapshot';

export const description = updateDisplayOptions(
	{ show: { resource: ['stock'], operation: ['getSnapshot'] } },
	snapshotProperties,
);

/**
 * cartona_stock_snapshot, every page: one item per variant
 * `{internal_product_id, available_stock_quantity, in_stock, product_id}` (Cartona bulk update fields).
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeSnapshot.call(this, items, {
		method: 'cartona_stock_snapshot',
		outputKeys: ['internal_product_id', 'available_stock_quantity', 'in_stock', 'product_id'],
	});
}
