import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { snapshotProperties } from '../../descriptions/snapshot.descriptions';
import { snapshotPlan } from '../../items/snapshot';

export const description = updateDisplayOptions(
	{ show: { resource: ['stock'], operation: ['getSnapshot'] } },
	snapshotProperties,
);

/**
 * cartona_stock_snapshot, every page: one item per variant
 * `{internal_product_id, available_stock_quantity, in_stock, product_id}` (Cartona bulk update fields).
 */
export function execute(this: IExecuteFunctions): ItemPlan {
	return snapshotPlan.call(this, {
		method: 'cartona_stock_snapshot',
		outputKeys: ['internal_product_id', 'available_stock_quantity', 'in_stock', 'product_id'],
	});
}
