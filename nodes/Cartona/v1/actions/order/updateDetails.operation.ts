import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { FIELD, PATHS } from '../../../schema';
import { checkObject, checkQuantity, isAbsent } from '../../validation/fieldValidators';
import { itemFieldError } from '../../validation/itemFieldError';
import type { FieldSpec } from '../../validation/normaliseEntry';
import { normaliseEntry } from '../../validation/normaliseEntry';
import { requireProductIdentifier } from '../../validation/productIdentifier';
import { bulkOptions, fieldsSource } from '../../descriptions/common.descriptions';
import type { MappedField } from '../../descriptions/mappingFields';
import { mappingProperties, readItemSource } from '../../descriptions/mappingFields';
import type { BulkOperation } from '../operationKinds';
import { confirmDetailsEntry } from './confirmDetailsEntry';

const FIELDS: readonly MappedField[] = [
	{
		param: 'hashedId',
		field: FIELD.hashedId,
		kind: 'id',
		required: true,
		displayName: 'Order Hashed ID',
		description: "Cartona's order ID (hashed_id)",
	},
	{
		param: 'orderDetails',
		field: FIELD.orderDetails,
		kind: 'text',
		required: true,
		displayName: 'Order Lines',
		description:
			'List of line changes (JSON array): {"id", "amount"?, "price"?, "comment"?} changes a line, {"id", "cancelled": true} cancels it, {"internal_product_id" | "supplier_product_id" | "base_product_id" + "unit" + "unit_count", "amount", "price"?} adds one',
	},
];

/** Fields of one line [code]: `id` for an existing line, product identifiers for a new one. */
const LINE_SPECS: readonly FieldSpec[] = [
	{ field: FIELD.amount, kind: 'quantity' },
	{ field: FIELD.price, kind: 'quantity' },
	{ field: FIELD.cancelled, kind: 'boolean' },
	{ field: FIELD.comment, kind: 'text' },
	{ field: FIELD.supplierProductId, kind: 'id' },
	{ field: FIELD.internalProductId, kind: 'id' },
	{ field: FIELD.baseProductId, kind: 'id' },
	{ field: FIELD.unit, kind: 'unit' },
	{ field: FIELD.unitCount, kind: 'count' },
];

const properties: INodeProperties[] = [fieldsSource, ...mappingProperties(FIELDS), bulkOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['updateDetails'] } },
	properties,
);

function parseLines(this: IExecuteFunctions, itemIndex: number, text: string): unknown {
	try {
		return jsonParse(text);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "${FIELD.orderDetails}" is not valid JSON`, {
			itemIndex,
			description: (error as Error).message,
		});
	}
}

function readLines(this: IExecuteFunctions, itemIndex: number, raw: unknown): unknown[] {
	const value = typeof raw === 'string' && raw.trim() !== '' ? parseLines.call(this, itemIndex, raw) : raw;
	if (Array.isArray(value) && value.length > 0) return value;
	if (Array.isArray(value) || isAbsent(value)) {
		throw itemFieldError(this.getNode(), itemIndex, FIELD.orderDetails, 'is missing: give at least one line change');
	}
	throw itemFieldError(this.getNode(), itemIndex, FIELD.orderDetails, 'must be a list of line changes');
}

/** The checked update-order-details entry of item i. */
function buildEntry(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const { source, passUnknown } = readItemSource.call(this, itemIndex, FIELDS);
	const entry = normaliseEntry(
		node,
		itemIndex,
		source,
		FIELDS.filter((field) => field.field !== FIELD.orderDetails),
		passUnknown,
	);
	const lines = readLines.call(this, itemIndex, source[FIELD.orderDetails]);
	entry[FIELD.orderDetails] = lines.map((rawLine, position) => {
		const prefix = `${FIELD.orderDetails}[${position}].`;
		const line = checkObject({ node, itemIndex, field: `${FIELD.orderDetails}[${position}]` }, rawLine);
		const checked = normaliseEntry(node, itemIndex, line, LINE_SPECS, true, prefix);
		if (!isAbsent(line[FIELD.lineId])) {
			checked[FIELD.lineId] = checkQuantity({ node, itemIndex, field: `${prefix}${FIELD.lineId}` }, line[FIELD.lineId], {
				integer: true,
			}) as number;
			return checked;
		}
		requireProductIdentifier(node, itemIndex, checked, prefix);
		if (isAbsent(checked[FIELD.amount])) {
			throw itemFieldError(node, itemIndex, `${prefix}${FIELD.amount}`, 'is missing: a new line needs an amount');
		}
		return checked;
	});
	return entry;
}

/**
 * order/update-order-details: change amounts and prices, cancel lines, add lines. Not replayed
 * blindly; an entry the answer does not account for, or whose batch got no answer, is confirmed
 * (confirmDetailsEntry.ts).
 */
export const operation: BulkOperation = {
	kind: 'bulk',
	description,
	path: PATHS.updateOrderDetails,
	retryClass: 'notReplayable',
	buildEntry,
	confirmEntry: confirmDetailsEntry,
	confirmUnknownOutcome: true,
};
