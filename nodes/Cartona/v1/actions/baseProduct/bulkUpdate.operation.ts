import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { FIELD, PATHS } from '../../../schema';
import { normaliseEntry } from '../../validation/normaliseEntry';
import { requireOrderRange } from '../../validation/orderRange';
import { requireProductIdentifier } from '../../validation/productIdentifier';
import { bulkOptions, fieldsSource } from '../../descriptions/common.descriptions';
import type { MappedField } from '../../descriptions/mappingFields';
import { PRODUCT_LISTING_FIELDS } from '../../descriptions/productListingFields';
import { mappingProperties, readItemSource } from '../../descriptions/mappingFields';
import type { BulkOperation } from '../operationKinds';

const FIELDS: readonly MappedField[] = [
	{
		param: 'supplierProductId',
		field: FIELD.supplierProductId,
		kind: 'id',
		displayName: 'Supplier Product ID',
		description: "Cartona's supplier product ID; wins over the other identifiers",
	},
	{
		param: 'internalProductId',
		field: FIELD.internalProductId,
		kind: 'id',
		displayName: 'Internal Product ID',
		description: 'Your product ID (internal_product_id)',
	},
	{
		param: 'baseProductId',
		field: FIELD.baseProductId,
		kind: 'id',
		displayName: 'Base Product ID',
		description: "Cartona's base product ID; needs Unit and Unit Count too",
	},
	{
		param: 'unit',
		field: FIELD.unit,
		kind: 'unit',
		displayName: 'Unit',
		description: 'Unit of the product named by Base Product ID, e.g. box, piece, kg',
	},
	{
		param: 'unitCount',
		field: FIELD.unitCount,
		kind: 'count',
		displayName: 'Unit Count',
		description: 'Pieces per unit of the product named by Base Product ID',
	},
	{
		param: 'sellingPrice',
		field: FIELD.sellingPrice,
		kind: 'quantity',
		displayName: 'Selling Price',
		description: 'Price per unit',
	},
	{
		param: 'availableStockQuantity',
		field: FIELD.availableStockQuantity,
		kind: 'quantity',
		displayName: 'Available Stock Quantity',
		description: 'Stock in this unit (absolute, not a change)',
	},
	...PRODUCT_LISTING_FIELDS,
	{
		param: 'remindMeAtStock',
		field: FIELD.remindMeAtStock,
		kind: 'quantity',
		displayName: 'Remind Me at Stock',
		description: 'Stock level at which Cartona reminds you',
	},
	{
		param: 'notes',
		field: FIELD.notes,
		kind: 'text',
		displayName: 'Notes',
		description: 'Free notes on the product',
	},
];

const properties: INodeProperties[] = [fieldsSource, ...mappingProperties(FIELDS), bulkOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['baseProduct'], operation: ['bulkUpdate'] } },
	properties,
);

/** The checked base-product/bulk-update entry of item i. */
function buildEntry(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const { source, passUnknown } = readItemSource.call(this, itemIndex, FIELDS);
	const entry = normaliseEntry(this.getNode(), itemIndex, source, FIELDS, passUnknown);
	requireProductIdentifier(this.getNode(), itemIndex, entry);
	requireOrderRange(this.getNode(), itemIndex, entry);
	return entry;
}

/** supplier-product/base-product/bulk-update: absolute values, so safe to repeat. */
export const operation: BulkOperation = {
	kind: 'bulk',
	description,
	path: PATHS.baseProductBulkUpdate,
	retryClass: 'repeatable',
	buildEntry,
};
