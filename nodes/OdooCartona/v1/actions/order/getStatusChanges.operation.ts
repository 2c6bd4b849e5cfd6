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
 * requires_otp, sale_order_id}`. The orders answered are leased to this run (Odoo's
 * marketplace_status_lease_until): a concurrent call gets none of them until Mark Synced
 * (ok or error) acknowledges them or the lease (120 s) expires; then the sweep takes them again.
 */
export function execute(this: IExecuteFunctions): ItemPlan {
	return eachItem(async function (i) {
		return await queryChanges.call(this, 'cartona_get_status_changes', i);
	});
}
