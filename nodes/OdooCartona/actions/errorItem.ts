import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Any error as a node error: NodeApiError/NodeOperationError unchanged, others wrapped once. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** The output item for a failed input item when Continue On Fail is on. */
export function errorItem(error: unknown, itemIndex: number, extra: IDataObject = {}): INodeExecutionData {
	// `ok: false` as on refused elements, so one IF node on "ok" splits every failure.
	const json: IDataObject = { ...extra, ok: false, error: (error as Error).message };
	if (error instanceof NodeApiError) {
		json.statusCode = error.httpCode;
		json.description = error.description;
	}
	return { json, pairedItem: { item: itemIndex } };
}
