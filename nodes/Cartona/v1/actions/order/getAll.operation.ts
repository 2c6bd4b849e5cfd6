import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { PATHS, QUERY } from '../../../schema';
import { buildPath } from '../../../transport/encodePathSegment';
import { readPages } from '../../../transport/pagination';
import { checkDate } from '../../validation/fieldValidators';
import { requestOptions, returnAllAndLimit } from '../../descriptions/common.descriptions';
import type { ListOperation, OperationContext } from '../operationKinds';
import { readListLimit } from '../../descriptions/readOptions';

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
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'Only orders created or changed from this moment (sent as "from")',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only orders created or changed up to this moment (sent as "to")',
			},
		],
	},
	requestOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['getAll'] } }, properties);

/** New or changed orders (pull-orders), every page with Return All. */
async function list(this: IExecuteFunctions, context: OperationContext, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	const qs: IDataObject = {};
	const from = checkDate({ node, itemIndex, field: QUERY.from }, filters.from);
	const to = checkDate({ node, itemIndex, field: QUERY.to }, filters.to);
	if (from !== undefined) qs[QUERY.from] = from;
	if (to !== undefined) qs[QUERY.to] = to;
	return await readPages.call(
		this,
		context,
		{ path: buildPath(PATHS.pullOrders), qs, supplierCode: context.supplierCode(itemIndex), itemIndex },
		readListLimit.call(this, itemIndex),
	);
}

export const operation: ListOperation = { kind: 'list', description, list };
