import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { cartonaApiRequest } from '../transport';
import { buildPath } from '../transport/encodePathSegment';
import { readBulkAnswer } from './bulkAnswer';
import type { ItemResults } from './itemResults';
import type { BulkOperation, OperationContext } from './operationKinds';
import { readBatchSize } from './readOptions';

interface Entry {
	itemIndex: number;
	supplierCode: string;
	body: IDataObject;
}

/** Consecutive batches of at most `size` entries, never mixing supplier accounts. */
export function toBatches(entries: Entry[], size: number): Entry[][] {
	const bySupplier = new Map<string, Entry[]>();
	for (const entry of entries) {
		bySupplier.set(entry.supplierCode, [...(bySupplier.get(entry.supplierCode) ?? []), entry]);
	}
	const batches: Entry[][] = [];
	for (const group of bySupplier.values()) {
		for (let start = 0; start < group.length; start += size) batches.push(group.slice(start, start + size));
	}
	return batches;
}

/**
 * Bulk update: every item is checked first (an invalid item fails alone; with Continue On Fail
 * off the node stops before anything is sent), then the valid entries go out as
 * ceil(N / batch size) requests. Output: one item per input item, paired, with the entry sent:
 * `{ ok: true, outcome: 'updated' | 'accepted', request: {...entry}, response: {...rest of Cartona's answer} }`,
 * or an error item for entries Cartona reports in `failed`.
 */
export async function runBulkOperation(
	this: IExecuteFunctions,
	operation: BulkOperation,
	context: OperationContext,
	results: ItemResults,
): Promise<void> {
	const count = this.getInputData().length;
	const entries: Entry[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			entries.push({
				itemIndex,
				supplierCode: context.supplierCode(itemIndex),
				body: operation.buildEntry.call(this, itemIndex),
			});
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}

	const path = buildPath(operation.path);
	for (const batch of toBatches(entries, readBatchSize.call(this))) {
		let answer: unknown;
		try {
			answer = await cartonaApiRequest.call(this, context, {
				method: 'POST',
				path,
				body: batch.map((entry) => entry.body),
				supplierCode: batch[0].supplierCode,
				retryClass: operation.retryClass,
				itemIndex: batch[0].itemIndex,
			});
		} catch (error) {
			for (const entry of batch) results.fail(entry.itemIndex, error, { request: entry.body });
			continue;
		}
		const { perEntry, failedByIndex, rest } = readBulkAnswer(answer, batch.length);
		// 'accepted': Cartona took the batch without reporting entries one by one (the bulk
		// order-status endpoint never does), so a silent refusal cannot be ruled out.
		const outcome = perEntry ? 'updated' : 'accepted';
		batch.forEach((entry, position) => {
			const cartonaError = failedByIndex.get(position);
			if (cartonaError === undefined) {
				results.add(entry.itemIndex, [{ ok: true, outcome, request: entry.body, response: rest }]);
				return;
			}
			const error = new NodeApiError(
				this.getNode(),
				{ error: cartonaError, index: position },
				{
					message: `Item ${entry.itemIndex}: Cartona rejected it: ${cartonaError}`,
					description: `Entry ${position} of the batch sent to ${path} was reported in "failed"; the rest of the batch went in.`,
					itemIndex: entry.itemIndex,
				},
			);
			results.fail(entry.itemIndex, error, { request: entry.body });
		});
	}
}
