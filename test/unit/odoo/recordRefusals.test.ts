import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OdooCartona } from '../../../nodes/OdooCartona/OdooCartona.node';
import { createMockExecuteFunctions, JSON2_CREDENTIALS } from './mockContexts';
import type { ParameterValue } from './mockContexts';

const J2 = 'http://odoo19.test';
const PATH = '/json/2/marketplace.supplier.config/cartona_record_refusals';

/** Error items of a Cartona bulk update (Continue On Fail): the request and Cartona's reason. */
const refusedItems = (...ids: string[]): INodeExecutionData[] =>
	ids.map((id) => ({ json: { error: `Item 0: Cartona rejected it: bad ${id}`, refused: true, request: { internal_product_id: id } } }));

async function run(parameters: Record<string, ParameterValue>, inputData: INodeExecutionData[], continueOnFail = false) {
	const ctx = createMockExecuteFunctions({
		parameters: {
			configId: 1,
			resource: 'product',
			operation: 'recordRefusals',
			cartonaId: (i: number) => (inputData[i].json.request as IDataObject | undefined)?.internal_product_id,
			reason: (i: number) => inputData[i].json.error,
			kind: 'stock',
			...parameters,
		},
		inputData,
		continueOnFail,
		credentials: JSON2_CREDENTIALS,
	});
	const [output] = (await new OdooCartona().getNodeType(1).execute!.call(ctx)) as INodeExecutionData[][];
	return output;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Product: Record Refusals', () => {
	it('sends every refused item in one call and pairs each answer (new or not) to its item', async () => {
		let body: IDataObject | undefined;
		const scope = nock(J2)
			.post(PATH, (b: IDataObject) => ((body = b), true))
			.reply(200, [
				{ index: 0, ok: true, status: 'refused', new: true, cartona_id: '479', product_id: 7, kind: 'stock', reason: 'r' },
				{ index: 1, ok: true, status: 'already_refused', new: false, cartona_id: '480', product_id: 8, kind: 'stock', reason: 'r' },
			]);
		const output = await run({}, refusedItems('479', '480'));
		expect(scope.isDone()).toBe(true);
		expect(body).toEqual({
			config_id: 1,
			refusals: [
				{ cartona_id: '479', reason: 'Item 0: Cartona rejected it: bad 479', kind: 'stock' },
				{ cartona_id: '480', reason: 'Item 0: Cartona rejected it: bad 480', kind: 'stock' },
			],
		});
		expect(output.map((o) => [o.json.cartona_id, o.json.new, o.pairedItem])).toEqual([
			['479', true, { item: 0 }],
			['480', false, { item: 1 }],
		]);
	});

	it('splits by Batch Size: one call per batch', async () => {
		const sizes: number[] = [];
		const scope = nock(J2)
			.post(PATH)
			.times(2)
			.reply(200, (_uri, b) => {
				const refusals = (b as IDataObject).refusals as IDataObject[];
				sizes.push(refusals.length);
				return refusals.map((r, index) => ({ index, ok: true, status: 'refused', new: true, cartona_id: r.cartona_id }));
			});
		const output = await run({ kind: 'price', options: { batchSize: 2 } }, refusedItems('1', '2', '3'));
		expect(scope.isDone()).toBe(true);
		expect(sizes).toEqual([2, 1]);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('an unknown product is an error item paired to its input (Continue On Fail), the others pass', async () => {
		nock(J2).post(PATH).reply(200, [
			{ index: 0, ok: false, status: 'error', cartona_id: 'nope', field: 'cartona_id', error: 'Refusal 0 (cartona_id nope): no product is mapped to Cartona id "nope"' },
			{ index: 1, ok: true, status: 'refused', new: true, cartona_id: '480' },
		]);
		const output = await run({}, refusedItems('nope', '480'), true);
		expect(output.map((o) => [o.json.ok ?? false, o.pairedItem])).toEqual([
			[false, { item: 0 }],
			[true, { item: 1 }],
		]);
		expect(String(output[0].json.error)).toContain('nope');
	});

	it('names an item without a Cartona ID or with a bad Kind, before calling Odoo', async () => {
		const scope = nock(J2).post(PATH).reply(200, []);
		await expect(run({}, [{ json: { error: 'x' } }])).rejects.toThrow('Item 0: "Cartona ID" is empty');
		await expect(run({ kind: 'orders' }, refusedItems('479'))).rejects.toThrow('Item 0: "Kind" must be "stock" or "price" (got "orders")');
		expect(scope.isDone()).toBe(false);
	});
});
