import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemAnswer } from '../../../shared/items/inBatches';
import type { ItemPlan } from '../../../shared/items/itemPlan';
import { callMarketplace } from '../../transport';
import { readBatchSize, readConfigId } from '../validation/readParameters';

/** How an operation turns input items into one list argument of a batch method. */
export interface BatchMethod {
	/** Batch API method, e.g. `cartona_import_orders`. */
	method: string;
	/** Name of its list argument, e.g. `orders`. */
	listArgument: string;
	/** The list element for input item `i`; throws NodeOperationError on bad input. */
	toElement(this: IExecuteFunctions, item: INodeExecutionData, i: number): unknown;
	/** Further named arguments read per item (e.g. `dry_run`); differing items go to separate calls. */
	extraArguments?(this: IExecuteFunctions, i: number): IDataObject;
}

interface Element {
	kwargs: IDataObject;
	element: unknown;
}

/** The shape of one result of a batch method (docs/odoo-batch-api.md "Results"). */
interface BatchResult extends IDataObject {
	index?: number;
	ok?: boolean;
	error?: string;
	field?: string;
}

function toOutputJson(result: BatchResult): IDataObject {
	const json: IDataObject = { ...result };
	delete json.index;
	return json;
}

/**
 * A batch method as batches (shared/items/inBatches): one Odoo call per batch of input items
 * (per config), one output item per input item in input order. A result with `ok: false` is
 * a NodeOperationError naming the item and the field (an error item with Continue On Fail,
 * keeping Odoo's fields).
 */
export function batchMethod(this: IExecuteFunctions, spec: BatchMethod): ItemPlan {
	const items = this.getInputData();
	return {
		kind: 'batches',
		order: 'input',
		spec: {
			size: readBatchSize.call(this),
			entry(i): Element {
				const kwargs: IDataObject = {
					config_id: readConfigId.call(this, i),
					...(spec.extraArguments ? spec.extraArguments.call(this, i) : {}),
				};
				return { kwargs, element: spec.toElement.call(this, items[i], i) };
			},
			groupKey: (entry: Element) => JSON.stringify(entry.kwargs),
			send: async (batch: Array<{ itemIndex: number; entry: Element }>): Promise<ItemAnswer[]> => {
				const indexes = batch.map(({ itemIndex }) => itemIndex);
				const elements = batch.map(({ entry }) => entry.element);
				const results = await callMarketplace.call(this, spec.method, {
					...batch[0].entry.kwargs,
					[spec.listArgument]: elements,
				});
				if (!Array.isArray(results) || results.length !== elements.length) {
					throw new NodeOperationError(
						this.getNode(),
						`Odoo returned ${Array.isArray(results) ? results.length : 'no list of'} results for ${elements.length} ${spec.listArgument} (${spec.method})`,
						{
							itemIndex: indexes[0],
							description:
								'The marketplace_integration addon may be at another version than this node.',
						},
					);
				}
				return (results as BatchResult[]).map((result, position): ItemAnswer => {
					const at =
						typeof result?.index === 'number' && result.index >= 0 && result.index < indexes.length
							? result.index
							: position;
					const i = indexes[at];
					const json = toOutputJson(result ?? {});
					if (result?.ok !== false) return { itemIndex: i, read: () => json };
					const field = result.field ? ` (field "${result.field}")` : '';
					const error = new NodeOperationError(
						this.getNode(),
						`Item ${i}${field}: ${result.error ?? 'Odoo refused this element'}`,
						{
							itemIndex: i,
							description: `${spec.method} refused this element; the other elements of the batch were processed.`,
						},
					);
					return {
						itemIndex: i,
						failureJson: json,
						read: () => {
							throw error;
						},
					};
				});
			},
		},
	};
}
