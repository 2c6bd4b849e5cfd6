import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorWithApiStatus, errorWithDetails } from '../../../nodes/shared/items/errorItem';
import type { BatchSpec } from '../../../nodes/shared/items/inBatches';
import { eachItem, runItemPlan } from '../../../nodes/shared/items/itemPlan';
import { asNodeError } from '../../../nodes/shared/items/nodeError';

const NODE: INode = { id: '1', name: 'Test', type: 'n8n-nodes-cartona.test', typeVersion: 1, position: [0, 0], parameters: {} };

function context(count: number, continueOnFail: boolean): IExecuteFunctions {
	const items: INodeExecutionData[] = Array.from({ length: count }, (_, i) => ({ json: { i } }));
	return { getInputData: () => items, getNode: () => NODE, continueOnFail: () => continueOnFail } as unknown as IExecuteFunctions;
}

async function failureOf(promise: Promise<unknown>): Promise<NodeApiError | NodeOperationError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError | NodeOperationError;
	}
	throw new Error('expected a failure');
}

describe('asNodeError', () => {
	it('passes node errors on as the same object, naming the item only when they name none', () => {
		const api = new NodeApiError(NODE, {}, { message: 'refused', httpCode: '422' });
		expect(asNodeError(NODE, api, 3)).toBe(api);
		expect(api.context.itemIndex).toBe(3);
		const named = new NodeOperationError(NODE, 'bad', { itemIndex: 1 });
		expect(asNodeError(NODE, named, 3)).toBe(named);
		expect(named.context.itemIndex).toBe(1);
	});

	it('wraps anything else once in a NodeOperationError with the item index', () => {
		const wrapped = asNodeError(NODE, new Error('boom'), 2);
		expect(wrapped).toBeInstanceOf(NodeOperationError);
		expect([wrapped.message, wrapped.context.itemIndex]).toEqual(['boom', 2]);
	});
});

describe('error item shapes', () => {
	const api = () => new NodeApiError(NODE, {}, { message: 'refused', description: 'why', httpCode: '422' });
	const invalid = () => {
		const error = new NodeOperationError(NODE, 'Item 0: "x" is missing', { description: 'give x' });
		error.context.field = 'x';
		return error;
	};

	it('with details: ok, error, extra, then description, field and status when known', () => {
		expect(Object.entries(errorWithDetails(api(), { request: { a: 1 } }))).toEqual([
			['ok', false], ['error', 'refused'], ['request', { a: 1 }], ['description', 'why'], ['statusCode', '422'],
		]);
		expect(errorWithDetails(invalid(), {})).toEqual({ ok: false, error: 'Item 0: "x" is missing', description: 'give x', field: 'x' });
	});

	it('with API status: extra first, then ok and error; status and description of API errors only', () => {
		expect(Object.entries(errorWithApiStatus(api(), { hashed_id: 'h', ok: false, error: 'raw' }))).toEqual([
			['hashed_id', 'h'], ['ok', false], ['error', 'refused'], ['statusCode', '422'], ['description', 'why'],
		]);
		expect(errorWithApiStatus(invalid(), {})).toEqual({ ok: false, error: 'Item 0: "x" is missing' });
	});
});

describe('runItemPlan: each item', () => {
	const plan = eachItem(async (i) => {
		if (i === 1) throw new Error('item 1 broke');
		return [{ n: i }, { n: i * 10 }];
	});

	it('pairs every record to its item; a failure is an error item with Continue On Fail', async () => {
		expect(await runItemPlan.call(context(3, true), errorWithDetails, plan)).toEqual([
			{ json: { n: 0 }, pairedItem: { item: 0 } },
			{ json: { n: 0 }, pairedItem: { item: 0 } },
			{ json: { ok: false, error: 'item 1 broke' }, pairedItem: { item: 1 } },
			{ json: { n: 2 }, pairedItem: { item: 2 } },
			{ json: { n: 20 }, pairedItem: { item: 2 } },
		]);
	});

	it('stops at the first failure without Continue On Fail, as a NodeOperationError naming the item', async () => {
		const error = await failureOf(runItemPlan.call(context(3, false), errorWithApiStatus, plan));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect([error.message, error.context.itemIndex]).toEqual(['item 1 broke', 1]);
	});

	it('with On Error "continue using error output", a failed item is { error, details } so n8n moves it there', async () => {
		const node: INode = { ...NODE, onError: 'continueErrorOutput' };
		const ctx = { ...context(3, true), getNode: () => node } as unknown as IExecuteFunctions;
		const failing = eachItem(async (i) => {
			if (i === 1) throw new NodeApiError(node, {}, { message: 'item 1 refused', description: 'why', httpCode: '422' });
			return [{ n: i }];
		});
		expect(await runItemPlan.call(ctx, errorWithDetails, failing)).toEqual([
			{ json: { n: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'item 1 refused', details: { ok: false, error: 'item 1 refused', description: 'why', statusCode: '422' } }, pairedItem: { item: 1 } },
			{ json: { n: 2 }, pairedItem: { item: 2 } },
		]);
		// Regular output (or none set): the node's error shape itself, as before.
		expect((await runItemPlan.call(context(3, true), errorWithDetails, failing))[1].json).toEqual({ ok: false, error: 'item 1 refused', description: 'why', statusCode: '422' });
	});
});

