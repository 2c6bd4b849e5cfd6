import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { eachItem } from '../../../../shared/items/itemPlan';
import { changesQueryProperties, queryChanges } from './changesQuery';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getStatusChanges'] } },
	changesQueryProperties,
);

/**
 * cartona_get_status_changes: one item per order, shaped as Cartona's update-order-status item
 * `{hashed_id, status, retailer_otp?, cancellation_reason?, estimated_delivery_day?, delivery_day?,
 * requires_otp, sale_order_id}`.
 */
export function execute(this: IExecuteFunctions): ItemPlan {
	return eachItem(async function (i) {
		return await queryChanges.call(this, 'cartona_get_status_changes', i);
	});
}
