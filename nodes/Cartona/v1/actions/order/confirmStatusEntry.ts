import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { FIELD, IDEMPOTENT_STATUS, ONE_STATUS_ANSWER_STATUS, PATHS } from '../../../schema';
import { cartonaApiRequest } from '../../../transport';
import { buildPath } from '../../../transport/encodePathSegment';
import type { BulkEntry, OperationContext } from '../operationKinds';
import { retryClassOfStatusEntry } from './statusEntry';

const WHY =
	"Cartona's answer to the bulk order/update-order-status did not account for every entry sent, so this entry was sent again alone to";

/** Whether a failed call is Cartona's answer refusing the change (4xx other than 429). */
function isRefusal(error: NodeApiError): boolean {
	const status = Number(error.httpCode);
	return Number.isInteger(status) && status >= 400 && status < 500 && status !== 429;
}

/**
 * Confirms one status entry the bulk answer did not account for (the rule in schema.ts): the
 * entry goes alone to order/update-order-status/{hashed_id}, which answers an error when Cartona
 * refuses it (not when a later entry of the batch changes the same order: that one is confirmed,
 * this one reported not confirmed). Resolves with that answer; throws a NodeApiError naming the item, the order, the
 * status and Cartona's reason when the status is not applied or cannot be confirmed.
 */
export async function confirmStatusEntry(
	this: IExecuteFunctions,
	context: OperationContext,
	entry: BulkEntry,
	{ batch }: { batch: readonly BulkEntry[] },
): Promise<IDataObject> {
	const hashedId = String(entry.body[FIELD.hashedId]);
	const status = String(entry.body[FIELD.status]);
	const path = buildPath(PATHS.updateOneOrderStatus, { hashed_id: hashedId });
	const who = `Item ${entry.itemIndex}: Order ${hashedId}`;
	// Sending an earlier entry again after a later one of the same order went in would undo it.
	const later = batch
		.slice(batch.indexOf(entry) + 1)
		.find(
			(other) =>
				String(other.body[FIELD.hashedId]) === hashedId &&
				other.body[FIELD.status] !== IDEMPOTENT_STATUS,
		);
	if (later && status !== IDEMPOTENT_STATUS) {
		throw new NodeApiError(this.getNode(), { hashed_id: hashedId, status } as JsonObject, {
			message: `${who}: Cartona did not confirm status ${status}`,
			description: `${WHY} ${path}, but item ${later.itemIndex} of the same batch sets status ${String(later.body[FIELD.status])} on this order later, so this entry is not sent again.`,
			itemIndex: entry.itemIndex,
		});
	}
	let answer: unknown;
	try {
		answer = await cartonaApiRequest.call(this, context, {
			method: 'POST',
			path,
			body: entry.body,
			supplierCode: entry.supplierCode,
			retryClass: retryClassOfStatusEntry(entry.body),
			itemIndex: entry.itemIndex,
		});
	} catch (error) {
		// Not an HTTP failure (e.g. no credential): passed on (the constructor returns a NodeOperationError as it is).
		if (!(error instanceof NodeApiError))
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: entry.itemIndex });
		const cartonaError =
			typeof error.context.cartonaError === 'string' ? error.context.cartonaError : undefined;
		const refused = isRefusal(error);
		throw new NodeApiError(
			this.getNode(),
			{
				hashed_id: hashedId,
				status,
				error: cartonaError ?? null,
				httpCode: error.httpCode ?? null,
			} as JsonObject,
			{
				message: refused
					? `${who}: Cartona did not apply status ${status}: ${cartonaError ?? error.message}`
					: `${who}: Cartona did not confirm status ${status}: ${error.message}`,
				description: `${WHY} ${path}. ${error.description ?? ''}`.trim(),
				httpCode: error.httpCode ?? undefined,
				itemIndex: entry.itemIndex,
			},
		);
	}
	const record =
		answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer as IDataObject) : {};
	const current = record[ONE_STATUS_ANSWER_STATUS];
	if (status !== IDEMPOTENT_STATUS && typeof current === 'string' && current !== status) {
		throw new NodeApiError(this.getNode(), { hashed_id: hashedId, status, current } as JsonObject, {
			message: `${who}: Cartona did not apply status ${status} (its status is ${current})`,
			description: `${WHY} ${path}, which answered the order with status ${current}.`,
			itemIndex: entry.itemIndex,
		});
	}
	return record;
}
