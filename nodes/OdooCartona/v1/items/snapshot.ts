import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemAnswer } from '../../../shared/items/inBatches';
import { asNodeError } from '../../../shared/items/nodeError';
import type { ItemPlan } from '../../../shared/items/itemPlan';
import { callMarketplace } from '../../transport';
import { MAX_BATCH_ELEMENTS } from '../descriptions/common.descriptions';
import { parseIdList, readConfigId, readItemObject, readWholeNumber } from '../validation/readParameters';

/** A snapshot method of the batch API and the keys each of its items keeps. */
export interface SnapshotMethod {
	method: string;
	outputKeys: readonly string[];
}

interface SnapshotPage {
	items?: unknown;
	next_offset?: unknown;
	next_after?: unknown;
}

/** Keyset bounds of a snapshot read: variants with an ID above `after`, up to `until` (inclusive). */
interface SnapshotRange {
	after?: number;
	until?: number;
}

/**
 * Reads a whole snapshot for all mapped products (`productIds` undefined) or the given variants
 * (in chunks of the page size), within `range` when given. Pages by keyset: each page's
 * `next_after` (its last variant ID, null on the last page) is the next page's `after_id`, so a
 * product that leaves the snapshot meanwhile (refused, unmapped) shifts nothing; an Odoo addon
 * without `next_after` is paged by `next_offset` as before.
 * With `onePageAt` (One Page Only): the single page at that offset, or after `range.after`
 * (the given variants in one chunk), each row carrying the page's `next_offset` and
 * `next_after` (null on the last page), so a workflow can page a large catalogue through several
 * executions and hold one page at a time.
 */
async function readSnapshot(
	this: IExecuteFunctions,
	spec: SnapshotMethod,
	configId: number,
	productIds: number[] | undefined,
	pageSize: number,
	itemIndex: number,
	onePageAt?: number,
	range: SnapshotRange = {},
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	const chunks: Array<number[] | undefined> = [];
	if (productIds === undefined || onePageAt !== undefined) chunks.push(productIds);
	else for (let at = 0; at < productIds.length; at += pageSize) chunks.push(productIds.slice(at, at + pageSize));
	for (const chunk of chunks) {
		let offset = onePageAt ?? 0;
		let after = range.after;
		for (;;) {
			const kwargs: IDataObject = { config_id: configId, offset, limit: pageSize };
			if (chunk) kwargs.product_ids = chunk;
			if (after !== undefined) kwargs.after_id = after;
			if (range.until !== undefined) kwargs.until_id = range.until;
			const page = (await callMarketplace.call(this, spec.method, kwargs)) as SnapshotPage | null;
			if (!page || !Array.isArray(page.items)) {
				throw new NodeOperationError(this.getNode(), `Odoo's ${spec.method} returned no "items" list`, { itemIndex });
			}
			for (const item of page.items as IDataObject[]) {
				const row: IDataObject = {};
				for (const key of spec.outputKeys) if (key in item) row[key] = item[key];
				rows.push(row);
			}
			const next = page.next_offset;
			if (next !== null && next !== undefined && (typeof next !== 'number' || next <= offset)) {
				throw new NodeOperationError(this.getNode(), `Odoo's ${spec.method} returned next_offset ${JSON.stringify(next)} after offset ${offset}`, { itemIndex });
			}
			const nextAfter = page.next_after;
			if (nextAfter !== null && nextAfter !== undefined && (typeof nextAfter !== 'number' || nextAfter <= (after ?? 0))) {
				throw new NodeOperationError(this.getNode(), `Odoo's ${spec.method} returned next_after ${JSON.stringify(nextAfter)} after product ID ${after ?? 0}`, { itemIndex });
			}
			if (onePageAt !== undefined) {
				for (const row of rows) {
					row.next_offset = (next as number | undefined) ?? null;
					row.next_after = (nextAfter as number | undefined) ?? null;
				}
				return rows;
			}
			if (next === null || next === undefined) break;
			if (typeof nextAfter === 'number') {
				after = nextAfter;
				offset = 0;
			} else offset = next as number;
		}
	}
	return rows;
}

const PAGES_METHOD = 'cartona_snapshot_pages';

/**
 * Page Ranges Only: one item per page of the mapped products, `{after, until}` (until null on the
 * last, open page), from one id-only Odoo call, for a workflow that reconciles each range in its
 * own execution and goes on to the next range when one fails.
 */
async function readPageRanges(this: IExecuteFunctions, configId: number, pageSize: number, itemIndex: number): Promise<IDataObject[]> {
	const answer = (await callMarketplace.call(this, PAGES_METHOD, { config_id: configId, limit: pageSize })) as { pages?: unknown } | null;
	const pages = answer?.pages;
	const valid = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
	if (!Array.isArray(pages) || pages.length === 0 || !pages.every((p: IDataObject) => valid(p?.after) && (p.until === null || valid(p.until)))) {
		throw new NodeOperationError(this.getNode(), `Odoo's ${PAGES_METHOD} returned no list of page ranges`, { itemIndex });
	}
	return (pages as IDataObject[]).map((p, page) => ({ page: page + 1, pages: pages.length, after: p.after, until: p.until }));
}

