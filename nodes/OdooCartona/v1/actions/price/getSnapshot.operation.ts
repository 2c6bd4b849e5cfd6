import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { snapshotProperties } from '../../descriptions/snapshot.descriptions';
import { snapshotPlan } from '../../items/snapshot';

export const description = updateDisplayOptions(
	{ show: { resource: ['price'], operation: ['getSnapshot'] } },
	snapshotProperties,
);

/** cartona_price_snapshot, every page: one item per variant `{internal_product_id, selling_price, product_id}`. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return snapshotPlan.call(this, {
		method: 'cartona_price_snapshot',
		outputKeys: ['internal_product_id', 'selling_price', 'product_id'],
	});
}
