/**
 * "A change is synced only when Cartona accepted it": bulk order updates whose answer does not
 * account for every entry are confirmed entry by entry; `synced` acknowledgements are retried.
 */
import nock from 'nock';
import { NodeApiError, sleep } from 'n8n-workflow';
import { runCartona, TEST_BASE_URL } from './helpers/createMockExecuteFunctions';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async () => undefined),
}));

const sleepMock = sleep as jest.MockedFunction<typeof sleep>;
const API = new URL(TEST_BASE_URL);
const origin = API.origin;
const prefix = API.pathname;
const statusUpdate = { resource: 'order', operation: 'updateStatus' };
const detailsUpdate = { resource: 'order', operation: 'updateDetails' };
const networkError = (code: string, message: string) => Object.assign(new Error(message), { code });

beforeAll(() => nock.disableNetConnect());
beforeEach(() => sleepMock.mockClear());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Counts the POSTs to `path` (bodies in order) and answers each with `answer(body)`. */
function bulkEndpoint(path: string, answer: (body: unknown[]) => nock.Body) {
	const bodies: unknown[][] = [];
	const scope = nock(origin)
		.post(`${prefix}${path}`)
		.query(true)
		.times(1000)
		.reply(200, (_uri, body) => {
			bodies.push(body as unknown[]);
			return answer(body as unknown[]);
		});
	return { bodies, scope };
}

