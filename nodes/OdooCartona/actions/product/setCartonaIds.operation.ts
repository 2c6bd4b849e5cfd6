import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { batchOptionsProperty, configIdProperty } from '../common.descriptions';
import { runBatch } from '../runBatch';
import { dryRunProperty, setCartonaIdsMethod } from '../setCartonaIdsMethod';

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
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatch.call(
		this,
		items,
		setCartonaIdsMethod('cartona_set_product_ids', ['cartona_id', 'product_id', 'default_code', 'barcode']),
	);
}
