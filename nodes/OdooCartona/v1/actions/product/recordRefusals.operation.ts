import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
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
		default: '={{ $json.request.internal_product_id }}',
		required: true,
		description:
			"The refused product's Cartona ID (internal_product_id). The default reads it from the request of a Cartona bulk update's error item.",
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '={{ $json.error }}',
		required: true,
		description: "Cartona's reason (the error item's error)",
	},
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		options: [
			{ name: 'Stock', value: 'stock' },
			{ name: 'Price', value: 'price' },
		],
		default: 'stock',
		description: 'Which reconciliation Cartona refused',
	},
	batchOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['recordRefusals'] } },
	properties,
);

/**
 * cartona_record_refusals: `{cartona_id, reason, kind}` per input item; results
 * `{cartona_id, product_id, kind, reason, status: refused|already_refused, new, ok}`.
 * `new` is false when the product already shows the same refusal (alert only the new ones).
 */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(this, {
		method: 'cartona_record_refusals',
		listArgument: 'refusals',
		toElement(_item, i) {
			const value = this.getNodeParameter('cartonaId', i, '') as unknown;
			const cartonaId = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
			if (!cartonaId) {
				throw new NodeOperationError(this.getNode(), `Item ${i}: "Cartona ID" is empty`, { itemIndex: i });
			}
			const reason = String(this.getNodeParameter('reason', i, '') ?? '').trim();
			const kind = this.getNodeParameter('kind', i, 'stock') as unknown;
			if (kind !== 'stock' && kind !== 'price') {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${i}: "Kind" must be "stock" or "price" (got ${JSON.stringify(kind ?? null)})`,
					{ itemIndex: i },
				);
			}
			const element: IDataObject = { cartona_id: cartonaId, reason: reason || 'refused by Cartona (no reason given)', kind };
			return element;
		},
	});
}
