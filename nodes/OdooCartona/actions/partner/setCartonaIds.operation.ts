import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { batchOptionsProperty, configIdProperty } from '../common.descriptions';
import { runBatch } from '../runBatch';
import { dryRunProperty, setCartonaIdsMethod } from '../setCartonaIdsMethod';

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
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatch.call(
		this,
		items,
		setCartonaIdsMethod('cartona_set_partner_ids', ['cartona_id', 'partner_id', 'ref', 'phone', 'email']),
	);
}
