/**
 * Stock > Get Snapshot with Include Price (issue 13): the stock push's full reconciliation sends
 * stock and price in one Cartona item per product, joined inside the node instead of by an
 * expression in the template. One price call per stock page at most, never one per item.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OdooCartona } from '../../../nodes/OdooCartona/OdooCartona.node';
import { callMarketplace } from '../../../nodes/OdooCartona/transport';
import { createMockExecuteFunctions } from '../odoo/mockContexts';

jest.mock('../../../nodes/OdooCartona/transport', () => ({
	...jest.requireActual('../../../nodes/OdooCartona/transport'),
	callMarketplace: jest.fn(),
}));

const call = callMarketplace as jest.MockedFunction<typeof callMarketplace>;
const stockRow = (id: number) => ({ product_id: id, internal_product_id: `c${id}`, available_stock_quantity: id, in_stock: true });
/** Odoo's two snapshots over variants 1..5: stock pages of `limit`, prices for every variant but 4. */
function fakeOdoo(ids = [1, 2, 3, 4, 5]) {
	call.mockImplementation(async (method, kwargs) => {
		const wanted = (kwargs.product_ids as number[] | undefined) ?? ids;
		const offset = kwargs.offset as number;
		const limit = kwargs.limit as number;
		const page = wanted.slice(offset, offset + limit);
		const next_offset = offset + limit < wanted.length ? offset + limit : null;
		if (method === 'cartona_stock_snapshot') return { items: page.map(stockRow), next_offset };
		const priced = page.filter((id) => id !== 4);
		return { items: priced.map((id) => ({ product_id: id, internal_product_id: `c${id}`, selling_price: id * 1.5 })), next_offset };
	});
}

async function run(parameters: IDataObject, inputData: INodeExecutionData[] = [{ json: {} }]): Promise<INodeExecutionData[]> {
	const ctx = createMockExecuteFunctions({ parameters: { configId: 1, resource: 'stock', operation: 'getSnapshot', ...parameters }, inputData });
	const [output] = (await new OdooCartona().getNodeType(1).execute!.call(ctx)) as INodeExecutionData[][];
	return output;
}

beforeEach(() => call.mockReset());

