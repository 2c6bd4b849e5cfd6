import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { batchOptionsProperty, configIdProperty } from '../../descriptions/common.descriptions';
import { batchMethod } from '../../items/batchMethod';

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Cartona ID',
		name: 'cartonaId',
		type: 'string',
		default: '={{ $json.internal_product_id }}',
		required: true,
		description: "The product's Cartona ID (Cartona's internal_product_id)",
	},
	batchOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['resolve'] } },
	properties,
);

/** cartona_resolve_products: `{cartona_id, status: found|unknown, product_id, product_tmpl_id, name, default_code, ok}`. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(this, {
		method: 'cartona_resolve_products',
		listArgument: 'cartona_ids',
		toElement(_item, i) {
			const value = this.getNodeParameter('cartonaId', i, '') as unknown;
			const cartonaId = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
			if (!cartonaId) {
				throw new NodeOperationError(this.getNode(), `Item ${i}: "Cartona ID" is empty`, { itemIndex: i });
			}
			return cartonaId;
		},
	});
}
