import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { FIELD, PATHS } from '../../../schema';
import { normaliseEntry } from '../../validation/normaliseEntry';
import { requireOrderRange } from '../../validation/orderRange';
import { bulkOptions, fieldsSource } from '../../descriptions/common.descriptions';
import type { MappedField } from '../../descriptions/mappingFields';
import { PRODUCT_LISTING_FIELDS } from '../../descriptions/productListingFields';
import { mappingProperties, readItemSource } from '../../descriptions/mappingFields';
import type { BulkOperation } from '../operationKinds';

const FIELDS: readonly MappedField[] = [
	{
		param: 'internalProductId',
		field: FIELD.internalProductId,
		kind: 'id',
		required: true,
		displayName: 'Internal Product ID',
		description: 'Your ID of the product in Cartona (internal_product_id)',
	},
	{
		param: 'sellingPrice',
		field: FIELD.sellingPrice,
		kind: 'quantity',
		displayName: 'Selling Price',
		description: 'Price per unit; leave the expression empty to keep the current price',
	},
	{
		param: 'availableStockQuantity',
		field: FIELD.availableStockQuantity,
		kind: 'quantity',
		displayName: 'Available Stock Quantity',
		description: 'Stock in the product unit (absolute, not a change)',
	},
	{
		param: 'isUnlimitedStock',
		field: FIELD.isUnlimitedStock,
		kind: 'boolean',
		displayName: 'Unlimited Stock',
		description: 'Whether the stock is unlimited (true or false); then no quantity is needed',
	},
	...PRODUCT_LISTING_FIELDS,
];

const properties: INodeProperties[] = [fieldsSource, ...mappingProperties(FIELDS), bulkOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['bulkUpdate'] } },
	properties,
);

/** The checked supplier-product/bulk-update entry of item i. */
function buildEntry(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const { source, passUnknown } = readItemSource.call(this, itemIndex, FIELDS);
	const entry = normaliseEntry(this.getNode(), itemIndex, source, FIELDS, passUnknown);
	requireOrderRange(this.getNode(), itemIndex, entry);
	return entry;
}

/** supplier-product/bulk-update: absolute price, stock and flags, so safe to repeat. */
export const operation: BulkOperation = {
	kind: 'bulk',
	description,
	path: PATHS.supplierProductBulkUpdate,
	retryClass: 'repeatable',
	buildEntry,
};