describe('runItemPlan: batches', () => {
	/** Entries keyed by parity, 2 per request; item 3 is invalid; the batch holding item 4 fails. */
	function spec(sent: number[][], read: number[]): BatchSpec<{ parity: number }> {
		return {
			size: 2,
			entry(i) {
				if (i === 3) throw new NodeOperationError(NODE, 'Item 3: invalid', { itemIndex: 3 });
				return { parity: i % 2 };
			},
			groupKey: (entry) => String(entry.parity),
			batchFailureJson: ({ itemIndex }) => ({ request: itemIndex }),
			async send(batch) {
				const indexes = batch.map(({ itemIndex }) => itemIndex);
				sent.push(indexes);
				if (indexes.includes(4)) throw new NodeApiError(NODE, {}, { message: 'batch refused', httpCode: '500' });
				return indexes.map((itemIndex) => ({
					itemIndex,
					failureJson: { request: itemIndex },
					read: () => {
						read.push(itemIndex);
						if (itemIndex === 2) throw new NodeOperationError(NODE, 'Item 2: refused');
						return { done: itemIndex };
					},
				}));
			},
		};
	}

	it('groups by key, at most size per request; outputs one item per input item in input order', async () => {
		const sent: number[][] = [];
		const output = await runItemPlan.call(context(7, true), errorWithDetails, { kind: 'batches', order: 'input', spec: spec(sent, []) });
		expect(sent).toEqual([[0, 2], [4, 6], [1, 5]]);
		expect(output.map(({ json, pairedItem }) => [pairedItem, json])).toEqual([
			[{ item: 0 }, { done: 0 }],
			[{ item: 1 }, { done: 1 }],
			[{ item: 2 }, { ok: false, error: 'Item 2: refused', request: 2 }],
			[{ item: 3 }, { ok: false, error: 'Item 3: invalid' }],
			[{ item: 4 }, { ok: false, error: 'batch refused', request: 4, statusCode: '500' }],
			[{ item: 5 }, { done: 5 }],
			[{ item: 6 }, { ok: false, error: 'batch refused', request: 6, statusCode: '500' }],
		]);
	});

	it('without Continue On Fail an invalid item stops the node before anything is sent', async () => {
		const sent: number[][] = [];
		const error = await failureOf(runItemPlan.call(context(7, false), errorWithDetails, { kind: 'batches', order: 'input', spec: spec(sent, []) }));
		expect([error.message, error.context.itemIndex, sent]).toEqual(['Item 3: invalid', 3, []]);
	});

	it('without Continue On Fail answers after a refused one are not read', async () => {
		const sent: number[][] = [];
		const read: number[] = [];
		const error = await failureOf(runItemPlan.call(context(3, false), errorWithDetails, { kind: 'batches', order: 'input', spec: spec(sent, read) }));
		expect([error.message, error.context.itemIndex, read]).toEqual(['Item 2: refused', 2, [0, 2]]);
		expect(sent).toEqual([[0, 2]]);
	});

	it('in reported order, an answer may be paired to several input items', async () => {
		const plan: BatchSpec<IDataObject> = {
			size: Infinity,
			entry: () => ({}),
			groupKey: () => 'all',
			send: async () => [{ itemIndex: [2, 0], read: () => ({ shared: true }) }, { itemIndex: 1, read: () => ({ one: true }) }],
		};
		expect(await runItemPlan.call(context(3, true), errorWithDetails, { kind: 'batches', order: 'reported', spec: plan })).toEqual([
			{ json: { shared: true }, pairedItem: [{ item: 2 }, { item: 0 }] },
			{ json: { one: true }, pairedItem: { item: 1 } },
		]);
	});
});