test('all mapped products: stock pages, then at most one price call per page, joined by product id', async () => {
	fakeOdoo();
	const output = await run({ products: 'allMapped', options: { pageSize: 2, includePrice: true } });
	expect(call.mock.calls.map(([m, k]) => [m, k.product_ids ?? null, k.offset])).toEqual([
		['cartona_stock_snapshot', null, 0],
		['cartona_stock_snapshot', null, 2],
		['cartona_stock_snapshot', null, 4],
		['cartona_price_snapshot', [1, 2], 0],
		['cartona_price_snapshot', [3, 4], 0],
		['cartona_price_snapshot', [5], 0],
	]);
	expect(output.map((o) => o.json)).toEqual([
		{ ...stockRow(1), selling_price: 1.5 },
		{ ...stockRow(2), selling_price: 3 },
		{ ...stockRow(3), selling_price: 4.5 },
		stockRow(4), // no price in Odoo: stock only
		{ ...stockRow(5), selling_price: 7.5 },
	]);
	expect(output.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('without the option nothing but the stock snapshot is read', async () => {
	fakeOdoo();
	const output = await run({ products: 'allMapped', options: { pageSize: 5 } });
	expect(call.mock.calls.map(([m]) => m)).toEqual(['cartona_stock_snapshot']);
	expect(output.map((o) => o.json)).toEqual([1, 2, 3, 4, 5].map(stockRow));
});

test('product ids from input items: one price call for the snapshot, pairing kept', async () => {
	fakeOdoo();
	const input = [{ json: { product_id: 5 } }, { json: { product_id: 1 } }];
	const output = await run({ products: 'fromInput', productIdField: 'product_id', options: { includePrice: true } }, input);
	expect(call.mock.calls.map(([m, k]) => [m, k.product_ids])).toEqual([
		['cartona_stock_snapshot', [5, 1]],
		['cartona_price_snapshot', [5, 1]],
	]);
	expect(output.map((o) => [o.json.product_id, o.json.selling_price, o.pairedItem])).toEqual([
		[5, 7.5, { item: 0 }],
		[1, 1.5, { item: 1 }],
	]);
});

test('one page only: the page at Offset, one stock and one price call, each row with next_offset', async () => {
	fakeOdoo();
	const middle = await run({ products: 'allMapped', options: { pageSize: 2, includePrice: true, onePage: true, offset: 2 } });
	expect(call.mock.calls.map(([m, k]) => [m, k.product_ids ?? null, k.offset, k.limit])).toEqual([
		['cartona_stock_snapshot', null, 2, 2],
		['cartona_price_snapshot', [3, 4], 0, 2],
	]);
	expect(middle.map((o) => o.json)).toEqual([
		{ ...stockRow(3), next_offset: 4, next_after: null, selling_price: 4.5 },
		{ ...stockRow(4), next_offset: 4, next_after: null },
	]);
	expect(middle.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	call.mockClear();
	const last = await run({ products: 'allMapped', options: { pageSize: 2, onePage: true, offset: 4 } });
	expect(call.mock.calls.map(([m, k]) => [m, k.offset])).toEqual([['cartona_stock_snapshot', 4]]);
	expect(last.map((o) => o.json)).toEqual([{ ...stockRow(5), next_offset: null, next_after: null }]);
});

test('one page only over a product id list: one call with the whole list at Offset', async () => {
	fakeOdoo();
	const output = await run({ products: 'list', productIds: '5,3,1', options: { pageSize: 2, onePage: true, offset: 0 } });
	expect(call.mock.calls.map(([m, k]) => [m, k.product_ids, k.offset])).toEqual([['cartona_stock_snapshot', [5, 3, 1], 0]]);
	expect(output.map((o) => [o.json.product_id, o.json.next_offset])).toEqual([[5, 2], [3, 2]]);
});

test('one page only with a negative Offset is refused by name', async () => {
	fakeOdoo();
	const ctx = createMockExecuteFunctions({
		parameters: { configId: 1, resource: 'stock', operation: 'getSnapshot', products: 'allMapped', options: { onePage: true, offset: -1 } },
		inputData: [{ json: {} }],
	});
	await expect(new OdooCartona().getNodeType(1).execute!.call(ctx)).rejects.toThrow(/"Offset" must be a whole number/);
	expect(call).not.toHaveBeenCalled();
});

/**
 * Odoo with keyset paging (after_id / until_id / next_after, as batch_api/snapshot.py): the
 * mapped variants `ids` (a Set, so a test can drop one between pages as Record Refusals does),
 * ordered by id, and cartona_snapshot_pages' ranges of `limit`.
 */
function fakeKeysetOdoo(ids: Set<number>) {
	call.mockImplementation(async (method, kwargs) => {
		const sorted = [...ids].sort((a, b) => a - b);
		const limit = kwargs.limit as number;
		if (method === 'cartona_snapshot_pages') {
			const ends = sorted.filter((_, at) => (at + 1) % limit === 0);
			return { pages: [0, ...ends].map((after, at) => ({ after, until: ends[at] ?? null })) };
		}
		const wanted = sorted.filter(
			(id) =>
				(kwargs.product_ids === undefined || (kwargs.product_ids as number[]).includes(id)) &&
				id > ((kwargs.after_id as number | undefined) ?? 0) &&
				(kwargs.until_id === undefined || id <= (kwargs.until_id as number)),
		);
		const offset = kwargs.offset as number;
		const page = wanted.slice(offset, offset + limit);
		const more = offset + limit < wanted.length;
		const next = { next_offset: more ? offset + limit : null, next_after: more ? page[page.length - 1] : null };
		if (method === 'cartona_stock_snapshot') return { items: page.map(stockRow), ...next };
		return { items: page.map((id) => ({ product_id: id, internal_product_id: `c${id}`, selling_price: id * 1.5 })), ...next };
	});
}

test('one page only after a product id: the keyset page with next_after, unmoved by a product refused meanwhile', async () => {
	const ids = new Set([2, 4, 6, 8, 10, 12, 14]);
	fakeKeysetOdoo(ids);
	const first = await run({ products: 'allMapped', options: { pageSize: 3, onePage: true, afterId: 0 } });
	expect(first.map((o) => [o.json.product_id, o.json.next_after])).toEqual([[2, 6], [4, 6], [6, 6]]);
	ids.delete(4); // recorded refused by the first page's run: out of every later snapshot
	call.mockClear();
	const second = await run({ products: 'allMapped', options: { pageSize: 3, onePage: true, afterId: first[0].json.next_after } });
	expect(call.mock.calls.map(([m, k]) => [m, k.after_id, k.offset])).toEqual([['cartona_stock_snapshot', 6, 0]]);
	expect(second.map((o) => o.json.product_id)).toEqual([8, 10, 12]);
	// what Offset would have read: 10, 12, 14 (product 8 skipped in this run)
	call.mockClear();
	const byOffset = await run({ products: 'allMapped', options: { pageSize: 3, onePage: true, offset: 3 } });
	expect(byOffset.map((o) => o.json.product_id)).toEqual([10, 12, 14]);
	await expect(run({ products: 'allMapped', options: { pageSize: 3, onePage: true, offset: 3, afterId: 6 } })).rejects.toThrow(
		'Item 0: give "Offset" or "After Product ID", not both',
	);
});

test('a range (After / Up To Product ID) is read whole by keyset, stock and price joined; no bound sends no cursor', async () => {
	fakeKeysetOdoo(new Set([1, 2, 3, 4, 5, 6, 7]));
	const output = await run({ products: 'allMapped', options: { pageSize: 2, includePrice: true, afterId: 1, untilId: 5 } });
	expect(call.mock.calls.map(([m, k]) => [m, k.after_id, k.until_id, k.offset])).toEqual([
		['cartona_stock_snapshot', 1, 5, 0],
		['cartona_stock_snapshot', 3, 5, 0],
		['cartona_price_snapshot', undefined, undefined, 0],
		['cartona_price_snapshot', undefined, undefined, 0],
	]);
	expect(output.map((o) => [o.json.product_id, o.json.selling_price])).toEqual([[2, 3], [3, 4.5], [4, 6], [5, 7.5]]);
	// the last, open range of Page Ranges Only (until null) has no upper bound
	call.mockClear();
	const open = await run({ products: 'allMapped', options: { pageSize: 5, afterId: 5, untilId: null } });
	expect(call.mock.calls).toEqual([['cartona_stock_snapshot', { config_id: 1, offset: 0, limit: 5, after_id: 5 }]]);
	expect(open.map((o) => o.json.product_id)).toEqual([6, 7]);
	// whole snapshot: pages on by next_after once Odoo gives it
	call.mockClear();
	await run({ products: 'allMapped', options: { pageSize: 3 } });
	expect(call.mock.calls.map(([, k]) => [k.after_id, k.offset])).toEqual([[undefined, 0], [3, 0], [6, 0]]);
});

test('page ranges only: one id-only call, one item per range, the last one open', async () => {
	fakeKeysetOdoo(new Set([3, 5, 7, 9, 11]));
	const output = await run({ products: 'allMapped', options: { pageSize: 2, pageRanges: true } });
	expect(call.mock.calls).toEqual([['cartona_snapshot_pages', { config_id: 1, limit: 2 }]]);
	expect(output).toEqual([
		{ page: 1, pages: 3, after: 0, until: 5 },
		{ page: 2, pages: 3, after: 5, until: 9 },
		{ page: 3, pages: 3, after: 9, until: null },
	].map((json) => ({ json, pairedItem: { item: 0 } })));
	await expect(run({ products: 'list', productIds: '1', options: { pageRanges: true } })).rejects.toThrow('"Page Ranges Only" needs "All Mapped Products"');
	call.mockResolvedValueOnce({ pages: [{ after: 'x', until: null }] });
	await expect(run({ products: 'allMapped', options: { pageRanges: true } })).rejects.toThrow("Odoo's cartona_snapshot_pages returned no list of page ranges");
});

test('a negative After Product ID and a next_after that does not advance are refused by name', async () => {
	fakeKeysetOdoo(new Set([1]));
	await expect(run({ products: 'allMapped', options: { afterId: -1 } })).rejects.toThrow(/"After Product ID" must be a whole number/);
	call.mockResolvedValueOnce({ items: [stockRow(1)], next_offset: 1, next_after: 1 });
	await expect(run({ products: 'allMapped', options: { afterId: 1 } })).rejects.toThrow('returned next_after 1 after product ID 1');
});