function readPageSize(this: IExecuteFunctions, i: number): number {
	return readWholeNumber.call(this, 'options.pageSize', 'Page Size', i, 2000, 1, MAX_BATCH_ELEMENTS);
}

/**
 * After Product ID / Up To Product ID: a bound of 0 or empty is no bound (Up To), an empty After
 * is 0; null (the last, open page range) is no bound.
 */
function readRange(this: IExecuteFunctions, i: number): SnapshotRange {
	const range: SnapshotRange = {};
	const bound = (name: string, label: string): number | undefined => {
		const raw = this.getNodeParameter(`options.${name}`, i, null) as unknown;
		if (raw === null || raw === undefined || raw === '') return undefined;
		return readWholeNumber.call(this, `options.${name}`, label, i, 0, 0, Number.MAX_SAFE_INTEGER);
	};
	const after = bound('afterId', 'After Product ID');
	if (after !== undefined) range.after = after;
	const until = bound('untilId', 'Up To Product ID');
	if (until !== undefined && until > 0) range.until = until;
	return range;
}

interface InputProducts {
	configId: number;
	ids: number[];
}

/**
 * Product IDs From Input Items: one snapshot per config over the variants of all input items;
 * each snapshot item is paired to the input items that named its variant. Output in the order
 * reported: the items refused at once, then each config's snapshot.
 */
function snapshotFromInput(this: IExecuteFunctions, spec: SnapshotMethod): ItemPlan {
	const items = this.getInputData();
	let pageSize: number | undefined;
	return {
		kind: 'batches',
		order: 'reported',
		spec: {
			size: Infinity,
			entry(i): InputProducts {
				const configId = readConfigId.call(this, i);
				const field = String(this.getNodeParameter('productIdField', i, 'product_id')).trim();
				const json = readItemObject.call(this, items[i].json, i);
				const ids = parseIdList.call(this, json[field] as unknown, field, i);
				if (!ids || ids.length === 0) {
					throw new NodeOperationError(this.getNode(), `Item ${i}: "${field}" is missing`, { itemIndex: i });
				}
				return { configId, ids };
			},
			groupKey: (entry: InputProducts) => String(entry.configId),
			send: async (batch: Array<{ itemIndex: number; entry: InputProducts }>): Promise<ItemAnswer[]> => {
				pageSize ??= readPageSize.call(this, 0);
				/** variant -> the input items naming it, in input order */
				const pairs = new Map<number, number[]>();
				for (const { itemIndex, entry } of batch) {
					for (const id of entry.ids) {
						const items = pairs.get(id);
						if (items) items.push(itemIndex);
						else pairs.set(id, [itemIndex]);
					}
				}
				const firstItem = batch[0].itemIndex;
				let rows: IDataObject[];
				try {
					rows = await readSnapshot.call(this, spec, batch[0].entry.configId, [...pairs.keys()], pageSize, firstItem);
				} catch (error) {
					// Every input item of this config fails, in the order their variants were named.
					const failed = [...new Set([...pairs.values()].flat())];
					const nodeError = asNodeError(this.getNode(), error, failed[0]);
					return failed.map((itemIndex) => ({ itemIndex, read: () => { throw nodeError; } }));
				}
				return rows.map((row) => ({ itemIndex: pairs.get(row.product_id as number) ?? [firstItem], read: () => row }));
			},
		},
	};
}

/** Get Snapshot for stock or price. */
export function snapshotPlan(this: IExecuteFunctions, spec: SnapshotMethod): ItemPlan {
	const products = this.getNodeParameter('products', 0, 'allMapped') as string;
	if (products === 'fromInput') return snapshotFromInput.call(this, spec);
	return {
		kind: 'each',
		async produce(i) {
			const configId = readConfigId.call(this, i);
			let productIds: number[] | undefined;
			if (products === 'list') {
				productIds = parseIdList.call(this, this.getNodeParameter('productIds', i, ''), 'Product IDs', i);
				if (!productIds || productIds.length === 0) {
					throw new NodeOperationError(this.getNode(), `Item ${i}: "Product IDs" is empty`, {
						itemIndex: i,
						description: 'Choose "All Mapped Products" to read every mapped product',
					});
				}
			}
			if (this.getNodeParameter('options.pageRanges', i, false) as boolean) {
				if (products !== 'allMapped') {
					throw new NodeOperationError(this.getNode(), `Item ${i}: "Page Ranges Only" needs "All Mapped Products"`, { itemIndex: i });
				}
				return await readPageRanges.call(this, configId, readPageSize.call(this, i), i);
			}
			const range = readRange.call(this, i);
			const onePage = this.getNodeParameter('options.onePage', i, false) as boolean;
			const offset = readWholeNumber.call(this, 'options.offset', 'Offset', i, 0, 0, Number.MAX_SAFE_INTEGER);
			if (onePage && offset > 0 && range.after !== undefined) {
				throw new NodeOperationError(this.getNode(), `Item ${i}: give "Offset" or "After Product ID", not both`, { itemIndex: i });
			}
			const onePageAt = onePage ? offset : undefined;
			return await readSnapshot.call(this, spec, configId, productIds, readPageSize.call(this, i), i, onePageAt, range);
		},
	};
}
