import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutput } from './itemOutput';

/** One input item's part of a batch request. */
export interface BatchEntry<Entry> {
	itemIndex: number;
	entry: Entry;
}

/** What a batch answer says about one input item. */
export interface ItemAnswer {
	/** The input item answered, or every input item the answer is paired to. */
	itemIndex: number | number[];
	/**
	 * The output item's JSON, or throws the item's error. Called in answer order, each only after
	 * the answers before it were output (so a confirmation request is not sent for an item the
	 * node will never output).
	 */
	read(): IDataObject | Promise<IDataObject>;
	/** Joins the error item when `read` throws. */
	failureJson?: IDataObject;
}

export interface BatchSpec<Entry> {
	/** The entry of input item i; throws on bad input (that item fails alone, before anything is sent). */
	entry(this: IExecuteFunctions, itemIndex: number): Entry;
	/** Entries of one key may share a request; each key's entries go out in input order. */
	groupKey(entry: Entry): string;
	/** Most entries per request. */
	size: number;
	/** Sends one batch; resolves with the answers per item, or throws: every entry of the batch then fails. */
	send(this: IExecuteFunctions, batch: Array<BatchEntry<Entry>>): Promise<ItemAnswer[]>;
	/** Joins the error item of an entry whose whole batch failed. */
	batchFailureJson?(entry: BatchEntry<Entry>): IDataObject;
}

/** Consecutive batches of at most `size` entries, never mixing keys (in order of each key's first item). */
export function toBatches<Entry>(
	entries: Array<BatchEntry<Entry>>,
	size: number,
	groupKey: (entry: Entry) => string,
): Array<Array<BatchEntry<Entry>>> {
	const groups = new Map<string, Array<BatchEntry<Entry>>>();
	for (const entry of entries) {
		const key = groupKey(entry.entry);
		// push in place: copying the group per entry is quadratic (10,000 entries in one group:
		// 50 million element copies, about 2.5 s per call in a real n8n server's large heap)
		const group = groups.get(key);
		if (group) group.push(entry);
		else groups.set(key, [entry]);
	}
	const batches: Array<Array<BatchEntry<Entry>>> = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += size)
			batches.push(group.slice(start, start + size));
	}
	return batches;
}

/**
 * The item loop of batch operations: every input item becomes an entry (an invalid item fails
 * alone; with Continue On Fail off the node stops before anything is sent), entries go out as
 * batches of `size`, and each answer becomes an output item or an error item paired to its
 * input item. The caller outputs `inInputOrder()`.
 */
export async function inBatches<Entry>(
	this: IExecuteFunctions,
	output: ItemOutput,
	spec: BatchSpec<Entry>,
): Promise<void> {
	const count = output.inputItems.length;
	const entries: Array<BatchEntry<Entry>> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			entries.push({ itemIndex, entry: spec.entry.call(this, itemIndex) });
		} catch (error) {
			output.fail(itemIndex, error);
		}
	}

	for (const batch of toBatches(entries, spec.size, spec.groupKey)) {
		let answers: ItemAnswer[];
		try {
			answers = await spec.send.call(this, batch);
		} catch (error) {
			for (const entry of batch)
				output.fail(entry.itemIndex, error, spec.batchFailureJson?.(entry));
			continue;
		}
		for (const answer of answers) {
			try {
				output.add(answer.itemIndex, [await answer.read()]);
			} catch (error) {
				output.fail(answer.itemIndex, error, answer.failureJson);
			}
		}
	}
}
