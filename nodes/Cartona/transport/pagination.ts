import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { FIRST_PAGE, LIST_ENVELOPE_KEYS, MAX_PAGES, PAGE_SIZE_MAX, QUERY } from '../schema';
import type { CartonaCallContext, CartonaRequest } from './index';
import { cartonaApiRequest } from './index';

export type ListRequest = Omit<CartonaRequest, 'method' | 'body' | 'retryClass'>;

/** The records of one list answer: a bare array, or an array under an envelope key. */
export function recordsOfPage(this: IExecuteFunctions, answer: unknown, path: string, itemIndex?: number): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	if (answer && typeof answer === 'object') {
		for (const key of LIST_ENVELOPE_KEYS) {
			const value = (answer as IDataObject)[key];
			if (Array.isArray(value)) return value as IDataObject[];
		}
	}
	throw new NodeOperationError(this.getNode(), `Cartona answered ${path} with something other than a list`, {
		itemIndex,
		description: `Expected a JSON array, got: ${JSON.stringify(answer)?.slice(0, 300)}`,
	});
}

/**
 * Reads a Cartona list page after page (`page` from 1, fixed `per_page`).
 *
 * Preconditions: the endpoint answers a bare JSON array with no totals or next links, and the
 * last page is empty or shorter than `per_page` [code].
 * - `limit` undefined (Return All): reads until an empty or short page.
 * - `limit` set: `per_page` is min(limit, 100) and reading stops as soon as `limit` records are
 *   in hand, so no page beyond the need is fetched.
 * GETs are `repeatable` for the retry policy.
 */
export async function readPages(
	this: IExecuteFunctions,
	context: CartonaCallContext,
	request: ListRequest,
	limit?: number,
): Promise<IDataObject[]> {
	const perPage = limit === undefined ? PAGE_SIZE_MAX : Math.max(1, Math.min(PAGE_SIZE_MAX, limit));
	const records: IDataObject[] = [];
	for (let page = FIRST_PAGE; page < FIRST_PAGE + MAX_PAGES; page++) {
		const answer = await cartonaApiRequest.call(this, context, {
			...request,
			method: 'GET',
			retryClass: 'repeatable',
			qs: { ...(request.qs ?? {}), [QUERY.page]: page, [QUERY.perPage]: perPage },
		});
		const pageRecords = recordsOfPage.call(this, answer, request.path, request.itemIndex);
		records.push(...pageRecords);
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
		if (pageRecords.length < perPage) return records;
	}
	return records;
}
