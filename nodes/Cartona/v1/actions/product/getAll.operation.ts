import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { PATHS } from '../../../schema';
import { buildPath } from '../../../transport/encodePathSegment';
import { readPages } from '../../../transport/pagination';
import { requestOptions, returnAllAndLimit } from '../../descriptions/common.descriptions';
import type { ListOperation, OperationContext } from '../operationKinds';
import { readListLimit } from '../../descriptions/readOptions';

const properties: INodeProperties[] = [...returnAllAndLimit, requestOptions];

export const description = updateDisplayOptions({ show: { resource: ['product'], operation: ['getAll'] } }, properties);

/** The supplier's products (supplier-product), every page with Return All. */
async function list(this: IExecuteFunctions, context: OperationContext, itemIndex: number): Promise<IDataObject[]> {
	return await readPages.call(
		this,
		context,
		{ path: buildPath(PATHS.supplierProducts), supplierCode: context.supplierCode(itemIndex), itemIndex },
		readListLimit.call(this, itemIndex),
	);
}

export const operation: ListOperation = { kind: 'list', description, list };
