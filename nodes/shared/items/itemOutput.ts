import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import type { ErrorItemShape } from './errorItem';
import { asNodeError } from './nodeError';

interface Produced {
	/** Input items the output item came from, in the order given. */
	items: number[];
	output: INodeExecutionData;
}

function pairing(items: number[]): IPairedItemData | IPairedItemData[] {
	return items.length === 1 ? { item: items[0] } : items.map((item) => ({ item }));
}

/**
 * The one owner of a node's output items, `pairedItem` and Continue On Fail: loops report per
 * input item either result records or an error. With Continue On Fail off the first error is
 * thrown (always a NodeApiError/NodeOperationError carrying the item index); with it on the
 * error becomes an output item in the node's error shape, paired to its input item.
 */
export class ItemOutput {
	private readonly produced: Produced[] = [];

	readonly continueOnFail: boolean;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly errorShape: ErrorItemShape,
	) {
		this.continueOnFail = context.continueOnFail();
	}

	/** The input items, read once. */
	get inputItems(): INodeExecutionData[] {
		return this.context.getInputData();
	}

	/** Output items for `records`, each paired to input item `item` (or to every item listed). */
	add(item: number | number[], records: IDataObject[]): void {
		const items = Array.isArray(item) ? item : [item];
		for (const json of records)
			this.produced.push({ items, output: { json, pairedItem: pairing(items) } });
	}

	/**
	 * Throws unless Continue On Fail is on (the error names the first item listed); `extra`
	 * (e.g. the request entry) joins the error item.
	 */
	fail(item: number | number[], error: unknown, extra: IDataObject = {}): void {
		const nodeError = asNodeError(
			this.context.getNode(),
			error,
			Array.isArray(item) ? item[0] : item,
		);
		if (!this.continueOnFail) throw nodeError;
		this.add(item, [this.errorShape(nodeError, extra)]);
	}

	/** Output items in the order they were reported. */
	inReportedOrder(): INodeExecutionData[] {
		return this.produced.map(({ output }) => output);
	}

	/** Output items in input order (by the first input item each is paired to), reported order within an item. */
	inInputOrder(): INodeExecutionData[] {
		return this.produced
			.map((entry, at) => ({ entry, at }))
			.sort((a, b) => a.entry.items[0] - b.entry.items[0] || a.at - b.at)
			.map(({ entry }) => entry.output);
	}
}
