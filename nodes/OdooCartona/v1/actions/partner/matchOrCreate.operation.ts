import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { batchOptionsProperty, configIdProperty } from '../../descriptions/common.descriptions';
import { readItemObject } from '../../validation/readParameters';
import { batchMethod } from '../../items/batchMethod';

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Retailer Field',
		name: 'retailerField',
		type: 'string',
		default: 'retailer',
		description:
			'Field of the input item that holds the Cartona retailer object (a pulled order has it in "retailer"). Leave empty when the input item itself is the retailer.',
	},
	batchOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['matchOrCreate'] } },
	properties,
);

/** cartona_match_partners: `{cartona_id, partner_id, status: matched|created, ok}` per input item. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(this, {
		method: 'cartona_match_partners',
		listArgument: 'retailers',
		toElement(item, i) {
			const json = readItemObject.call(this, item.json, i);
			const field = String(this.getNodeParameter('retailerField', i, '') ?? '').trim();
			if (!field) return json;
			const retailer = json[field];
			if (!retailer || typeof retailer !== 'object' || Array.isArray(retailer)) {
				throw new NodeOperationError(this.getNode(), `Item ${i}: "${field}" is missing or not a retailer object`, {
					itemIndex: i,
					description: 'Set "Retailer Field" to the field holding the retailer, or empty when the item is the retailer',
				});
			}
			return retailer as IDataObject;
		},
	});
}
