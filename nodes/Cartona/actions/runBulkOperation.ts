import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { cartonaApiRequest } from '../transport';
import { buildPath } from '../transport/encodePathSegment';
import type { RetryClass } from '../transport/retryPolicy';
import { readBulkAnswer } from './bulkAnswer';
import type { ItemResults } from './itemResults';
import type { BulkEntry, BulkOperation, OperationContext } from './operationKinds';
import { readBatchSize } from './readOptions';

interface Batch {
	retryClass: RetryClass;
	entries: BulkEntry[];
}

/**
 * Consecutive batches of at most `size` entries, never mixing supplier accounts or retry classes
 * (so a batch of `synced` acknowledgements stays safe to retry).
 */
export function toBatches(
	entries: BulkEntry[],
	size: number,
	retryClassOf: (entry: BulkEntry) => RetryClass,
): Batch[] {
	const groups = new Map<string, Batch>();
	for (const entry of entries) {
		const retryClass = retryClassOf(entry);
		const key = JSON.stringify([entry.supplierCode, retryClass]);
		const group = groups.get(key) ?? { retryClass, entries: [] };
		group.entries.push(entry);
		groups.set(key, group);
	}
	const batches: Batch[] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.entries.length; start += size) {
			batches.push({
				retryClass: group.retryClass,
				entries: group.entries.slice(start, start + size),
			});
		}
	}
	return batches;
}

/**
 * Bulk update: every item is checked first (an invalid item fails alone; with Continue On Fail
 * off the node stops before anything is sent), then the valid entries go out as
 * ceil(N / batch size) requests. Output: one item per input item, paired, with the entry sent:
 * `{ ok: true, outcome, request: {...entry}, response: {...rest of Cartona's answer} }`, where
 * outcome is 'updated' (the answer accounts for the entry), 'confirmed' (it did not; the
 * operation's `confirmEntry` showed Cartona applied it; `confirmation` holds that answer) or
 * 'accepted' (it did not and the operation has no confirmation); or an error item for entries
 * Cartona reports in `failed` or that the confirmation shows not applied (schema.ts).
 */
export async function runBulkOperation(
	this: IExecuteFunctions,
	operation: BulkOperation,
	context: OperationContext,
	results: ItemResults,
): Promise<void> {
	const count = this.getInputData().length;
	const entries: BulkEntry[] = [];
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
	const retryClassOf = (entry: BulkEntry) =>
		operation.retryClassOf?.(entry.body) ?? operation.retryClass;
	for (const batch of toBatches(entries, readBatchSize.call(this), retryClassOf)) {
		let answer: unknown;
		try {
			answer = await cartonaApiRequest.call(this, context, {
				method: 'POST',
				path,
				body: batch.entries.map((entry) => entry.body),
				supplierCode: batch.entries[0].supplierCode,
				retryClass: batch.retryClass,
				itemIndex: batch.entries[0].itemIndex,
			});
		} catch (error) {
			for (const entry of batch.entries)
				results.fail(entry.itemIndex, error, { request: entry.body });
			continue;
		}
		const { accountsForAll, failedByIndex, rest } = readBulkAnswer(answer, batch.entries.length);
		for (const [position, entry] of batch.entries.entries()) {
			const cartonaError = failedByIndex.get(position);
			if (cartonaError !== undefined) {
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
				continue;
			}
			if (accountsForAll || !operation.confirmEntry) {
				const outcome = accountsForAll ? 'updated' : 'accepted';
				results.add(entry.itemIndex, [{ ok: true, outcome, request: entry.body, response: rest }]);
				continue;
			}
			// The answer cannot say which entry failed: this one is output as accepted only once confirmed.
			try {
				const confirmation = await operation.confirmEntry.call(this, context, entry, batch.entries);
				results.add(entry.itemIndex, [
					{ ok: true, outcome: 'confirmed', request: entry.body, response: rest, confirmation },
				]);
			} catch (error) {
				results.fail(entry.itemIndex, error, { request: entry.body, response: rest });
			}
		}
	}
}
