import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { PATHS, QUERY } from '../../../schema';
import { buildPath } from '../../../transport/encodePathSegment';
import { readPages } from '../../../transport/pagination';
import { isAbsent } from '../../validation/fieldValidators';
import { requestOptions, returnAllAndLimit } from '../../descriptions/common.descriptions';
import type { ListOperation, OperationContext } from '../operationKinds';
import { readListLimit } from '../../descriptions/readOptions';

/** Filter parameter -> Cartona query parameter. */
const FILTERS = {
	searchText: QUERY.searchToken,
	baseProductId: QUERY.baseProductId,
	supplierProductId: QUERY.supplierProductId,
	internalProductId: QUERY.internalProductId,
} as const;

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Base Product ID',
				name: 'baseProductId',
				type: 'string',
				default: '',
				description: "Cartona's base product ID (base_product_id)",
			},
			{
				displayName: 'Internal Product ID',
				name: 'internalProductId',
				type: 'string',
				default: '',
				description: 'Your product ID (internal_product_id)',
			},
			{
				displayName: 'Search Text',
				name: 'searchText',
				type: 'string',
				default: '',
				description: 'Words to look for in product names (search_token)',
			},
			{
				displayName: 'Supplier Product ID',
				name: 'supplierProductId',
				type: 'string',
				default: '',
				description: "Cartona's supplier product ID (supplier_product_id)",
			},
		],
	},
	requestOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['baseProduct'], operation: ['getAll'] } },
	properties,
);

/** The base-product catalogue (supplier-product/base-products), with its search filters. */
async function list(this: IExecuteFunctions, context: OperationContext, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [param, query] of Object.entries(FILTERS)) {
		if (!isAbsent(filters[param])) qs[query] = String(filters[param]).trim();
	}
	return await readPages.call(
		this,
		context,
		{ path: buildPath(PATHS.baseProducts), qs, supplierCode: context.supplierCode(itemIndex), itemIndex },
		readListLimit.call(this, itemIndex),
	);
}

export const operation: ListOperation = { kind: 'list', description, list };
