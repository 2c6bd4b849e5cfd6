import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The one owner of output items, `pairedItem` and Continue On Fail. Runners report per input
 * item either result records or an error; with Continue On Fail off the first error is thrown
 * (always a NodeApiError/NodeOperationError carrying the item index), with it on the error
 * becomes an output item `{ ok: false, error, ... }` paired to its input item.
 */
export class ItemResults {
	private readonly byItem = new Map<number, INodeExecutionData[]>();

	readonly continueOnFail: boolean;

	constructor(private readonly functions: IExecuteFunctions) {
		this.continueOnFail = functions.continueOnFail();
	}

	add(itemIndex: number, records: IDataObject[]): void {
		const list = this.byItem.get(itemIndex) ?? [];
		for (const json of records) list.push({ json, pairedItem: { item: itemIndex } });
		this.byItem.set(itemIndex, list);
	}

	/** Throws unless Continue On Fail is on; `extra` (e.g. the request entry) joins the error item. */
	fail(itemIndex: number, error: unknown, extra: IDataObject = {}): void {
		const nodeError = this.asNodeError(itemIndex, error);
		if (!this.continueOnFail) throw nodeError;
		const json: IDataObject = { ok: false, error: nodeError.message, ...extra };
		if (nodeError.description) json.description = nodeError.description;
		if (typeof nodeError.context.field === 'string') json.field = nodeError.context.field;
		if (nodeError instanceof NodeApiError && nodeError.httpCode) json.statusCode = nodeError.httpCode;
		this.byItem.set(itemIndex, [...(this.byItem.get(itemIndex) ?? []), { json, pairedItem: { item: itemIndex } }]);
	}

	/** Output items in input order. */
	toOutput(): INodeExecutionData[] {
		return [...this.byItem.keys()].sort((a, b) => a - b).flatMap((index) => this.byItem.get(index) ?? []);
	}

	private asNodeError(itemIndex: number, error: unknown): NodeApiError | NodeOperationError {
		if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
			return error;
		}
		return new NodeOperationError(this.functions.getNode(), error as Error, { itemIndex });
	}
}
