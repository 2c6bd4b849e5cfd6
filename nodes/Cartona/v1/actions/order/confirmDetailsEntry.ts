import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CONFIRM_LINE_FIELDS_SAFE_TO_REPEAT, FIELD, PATHS } from '../../../schema';
import { cartonaApiRequest } from '../../../transport';
import { buildPath } from '../../../transport/encodePathSegment';
import { readBulkAnswer } from '../../../transport/bulkAnswer';
import type { BulkEntry, OperationContext } from '../operationKinds';

const WHY =
	"Cartona's answer to order/update-order-details did not account for every entry sent and did not name this one as failed.";
const SAFE_FIELDS: readonly string[] = CONFIRM_LINE_FIELDS_SAFE_TO_REPEAT;

/** Whether sending the entry twice leaves the same order: only absolute edits of existing lines. */
export function isSafeToRepeat(entry: IDataObject): boolean {
	const lines = entry[FIELD.orderDetails];
	return (
		Array.isArray(lines) &&
		lines.every(
			(line) =>
				line !== null &&
				typeof line === 'object' &&
				(line as IDataObject)[FIELD.lineId] !== undefined &&
				Object.keys(line).every((key) => SAFE_FIELDS.includes(key)),
		)
	);
}

/**
 * Confirms one details entry the batch answer did not account for, or that got no answer at all
 * (`why` says which; the rule in schema.ts). An
 * entry that only sets amounts, prices or comments of existing lines is sent again alone, so the
 * one-entry answer says whether it went in; any other entry (it adds or cancels lines) is not sent
 * twice and is reported not confirmed. Throws a NodeApiError naming the item and the order unless
 * Cartona's answer shows the change applied; resolves with that answer.
 */
export async function confirmDetailsEntry(
	this: IExecuteFunctions,
	context: OperationContext,
	entry: BulkEntry,
	{ why = WHY }: { why?: string } = {},
): Promise<IDataObject> {
	const hashedId = String(entry.body[FIELD.hashedId]);
	const who = `Item ${entry.itemIndex}: Order ${hashedId}`;
	const fail = (
		message: string,
		description: string,
		extra: IDataObject = {},
		httpCode?: string,
	): never => {
		throw new NodeApiError(this.getNode(), { hashed_id: hashedId, ...extra } as JsonObject, {
			message: `${who}: ${message}`,
			description: `${why} ${description}`,
			httpCode,
			itemIndex: entry.itemIndex,
		});
	};
	if (!isSafeToRepeat(entry.body)) {
		fail(
			'Cartona did not confirm these line changes',
			`They add or cancel lines, so they are not sent again automatically (a repeat could add a line twice): check order ${hashedId} in Cartona before running again.`,
		);
	}
	let answer: unknown;
	try {
		answer = await cartonaApiRequest.call(this, context, {
			method: 'POST',
			path: buildPath(PATHS.updateOrderDetails),
			body: [entry.body],
			supplierCode: entry.supplierCode,
			retryClass: 'notReplayable',
			itemIndex: entry.itemIndex,
		});
	} catch (error) {
		// Not an HTTP failure (e.g. no credential): passed on (the constructor returns a NodeOperationError as it is).
		if (!(error instanceof NodeApiError))
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: entry.itemIndex });
		return fail(
			`Cartona did not confirm these line changes: ${error.message}`,
			`Sending it again alone failed too. ${error.description ?? ''}`.trim(),
			{},
			error.httpCode ?? undefined,
		);
	}
	const { accountsForAll, failedByIndex, rest } = readBulkAnswer(answer, 1);
	const cartonaError = failedByIndex.get(0);
	if (cartonaError !== undefined) {
		fail(
			`Cartona did not apply these line changes: ${cartonaError}`,
			'Sent again alone, it was reported in "failed".',
			{
				error: cartonaError,
			},
		);
	}
	if (!accountsForAll) {
		fail(
			'Cartona did not confirm these line changes',
			`Sent again alone, the answer did not account for it either (${JSON.stringify(rest).slice(0, 200)}): check order ${hashedId} in Cartona.`,
			{ answer: rest },
		);
	}
	return rest;
}
