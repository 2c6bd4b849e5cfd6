import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { BatchEntry, BatchSpec, ItemAnswer } from '../../../shared/items/inBatches';
import { toBatches } from '../../../shared/items/inBatches';
import { cartonaApiRequest } from '../../transport';
import { readBulkAnswer } from '../../transport/bulkAnswer';
import { buildPath } from '../../transport/encodePathSegment';
import type { BulkEntry, BulkOperation, OperationContext } from '../actions/operationKinds';
import { RequestGate } from '../../transport/requestGate';
import { readBatchSize, readGateLimits } from '../descriptions/readOptions';

/**
 * A bulk update as batches (shared/items/inBatches): every item is checked first, then the valid
 * entries go out as ceil(N / batch size) requests, never mixing supplier accounts or retry
 * classes (so a batch of `synced` acknowledgements stays safe to retry). Output: one item per
 * input item, with the entry sent:
 * `{ ok: true, outcome, request: {...entry}, response: {...rest of Cartona's answer} }`, where
 * outcome is 'updated' (the answer accounts for the entry), 'confirmed' (it did not; the
 * operation's `confirmEntry` showed Cartona applied it; `confirmation` holds that answer) or
 * 'accepted' (it did not and the operation has no confirmation); or an error item for entries
 * Cartona reports in `failed` (with `refused: true`) or that the confirmation shows not applied
 * (schema.ts).
 *
 * Concurrency (node options Concurrency and Max Requests Per Second): the item loop asks for one
 * batch at a time and outputs its answers before asking for the next; when it asks for batch k,
 * batches k..k+N-1 of the same plan (toBatches over the same entries) are started, and the loop
 * gets batch k's answer when it is in, so output order and pairing are those of N = 1, however
 * the answers arrive. Every request of the run (batches, retries, confirmations) passes one
 * RequestGate: at most N in flight, the requests-per-second cap, and a shared pause after a 429.
 * If a batch fails and the node stops, at most N - 1 later batches were already sent.
 * When one order or product appears in two batches, the batches go one at a time, as with N = 1:
 * answers may arrive in any order, but changes to one record must land in input order.
 */
/** The record an entry changes, for spotting one record in two batches; undefined when it names none. */
function recordOf(entry: BulkEntry): string | undefined {
	const { body } = entry;
	for (const field of [
		'hashed_id',
		'supplier_product_id',
		'internal_product_id',
		'base_product_id',
	]) {
		const value = body[field];
		if (value !== undefined && value !== null && value !== '')
			return JSON.stringify([entry.supplierCode, field, String(value)]);
	}
	return undefined;
}

/** Whether some record is changed by entries of two different batches. */
function recordInTwoBatches(plan: Array<Array<BatchEntry<BulkEntry>>>): boolean {
	const batchOfRecord = new Map<string, number>();
	for (let k = 0; k < plan.length; k++) {
		for (const { entry } of plan[k]) {
			const record = recordOf(entry);
			if (record === undefined) continue;
			const seenIn = batchOfRecord.get(record);
			if (seenIn !== undefined && seenIn !== k) return true;
			batchOfRecord.set(record, k);
		}
	}
	return false;
}

