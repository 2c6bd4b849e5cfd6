import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { batchOptionsProperty, configIdProperty, dryRunProperty } from '../../descriptions/common.descriptions';
import { batchMethod } from '../../items/batchMethod';
import { setCartonaIdsMethod } from '../../items/setCartonaIdsMethod';

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName:
			'Each input item is a mapping {cartona_id, product_id?, default_code?, barcode?}: the variant is found by ID, else internal reference, else barcode.',
		name: 'productMappingNotice',
		type: 'notice',
		default: '',
	},
	dryRunProperty,
	batchOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['setCartonaIds'] } },
	properties,
);

/** cartona_set_product_ids: `{cartona_id, product_id, status: set|unchanged|would_set|conflict|unknown, ok}`. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(
		this,
		setCartonaIdsMethod('cartona_set_product_ids', ['cartona_id', 'product_id', 'default_code', 'barcode']),
	);
}