describe('bulk status update: the answer decides whether entries are confirmed', () => {
	it('{"updated": 2} for 3 sent: each entry is confirmed on the one-order endpoint; the order in editing becomes an error item', async () => {
		const bulk = bulkEndpoint('order/update-order-status', () => ({ updated: 2 }));
		const one = nock(origin)
			.post(`${prefix}order/update-order-status/h1`, { hashed_id: 'h1', status: 'approved' })
			.reply(200, { hashed_id: 'h1', status: 'approved' })
			.post(`${prefix}order/update-order-status/h2`, { hashed_id: 'h2', status: 'approved' })
			.reply(422, { error: 'illegal status change editing -> approved' })
			.post(`${prefix}order/update-order-status/h3`, { hashed_id: 'h3', status: 'approved' })
			.reply(200, { hashed_id: 'h3', status: 'approved' });
		const output = await runCartona({
			nodeParameters: statusUpdate,
			inputData: ['h1', 'h2', 'h3'].map((hashed_id) => ({
				hashed_id,
				status: 'approved',
				sale_order_id: 1,
			})),
			continueOnFail: true,
		});
		expect(bulk.bodies).toHaveLength(1);
		expect(one.isDone()).toBe(true);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({
			ok: true,
			outcome: 'confirmed',
			confirmation: { status: 'approved' },
		});
		expect(output[2].json).toMatchObject({ ok: true, outcome: 'confirmed' });
		expect(output[1].json).toMatchObject({
			ok: false,
			error:
				'Item 1: Order h2: Cartona did not apply status approved: illegal status change editing -> approved',
			statusCode: '422',
			request: { hashed_id: 'h2', status: 'approved' },
			response: { updated: 2 },
		});
	});

	it('a 2xx one-order answer naming another status is a refusal too', async () => {
		bulkEndpoint('order/update-order-status', () => ({ updated: 0 }));
		const one = nock(origin)
			.post(`${prefix}order/update-order-status/h1`)
			.reply(200, { hashed_id: 'h1', status: 'editing' });
		const output = await runCartona({
			nodeParameters: statusUpdate,
			inputData: [{ hashed_id: 'h1', status: 'approved' }],
			continueOnFail: true,
		});
		expect(one.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({
			ok: false,
			error: 'Item 0: Order h1: Cartona did not apply status approved (its status is editing)',
		});
	});

	it('an earlier entry for an order that a later entry of the batch changes again is not re-sent (it would undo the later one)', async () => {
		bulkEndpoint('order/update-order-status', () => ({ updated: 1 }));
		const one = nock(origin)
			.post(`${prefix}order/update-order-status/h1`, { hashed_id: 'h1', status: 'approved' })
			.reply(200, { hashed_id: 'h1', status: 'approved' });
		const output = await runCartona({
			nodeParameters: statusUpdate,
			inputData: [
				{ hashed_id: 'h1', status: 'delivered' },
				{ hashed_id: 'h1', status: 'approved' },
			],
			continueOnFail: true,
		});
		expect(one.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({
			ok: false,
			error: 'Item 0: Order h1: Cartona did not confirm status delivered',
		});
		expect(String(output[0].json.description)).toContain(
			'item 1 of the same batch sets status approved',
		);
		expect(output[1].json).toMatchObject({ ok: true, outcome: 'confirmed' });
	});

	it('with Continue On Fail off the refused order fails the node with its item index', async () => {
		bulkEndpoint('order/update-order-status', () => ({ updated: 1 }));
		nock(origin)
			.post(`${prefix}order/update-order-status/h1`)
			.reply(422, { error: 'illegal status change editing -> approved' })
			.post(`${prefix}order/update-order-status/h2`)
			.reply(200, { hashed_id: 'h2', status: 'approved' });
		const error = await runCartona({
			nodeParameters: statusUpdate,
			inputData: [
				{ hashed_id: 'h1', status: 'approved' },
				{ hashed_id: 'h2', status: 'approved' },
			],
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'Item 0: Order h1: Cartona did not apply status approved: illegal status change editing -> approved',
		);
		expect(error.context.itemIndex).toBe(0);
	});

	it('an answer that counts nothing ({"success": true}) confirms every entry', async () => {
		const bulk = bulkEndpoint('order/update-order-status', () => ({ success: true }));
		const one = nock(origin)
			.post(`${prefix}order/update-order-status/h1`)
			.reply(200, { hashed_id: 'h1', status: 'approved' })
			.post(`${prefix}order/update-order-status/h2`)
			.reply(200, { hashed_id: 'h2', status: 'approved' });
		const output = await runCartona({
			nodeParameters: statusUpdate,
			inputData: [
				{ hashed_id: 'h1', status: 'approved' },
				{ hashed_id: 'h2', status: 'approved' },
			],
		});
		expect(bulk.bodies).toHaveLength(1);
		expect(one.isDone()).toBe(true);
		expect(output.map((item) => item.json.outcome)).toEqual(['confirmed', 'confirmed']);
	});

	it('a dropped connection while confirming a transition is not retried and fails closed', async () => {
		bulkEndpoint('order/update-order-status', () => ({ updated: 0 }));
		const one = nock(origin)
			.post(`${prefix}order/update-order-status/h1`)
			.replyWithError(networkError('ECONNRESET', 'socket hang up'));
		const output = await runCartona({
			nodeParameters: statusUpdate,
			inputData: [{ hashed_id: 'h1', status: 'approved' }],
			continueOnFail: true,
		});
		expect(one.isDone()).toBe(true);
		expect(output[0].json.ok).toBe(false);
		expect(String(output[0].json.error)).toMatch(
			/^Item 0: Order h1: Cartona did not confirm status approved: The connection/,
		);
		expect(String(output[0].json.description)).toContain('check the order in Cartona');
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it.each([
		[250, 100, 3],
		[250, 50, 5],
		[7, 3, 3],
	])(
		'full acceptance of %i orders with batch size %i costs exactly %i requests (no one-order call is mocked)',
		async (n, batchSize, requests) => {
			const bulk = bulkEndpoint('order/update-order-status', (body) => ({ updated: body.length }));
			const output = await runCartona({
				nodeParameters: { ...statusUpdate, options: { batchSize } },
				inputData: Array.from({ length: n }, (_, i) => ({
					hashed_id: `h${i}`,
					status: 'approved',
				})),
			});
			expect(bulk.bodies).toHaveLength(requests);
			expect(bulk.bodies).toHaveLength(Math.ceil(n / batchSize));
			expect(output).toHaveLength(n);
			expect(output.every((item) => item.json.ok === true && item.json.outcome === 'updated')).toBe(
				true,
			);
		},
	);

	it('only the short batch is confirmed: request count = ceil(N / batch) + entries of that batch', async () => {
		let call = 0;
		const bulk = bulkEndpoint('order/update-order-status', (body) => ({
			updated: ++call === 2 ? body.length - 1 : body.length,
		}));
		const one = nock(origin)
			.post(/order\/update-order-status\/h\d+$/)
			.times(3)
			.reply(200, (uri, body) => ({
				...(body as object),
				status: uri.endsWith('/h4') ? 'editing' : 'approved',
			}));
		const output = await runCartona({
			nodeParameters: { ...statusUpdate, options: { batchSize: 3 } },
			inputData: Array.from({ length: 8 }, (_, i) => ({ hashed_id: `h${i}`, status: 'approved' })),
			continueOnFail: true,
		});
		expect(bulk.bodies.map((body) => body.length)).toEqual([3, 3, 2]);
		expect(one.isDone()).toBe(true);
		expect(output.map((item) => item.json.outcome ?? 'error')).toEqual([
			'updated',
			'updated',
			'updated',
			'confirmed',
			'error',
			'confirmed',
			'updated',
			'updated',
		]);
		expect(output[4].json.error).toBe(
			'Item 4: Order h4: Cartona did not apply status approved (its status is editing)',
		);
	});
});

describe('synced acknowledgements are safe to repeat', () => {
	it('a dropped connection on a synced bulk acknowledgement is retried and succeeds', async () => {
		const body = [
			{ hashed_id: 'h1', status: 'synced' },
			{ hashed_id: 'h2', status: 'synced' },
		];
		const scope = nock(origin)
			.post(`${prefix}order/update-order-status`, body)
			.replyWithError(networkError('ECONNRESET', 'socket hang up'))
			.post(`${prefix}order/update-order-status`, body)
			.reply(502, 'bad gateway')
			.post(`${prefix}order/update-order-status`, body)
			.reply(200, { updated: 2 });
		const output = await runCartona({ nodeParameters: statusUpdate, inputData: body });
		expect(scope.isDone()).toBe(true);
		expect(output.map((item) => item.json.outcome)).toEqual(['updated', 'updated']);
		expect(sleepMock.mock.calls).toEqual([[1000], [2000]]);
	});

	it('retries exhausted on a synced acknowledgement: no "check the order" advice (nothing can have gone wrong twice)', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-status`)
			.times(4)
			.reply(500, { error: 'boom' });
		const error = await runCartona({
			nodeParameters: statusUpdate,
			inputData: [{ hashed_id: 'h1', status: 'synced' }],
		}).catch((e) => e);
		expect(scope.isDone()).toBe(true);
		expect(error.message).toBe('Cartona failed to process the request: boom');
		expect(error.description).toContain('(4 requests)');
		expect(error.description).not.toContain('check the order');
	});

	it('a dropped connection on a non-idempotent transition is still not retried, and says so', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-status`)
			.replyWithError(networkError('ECONNRESET', 'socket hang up'));
		const error = await runCartona({
			nodeParameters: statusUpdate,
			inputData: [{ hashed_id: 'h1', status: 'approved' }],
		}).catch((e) => e);
		expect(scope.isDone()).toBe(true);
		expect(error.message).toContain('may or may not have been applied');
		expect(error.description).toContain('check the order in Cartona before running again');
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it('a 500 on a batch of transitions is not retried even when synced entries came in the same input', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-status`, [{ hashed_id: 'h1', status: 'synced' }])
			.reply(200, { updated: 1 })
			.post(`${prefix}order/update-order-status`, [{ hashed_id: 'h2', status: 'approved' }])
			.reply(500, { error: 'boom' });
		const output = await runCartona({
			nodeParameters: statusUpdate,
			inputData: [
				{ hashed_id: 'h1', status: 'synced' },
				{ hashed_id: 'h2', status: 'approved' },
			],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({ ok: true, outcome: 'updated' });
		expect(output[1].json).toMatchObject({ ok: false, statusCode: '500' });
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it('Update Status of One Order retries a synced acknowledgement after a dropped connection', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-status/h1`)
			.replyWithError(networkError('ECONNRESET', 'socket hang up'))
			.post(`${prefix}order/update-order-status/h1`)
			.reply(200, { hashed_id: 'h1', status: 'pending' });
		const output = await runCartona({
			nodeParameters: { resource: 'order', operation: 'updateOneStatus' },
			inputData: [{ hashed_id: 'h1', status: 'synced' }],
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json.ok).toBe(true);
	});
});

describe('bulk details update: entries the answer does not account for', () => {
	const edit = { hashed_id: 'A', order_details: [{ id: 1, amount: 2, price: 3 }] };
	const addLine = { hashed_id: 'B', order_details: [{ internal_product_id: '104', amount: 1 }] };
	const cancel = { hashed_id: 'C', order_details: [{ id: 5, cancelled: true }] };

	it('{"updated": 1} for 3 sent: the absolute edit is sent again alone; adding or cancelling lines is not repeated', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-details`, [edit, addLine, cancel])
			.reply(200, { updated: 1 })
			.post(`${prefix}order/update-order-details`, [edit])
			.reply(200, { updated: 1, failed: [] });
		const output = await runCartona({
			nodeParameters: detailsUpdate,
			inputData: [edit, addLine, cancel],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({
			ok: true,
			outcome: 'confirmed',
			confirmation: { updated: 1 },
		});
		expect(output[1].json).toMatchObject({
			ok: false,
			error: 'Item 1: Order B: Cartona did not confirm these line changes',
		});
		expect(String(output[1].json.description)).toContain('not sent again automatically');
		expect(output[2].json).toMatchObject({
			ok: false,
			error: 'Item 2: Order C: Cartona did not confirm these line changes',
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('the repeat alone names the entry as failed: an error item with Cartona’s reason', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-details`, [edit])
			.reply(200, { updated: 0 })
			.post(`${prefix}order/update-order-details`, [edit])
			.reply(200, { updated: 0, failed: [{ index: 0, error: 'order A is editing' }] });
		const output = await runCartona({
			nodeParameters: detailsUpdate,
			inputData: [edit],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({
			ok: false,
			error: 'Item 0: Order A: Cartona did not apply these line changes: order A is editing',
		});
	});

	it('an answer with updated + failed covering every entry costs no extra request', async () => {
		const scope = nock(origin)
			.post(`${prefix}order/update-order-details`)
			.reply(200, { updated: 2, failed: [{ index: 1, error: 'line 9 is not on order B' }] });
		const output = await runCartona({
			nodeParameters: detailsUpdate,
			inputData: [edit, addLine, cancel],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output.map((item) => item.json.outcome ?? 'error')).toEqual([
			'updated',
			'error',
			'updated',
		]);
	});
});