export function bulkBatches(
	this: IExecuteFunctions,
	operation: BulkOperation,
	context: OperationContext,
): BatchSpec<BulkEntry> {
	const path = buildPath(operation.path);
	const retryClassOf = (entry: BulkEntry) =>
		operation.retryClassOf?.(entry.body) ?? operation.retryClass;
	const groupKey = (entry: BulkEntry) => JSON.stringify([entry.supplierCode, retryClassOf(entry)]);
	const size = readBatchSize.call(this);
	const limits = readGateLimits.call(this);
	const gated: OperationContext = { ...context, gate: new RequestGate(limits) };
	/** Every valid entry, in input order: the loop batches exactly these. */
	const valid: Array<BatchEntry<BulkEntry>> = [];
	let plan: Array<Array<BatchEntry<BulkEntry>>> | undefined;
	let planIndex: Map<number, number> | undefined;
	/** Batches in flight at once: the option, or 1 when a record is in two batches. */
	let inFlight = limits.concurrency;
	const started = new Map<number, Promise<ItemAnswer[]>>();
	const handedOut = new Set<number>();

	/** An entry of `batch` output as accepted only once confirmed (`why`: what the batch answer lacked). */
	const toConfirm = (
		entry: BulkEntry,
		batch: BulkEntry[],
		confirmEntry: NonNullable<BulkOperation['confirmEntry']>,
		rest: IDataObject,
		why?: string,
	): ItemAnswer => {
		const { itemIndex, body: request } = entry;
		return {
			itemIndex,
			failureJson: { request, response: rest },
			read: async () => {
				const confirmation = await confirmEntry.call(this, gated, entry, { batch, why });
				return { ok: true, outcome: 'confirmed', request, response: rest, confirmation };
			},
		};
	};

	const sendBatch = async (batch: Array<BatchEntry<BulkEntry>>): Promise<ItemAnswer[]> => {
		const entries = batch.map(({ entry }) => entry);
		// cartonaApiRequest fails with the transport's NodeApiError (or a NodeOperationError).
		const sent = await cartonaApiRequest
			.call(this, gated, {
				method: 'POST',
				path,
				body: entries.map((entry) => entry.body),
				supplierCode: entries[0].supplierCode,
				retryClass: retryClassOf(entries[0]),
				itemIndex: entries[0].itemIndex,
			})
			.then(
				(answer: unknown) => ({ answer, failure: undefined }),
				(failure: unknown) => ({ answer: undefined, failure }),
			);
		const { answer, failure } = sent;
		if (failure !== undefined) {
			// No answer to a change that may have been applied: each entry is confirmed (schema.ts).
			if (
				operation.confirmUnknownOutcome &&
				operation.confirmEntry &&
				failure instanceof NodeApiError &&
				failure.context.outcomeUnknown === true
			) {
				const why = `The request to ${path} got no answer (${failure.message}), so Cartona may or may not have applied this entry.`;
				const confirmEntry = operation.confirmEntry;
				return entries.map((entry) => toConfirm(entry, entries, confirmEntry, {}, why));
			}
			throw failure;
		}
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
				// `refused`: Cartona looked at this entry and said no, so sending it again unchanged
				// would be refused again (templates stop retrying it; a failed request is not refused).
				return {
					itemIndex,
					failureJson: { request, refused: true },
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
			return toConfirm(entry, entries, operation.confirmEntry, rest);
		});
	};

	const start = (k: number) => {
		if (!plan || started.has(k) || handedOut.has(k)) return;
		const answers = sendBatch(plan[k]);
		answers.catch(() => undefined); // handed to the loop, which reports it; never unhandled meanwhile
		started.set(k, answers);
	};

	return {
		entry(itemIndex) {
			const entry: BulkEntry = {
				itemIndex,
				supplierCode: context.supplierCode(itemIndex),
				body: operation.buildEntry.call(this, itemIndex),
			};
			valid.push({ itemIndex, entry });
			return entry;
		},
		groupKey,
		size,
		batchFailureJson: ({ entry }) => ({ request: entry.body }),
		async send(batch) {
			if (!plan) {
				plan = toBatches(valid, size, groupKey);
				planIndex = new Map(plan.map((planned, k) => [planned[0].itemIndex, k]));
				if (inFlight > 1 && recordInTwoBatches(plan)) inFlight = 1;
			}
			const k = planIndex?.get(batch[0].itemIndex);
			// Not a batch of the plan (never expected): sent as asked, alone.
			if (k === undefined || plan[k].length !== batch.length) return await sendBatch(batch);
			for (let next = k; next < Math.min(plan.length, k + inFlight); next++) start(next);
			const answers = started.get(k) as Promise<ItemAnswer[]>;
			started.delete(k);
			handedOut.add(k);
			return await answers;
		},
	};
}
