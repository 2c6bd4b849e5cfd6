import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { callMarketplace } from '../../../transport';
import { configIdProperty, MAX_BATCH_ELEMENTS } from '../../descriptions/common.descriptions';
import { readConfigId, readWholeNumber } from '../../validation/readParameters';
import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { eachItem } from '../../../../shared/items/itemPlan';

const KINDS = ['stock', 'price', 'order_status', 'order_details'];

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Kinds',
		name: 'kinds',
		type: 'multiOptions',
		options: [
			{ name: 'Order Details', value: 'order_details' },
			{ name: 'Order Status', value: 'order_status' },
			{ name: 'Price', value: 'price' },
			{ name: 'Stock', value: 'stock' },
		],
		default: [],
		description: 'Which pending changes to claim (none selected: all kinds)',
	},
	{
		displayName: 'Max Entries',
		name: 'maxEntries',
		type: 'number',
		default: 500,
		typeOptions: { minValue: 1, maxValue: MAX_BATCH_ELEMENTS, numberPrecision: 0 },
		description: 'The most entries to claim in one run (the rest stay pending for the next run)',
	},
	{
		displayName: 'Lease Seconds',
		name: 'leaseSeconds',
		type: 'number',
		default: 120,
		typeOptions: { minValue: 10, maxValue: 3600, numberPrecision: 0 },
		description: 'How long the claimed entries stay reserved for this run before another run may claim them',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['outbox'], operation: ['claim'] } },
	properties,
);

/**
 * cartona_outbox_claim: one item per leased entry
 * `{entry_id, kind, res_model, res_id, product_id?, sale_order_id?, cartona_id?, attempts, lease_until}`.
 */
export function execute(this: IExecuteFunctions): ItemPlan {
	return eachItem(async function (i) {
		const kinds = this.getNodeParameter('kinds', i, []) as unknown;
		if (!Array.isArray(kinds) || kinds.some((kind) => !KINDS.includes(kind as string))) {
			throw new NodeOperationError(this.getNode(), `Item ${i}: "Kinds" must be among ${KINDS.join(', ')}`, { itemIndex: i });
		}
		const kwargs: IDataObject = {
			config_id: readConfigId.call(this, i),
			limit: readWholeNumber.call(this, 'maxEntries', 'Max Entries', i, 500, 1, MAX_BATCH_ELEMENTS),
			lease_seconds: readWholeNumber.call(this, 'leaseSeconds', 'Lease Seconds', i, 120, 10, 3600),
		};
		if (kinds.length > 0) kwargs.kinds = kinds as string[];
		const entries = await callMarketplace.call(this, 'cartona_outbox_claim', kwargs);
		if (!Array.isArray(entries)) {
			throw new NodeOperationError(this.getNode(), `Item ${i}: Odoo's cartona_outbox_claim did not return a list`, { itemIndex: i });
		}
		return entries as IDataObject[];
	});
}
