import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callMarketplace } from '../transport';
import { asNodeError, errorItem } from './errorItem';
import { readBatchSize, readConfigId } from './readParameters';

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

interface Group {
	kwargs: IDataObject;
	indexes: number[];
	elements: unknown[];
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
 * The item loop of the batch operations: one Odoo call per batch of input items (per config),
 * one output item per input item in input order, each paired to its input item. A result with
 * `ok: false` becomes an error item (Continue On Fail) or one NodeOperationError naming the item
 * and the field.
 */
export async function runBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: BatchMethod,
): Promise<INodeExecutionData[]> {
	const outputs: INodeExecutionData[][] = items.map(() => []);
	const groups = new Map<string, Group>();
	const batchSize = readBatchSize.call(this);

	for (let i = 0; i < items.length; i++) {
		try {
			const kwargs: IDataObject = {
				config_id: readConfigId.call(this, i),
				...(spec.extraArguments ? spec.extraArguments.call(this, i) : {}),
			};
			const element = spec.toElement.call(this, items[i], i);
			const key = JSON.stringify(kwargs);
			let group = groups.get(key);
			if (!group) {
				group = { kwargs, indexes: [], elements: [] };
				groups.set(key, group);
			}
			group.indexes.push(i);
			group.elements.push(element);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, i);
			outputs[i].push(errorItem(error, i));
		}
	}

	for (const group of groups.values()) {
		for (let start = 0; start < group.elements.length; start += batchSize) {
			const indexes = group.indexes.slice(start, start + batchSize);
			const elements = group.elements.slice(start, start + batchSize);
			let results: unknown;
			try {
				results = await callMarketplace.call(this, spec.method, {
					...group.kwargs,
					[spec.listArgument]: elements,
				});
				if (!Array.isArray(results) || results.length !== elements.length) {
					throw new NodeOperationError(
						this.getNode(),
						`Odoo returned ${Array.isArray(results) ? results.length : 'no list of'} results for ${elements.length} ${spec.listArgument} (${spec.method})`,
						{ itemIndex: indexes[0], description: 'The marketplace_integration addon may be at another version than this node.' },
					);
				}
			} catch (error) {
				if (!this.continueOnFail()) throw asNodeError(this, error, indexes[0]);
				for (const i of indexes) outputs[i].push(errorItem(error, i));
				continue;
			}
			(results as BatchResult[]).forEach((result, position) => {
				const at = typeof result?.index === 'number' && result.index >= 0 && result.index < indexes.length ? result.index : position;
				const i = indexes[at];
				const json = toOutputJson(result ?? {});
				if (result?.ok === false) {
					const field = result.field ? ` (field "${result.field}")` : '';
					const message = `Item ${i}${field}: ${result.error ?? 'Odoo refused this element'}`;
					if (!this.continueOnFail()) {
						throw new NodeOperationError(this.getNode(), message, {
							itemIndex: i,
							description: `${spec.method} refused this element; the other elements of the batch were processed.`,
						});
					}
					outputs[i].push({ json: { ...json, error: message }, pairedItem: { item: i } });
					return;
				}
				outputs[i].push({ json, pairedItem: { item: i } });
			});
		}
	}
	return outputs.flat();
}
