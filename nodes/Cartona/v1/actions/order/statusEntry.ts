import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { FIELD, IDEMPOTENT_STATUS, REQUIRES_OTP_FLAG, STATUS_NEEDING_OTP } from '../../../schema';
import type { RetryClass } from '../../../transport/retryPolicy';
import { checkBoolean, isAbsent } from '../../validation/fieldValidators';
import { itemFieldError } from '../../validation/itemFieldError';
import type { FieldSpec } from '../../validation/normaliseEntry';
import { normaliseEntry } from '../../validation/normaliseEntry';
import type { MappedField } from '../../descriptions/mappingFields';
import { readItemSource } from '../../descriptions/mappingFields';

/** The fields of one status change, shared by Update Status (bulk) and Update Status of One Order. */
export const STATUS_FIELDS: readonly MappedField[] = [
	{
		param: 'hashedId',
		field: FIELD.hashedId,
		kind: 'id',
		required: true,
		displayName: 'Order Hashed ID',
		description: "Cartona's order ID (hashed_id)",
	},
	{
		param: 'status',
		field: FIELD.status,
		kind: 'status',
		required: true,
		displayName: 'Status',
		description:
			'One of synced, pending, approved, assigned_to_salesman, delivered, cancelled_by_supplier. "synced" acknowledges that the order was received.',
	},
	{
		param: 'retailerOtp',
		field: FIELD.retailerOtp,
		kind: 'text',
		displayName: 'Retailer OTP',
		description: "The retailer's one-time code, needed to mark installment and wallet top-up orders delivered",
	},
	{
		param: 'estimatedDeliveryDay',
		field: FIELD.estimatedDeliveryDay,
		kind: 'date',
		displayName: 'Estimated Delivery Day',
		description: 'Date such as 2026-04-28',
	},
	{
		param: 'deliveryDay',
		field: FIELD.deliveryDay,
		kind: 'date',
		displayName: 'Delivery Day',
		description: 'Date such as 2026-04-28',
	},
	{
		param: 'cancellationReason',
		field: FIELD.cancellationReason,
		kind: 'cancellationReason',
		displayName: 'Cancellation Reason',
		description:
			'For cancelled_by_supplier: out_of_stock, cannot_deliver_the_order, supplier_asked_me_to_cancel, delayed_order, pending_order_without_action, removed_items, supplier_attitude, missing_items, expired_products, different_prices or different_products',
	},
];

/** Not a Cartona field: says that `delivered` needs the OTP (the Odoo addon sets it). */
export const REQUIRES_OTP_FIELD: MappedField = {
	param: 'requiresOtp',
	field: REQUIRES_OTP_FLAG,
	kind: 'boolean',
	displayName: 'OTP Required',
	description: 'Whether this order needs the retailer OTP to be marked delivered (true or false)',
};

const BODY_SPECS: readonly FieldSpec[] = STATUS_FIELDS;

/** The checked status entry of item i; `delivered` without OTP fails when the item requires one. */
export function buildStatusEntry(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const { source, passUnknown } = readItemSource.call(this, itemIndex, [...STATUS_FIELDS, REQUIRES_OTP_FIELD]);
	const entry = normaliseEntry(node, itemIndex, source, BODY_SPECS, passUnknown);
	const requiresOtp = checkBoolean({ node, itemIndex, field: REQUIRES_OTP_FLAG }, source[REQUIRES_OTP_FLAG]);
	if (requiresOtp && entry[FIELD.status] === STATUS_NEEDING_OTP && isAbsent(entry[FIELD.retailerOtp])) {
		throw itemFieldError(
			node,
			itemIndex,
			FIELD.retailerOtp,
			'is missing: this order needs the retailer OTP to be marked delivered',
		);
	}
	return entry;
}

/**
 * `synced` only acknowledges an order, so sending it again is safe: such calls retry like GETs.
 * Every real transition is `notReplayable` (retryPolicy.ts).
 */
export function retryClassOfStatusEntry(entry: IDataObject): RetryClass {
	return entry[FIELD.status] === IDEMPOTENT_STATUS ? 'repeatable' : 'notReplayable';
}
