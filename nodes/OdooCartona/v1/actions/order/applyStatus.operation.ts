import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { batchOptionsProperty, configIdProperty } from '../../descriptions/common.descriptions';
import { pickFields } from '../../validation/pickFields';
import { readItemObject } from '../../validation/readParameters';
import { batchMethod } from '../../items/batchMethod';

/** The keys of a Cartona order that carry its state (a pulled order is a valid input item). */
const STATE_FIELDS = ['hashed_id', 'status', 'cancellation_reason', 'return_reason', 'delivery_day'] as const;

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName:
			'Each input item is a Cartona order (or {hashed_id, status, cancellation_reason?, return_reason?, delivery_day?}); its Cartona state is applied to the imported sale order.',
		name: 'applyStatusNotice',
		type: 'notice',
		default: '',
	},
	batchOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['applyStatus'] } },
	properties,
);

/** cartona_apply_order_states: `{hashed_id, status: applied|unchanged|not_found, sale_order_id, marketplace_status, ok}`. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(this, {
		method: 'cartona_apply_order_states',
		listArgument: 'states',
		toElement(item, i) {
			return pickFields(readItemObject.call(this, item.json, i), STATE_FIELDS);
		},
	});
}
