import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { batchOptionsProperty, configIdProperty } from '../common.descriptions';
import { runBatch } from '../runBatch';

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
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatch.call(this, items, {
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
