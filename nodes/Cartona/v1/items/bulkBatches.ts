import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { BatchSpec, ItemAnswer } from '../../../shared/items/inBatches';
import { cartonaApiRequest } from '../../transport';
import { readBulkAnswer } from '../../transport/bulkAnswer';
import { buildPath } from '../../transport/encodePathSegment';
import type { BulkEntry, BulkOperation, OperationContext } from '../actions/operationKinds';
import { readBatchSize } from '../descriptions/readOptions';

/**
 * A bulk update as batches (shared/items/inBatches): every item is checked first, then the valid
 * entries go out as ceil(N / batch size) requests, never mixing supplier accounts or retry
 * classes (so a batch of `synced` acknowledgements stays safe to retry). Output: one item per
 * input item, with the entry sent:
 * `{ ok: true, outcome, request: {...entry}, response: {...rest of Cartona's answer} }`, where
 * outcome is 'updated' (the answer accounts for the entry), 'confirmed' (it did not; the
 * operation's `confirmEntry` showed Cartona applied it; `confirmation` holds that answer) or
 * 'accepted' (it did not and the operation has no confirmation); or an error item for entries
 * Cartona reports in `failed` or that the confirmation shows not applied (schema.ts).
 */
export function bulkBatches(
	this: IExecuteFunctions,
	operation: BulkOperation,
	context: OperationContext,
): BatchSpec<BulkEntry> {
	const path = buildPath(operation.path);
	const retryClassOf = (entry: BulkEntry) =>
		operation.retryClassOf?.(entry.body) ?? operation.retryClass;
	return {
		entry(itemIndex) {
			return {
				itemIndex,
				supplierCode: context.supplierCode(itemIndex),
				body: operation.buildEntry.call(this, itemIndex),
			};
		},
		groupKey: (entry) => JSON.stringify([entry.supplierCode, retryClassOf(entry)]),
		size: readBatchSize.call(this),
		batchFailureJson: ({ entry }) => ({ request: entry.body }),
		async send(batch) {
			const entries = batch.map(({ entry }) => entry);
			const answer = await cartonaApiRequest.call(this, context, {
				method: 'POST',
				path,
				body: entries.map((entry) => entry.body),
				supplierCode: entries[0].supplierCode,
				retryClass: retryClassOf(entries[0]),
				itemIndex: entries[0].itemIndex,
			});
			const { accountsForAll, failedByIndex, rest } = readBulkAnswer(answer, entries.length);
			return entries.map((entry, position): ItemAnswer => {
				const { itemIndex, body: request } = entry;
				const cartonaError = failedByIndex.get(position);
				if (cartonaError !== undefined) {
					const error = new NodeApiError(
						this.getNode(),
						{ error: cartonaError, index: position },
						{
							message: `Item ${itemIndex}: Cartona rejected it: ${cartonaError}`,
							description: `Entry ${position} of the batch sent to ${path} was reported in "failed"; the rest of the batch went in.`,
							itemIndex,
						},
					);
					return {
						itemIndex,
						failureJson: { request },
						read: () => {
							throw error;
						},
					};
				}
				if (accountsForAll || !operation.confirmEntry) {
					const outcome = accountsForAll ? 'updated' : 'accepted';
					return { itemIndex, read: () => ({ ok: true, outcome, request, response: rest }) };
				}
				// The answer cannot say which entry failed: this one is output as accepted only once confirmed.
				const confirmEntry = operation.confirmEntry;
				return {
					itemIndex,
					failureJson: { request, response: rest },
					read: async () => {
						const confirmation = await confirmEntry.call(this, context, entry, entries);
						return { ok: true, outcome: 'confirmed', request, response: rest, confirmation };
					},
				};
			});
		},
	};
}
