import type { IDataObject } from 'n8n-workflow';
import { BULK_ANSWER } from '../schema';

export interface BulkAnswer {
	/**
	 * Whether the answer accounts for every entry sent (the rule in schema.ts): entries not in
	 * `failedByIndex` are then accepted; otherwise the answer cannot say which of them failed.
	 */
	accountsForAll: boolean;
	/** Cartona's error text by position within the batch. */
	failedByIndex: Map<number, string>;
	/** The rest of the answer (e.g. `updated`), passed on untouched. */
	rest: IDataObject;
}

/**
 * Reads a bulk answer [assumed shape: `{"updated": N, "failed": [{"index": i, "error": "..."}]}`].
 * Failures whose index is outside the batch cannot be paired to an item: they are kept in
 * `rest.failed`, and the answer then does not account for every entry.
 */
export function readBulkAnswer(answer: unknown, batchLength: number): BulkAnswer {
	const failedByIndex = new Map<number, string>();
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
		return {
			accountsForAll: false,
			failedByIndex,
			rest: answer === undefined || answer === '' ? {} : { answer: answer as IDataObject },
		};
	}
	const { [BULK_ANSWER.failed]: failed, ...rest } = answer as IDataObject;
	const unpaired: unknown[] = [];
	if (Array.isArray(failed)) {
		for (const entry of failed) {
			const index = (entry as IDataObject | null)?.[BULK_ANSWER.failedIndex];
			if (
				typeof index === 'number' &&
				Number.isInteger(index) &&
				index >= 0 &&
				index < batchLength
			) {
				const error = (entry as IDataObject)[BULK_ANSWER.failedError];
				failedByIndex.set(
					index,
					typeof error === 'string' ? error : JSON.stringify(error ?? 'failed'),
				);
			} else {
				unpaired.push(entry);
			}
		}
	}
	if (unpaired.length) rest[BULK_ANSWER.failed] = unpaired as IDataObject[];
	const updated = rest[BULK_ANSWER.updated];
	const counted = typeof updated === 'number' && Number.isFinite(updated);
	const accountsForAll =
		unpaired.length === 0 &&
		(counted ? updated >= batchLength - failedByIndex.size : Array.isArray(failed));
	return { accountsForAll, failedByIndex, rest };
}
