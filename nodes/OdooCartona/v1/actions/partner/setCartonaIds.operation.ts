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
			'Each input item is a mapping {cartona_id, partner_id?, ref?, phone?, email?}: the partner is found by ID, else ref, else phone, else email.',
		name: 'partnerMappingNotice',
		type: 'notice',
		default: '',
	},
	dryRunProperty,
	batchOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['setCartonaIds'] } },
	properties,
);

/** cartona_set_partner_ids: `{cartona_id, partner_id, status: set|unchanged|would_set|conflict|unknown, ok}`. */
export function execute(this: IExecuteFunctions): ItemPlan {
	return batchMethod.call(
		this,
		setCartonaIdsMethod('cartona_set_partner_ids', ['cartona_id', 'partner_id', 'ref', 'phone', 'email']),
	);
}
