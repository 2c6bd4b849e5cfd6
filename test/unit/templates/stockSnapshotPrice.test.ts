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
		{ ...stockRow(3), next_offset: 4, selling_price: 4.5 },
		{ ...stockRow(4), next_offset: 4 },
	]);
	expect(middle.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	call.mockClear();
	const last = await run({ products: 'allMapped', options: { pageSize: 2, onePage: true, offset: 4 } });
	expect(call.mock.calls.map(([m, k]) => [m, k.offset])).toEqual([['cartona_stock_snapshot', 4]]);
	expect(last.map((o) => o.json)).toEqual([{ ...stockRow(5), next_offset: null }]);
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
