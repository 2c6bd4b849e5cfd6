import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { PATHS } from '../../schema';
import { buildPath } from '../../transport/encodePathSegment';
import { readPages } from '../../transport/pagination';
import { PARAM, requestOptions, returnAllAndLimit } from '../common.descriptions';
import type { ListOperation, OperationContext } from '../operationKinds';

const properties: INodeProperties[] = [...returnAllAndLimit, requestOptions];

export const description = updateDisplayOptions({ show: { resource: ['product'], operation: ['getAll'] } }, properties);

/** The supplier's products (supplier-product), every page with Return All. */
async function list(this: IExecuteFunctions, context: OperationContext, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter(PARAM.returnAll, itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter(PARAM.limit, itemIndex, 50) as number);
	return await readPages.call(
		this,
		context,
		{ path: buildPath(PATHS.supplierProducts), supplierCode: context.supplierCode(itemIndex), itemIndex },
		limit,
	);
}

export const operation: ListOperation = { kind: 'list', description, list };
