import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ErrorItemShape } from './errorItem';
import { forEachItem } from './forEachItem';
import type { BatchSpec } from './inBatches';
import { inBatches } from './inBatches';
import { ItemOutput } from './itemOutput';

/**
 * How an operation turns input items into output: what operations return instead of output
 * items, so the item loop, pairing and Continue On Fail stay in this module.
 * - `each`: one run per input item; its records are paired to that item.
 * - `batches`: one entry per input item, sent in batches (see inBatches); output in input order,
 *   or in the order answers were reported (for answers paired to several input items).
 */
export type ItemPlan =
	| {
			kind: 'each';
			produce: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;
	  }
	| {
			kind: 'batches';
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			spec: BatchSpec<any>;
			order: 'input' | 'reported';
	  };

/** Runs a plan over the node's input items: the node's output items, every one paired. */
export async function runItemPlan(
	this: IExecuteFunctions,
	errorShape: ErrorItemShape,
	plan: ItemPlan,
): Promise<INodeExecutionData[]> {
	const output = new ItemOutput(this, errorShape);
	if (plan.kind === 'each') {
		await forEachItem.call(this, output, plan.produce);
		return output.inReportedOrder();
	}
	await inBatches.call(this, output, plan.spec);
	return plan.order === 'input' ? output.inInputOrder() : output.inReportedOrder();
}

/** The plan of an operation that runs once per input item. */
export function eachItem(
	produce: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>,
): ItemPlan {
	return { kind: 'each', produce };
}
