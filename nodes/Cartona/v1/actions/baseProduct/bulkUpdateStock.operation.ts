import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { FIELD, PATHS } from '../../../schema';
import { normaliseEntry } from '../../validation/normaliseEntry';
import { bulkOptions, fieldsSource } from '../../descriptions/common.descriptions';
import type { MappedField } from '../../descriptions/mappingFields';
import { mappingProperties, readItemSource } from '../../descriptions/mappingFields';
import type { BulkOperation } from '../operationKinds';

const FIELDS: readonly MappedField[] = [
	{
		param: 'baseProductId',
		field: FIELD.baseProductId,
		kind: 'id',
		required: true,
		displayName: 'Base Product ID',
		description: "Cartona's base product ID (base_product_id)",
	},
	{
		param: 'availableStockQuantity',
		field: FIELD.availableStockQuantity,
		kind: 'quantity',
		required: true,
		displayName: 'Available Stock Quantity (Base Units)',
		description: "Stock in base units (pieces); Cartona divides it by each unit's unit count",
	},
];

const properties: INodeProperties[] = [fieldsSource, ...mappingProperties(FIELDS), bulkOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['baseProduct'], operation: ['bulkUpdateStock'] } },
	properties,
);

function buildEntry(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const { source, passUnknown } = readItemSource.call(this, itemIndex, FIELDS);
	return normaliseEntry(this.getNode(), itemIndex, source, FIELDS, passUnknown);
}

/** supplier-product/base-product/bulk-update-stock: absolute stock in base units, safe to repeat. */
export const operation: BulkOperation = {
	kind: 'bulk',
	description,
	path: PATHS.baseProductBulkUpdateStock,
	retryClass: 'repeatable',
	buildEntry,
};
