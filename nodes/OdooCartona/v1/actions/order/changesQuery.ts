import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callMarketplace } from '../../../transport';
import { configIdProperty, MAX_BATCH_ELEMENTS } from '../../descriptions/common.descriptions';
import { parseIdList, readConfigId, readWholeNumber } from '../../validation/readParameters';

/** Parameters shared by Get Status Changes and Get Details Changes. */
export const changesQueryProperties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Max Orders',
		name: 'maxOrders',
		type: 'number',
		default: 100,
		typeOptions: { minValue: 1, maxValue: MAX_BATCH_ELEMENTS, numberPrecision: 0 },
		description: 'The most orders to return in one run (the rest come next run)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Sale Order IDs',
				name: 'saleOrderIds',
				type: 'string',
				default: '',
				placeholder: '[12, 15] or 12,15',
				description: 'Only these sale orders (a JSON list or comma-separated IDs)',
			},
		],
	},
];

/** Calls a changes query (`cartona_get_status_changes` / `_details_changes`) for item `i`. */
export async function queryChanges(this: IExecuteFunctions, method: string, i: number): Promise<IDataObject[]> {
	const kwargs: IDataObject = {
		config_id: readConfigId.call(this, i),
		limit: readWholeNumber.call(this, 'maxOrders', 'Max Orders', i, 100, 1, MAX_BATCH_ELEMENTS),
	};
	const saleOrderIds = parseIdList.call(this, this.getNodeParameter('options.saleOrderIds', i, ''), 'Sale Order IDs', i);
	if (saleOrderIds) kwargs.sale_order_ids = saleOrderIds;
	const result = await callMarketplace.call(this, method, kwargs);
	if (!Array.isArray(result)) {
		throw new NodeOperationError(this.getNode(), `Item ${i}: Odoo's ${method} did not return a list`, { itemIndex: i });
	}
	return result as IDataObject[];
}
