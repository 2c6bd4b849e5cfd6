import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem } from './errorItem';

/**
 * The item loop of the query operations (one Odoo call per input item, e.g. a snapshot for the
 * trigger's item): every output item is paired to the input item it came from; a failure is an
 * error item (Continue On Fail) or stops the node.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	produce: (this: IExecuteFunctions, i: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const rows = await produce.call(this, i);
			for (const json of rows) returnData.push({ json, pairedItem: { item: i } });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, i);
			returnData.push(errorItem(error, i));
		}
	}
	return returnData;
}
