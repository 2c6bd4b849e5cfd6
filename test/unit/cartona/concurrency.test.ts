/**
 * Bulk operations with the Concurrency and Max Requests Per Second options (items/bulkBatches.ts,
 * transport/requestGate.ts), against nock with real waits: output order and pairing as with one
 * request at a time, however the answers arrive; at most N batch requests in flight; a 429 holds
 * back every request not yet sent; the requests-per-second cap. Assertions count requests (in
 * flight, per window of arrival timestamps), never how long something took.
 */
import nock from 'nock';
import { runCartona, TEST_BASE_URL } from './helpers/createMockExecuteFunctions';

const API = new URL(TEST_BASE_URL);
const origin = API.origin;
const prefix = API.pathname;
const PATH = 'supplier-product/bulk-update';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

interface Seen {
	/** Arrival time and first product id of every request, in arrival order. */
	arrivals: Array<{ at: number; first: string; size: number }>;
	maxInFlight: number;
	/** When each 429 was answered. */
	limitedAt: number[];
}

/**
 * Answers bulk updates after `delayOf(first product id)` ms, counting requests in flight (from
 * arrival to answer); `limit(n)` answers request number n (0-based) 429 with Retry-After instead.
 */
function cartona(delayOf: (first: string) => number, limit: (n: number) => number | undefined = () => undefined): Seen {
	const seen: Seen = { arrivals: [], maxInFlight: 0, limitedAt: [] };
	let inFlight = 0;
	nock(origin)
		.post(`${prefix}${PATH}`)
		.query(true)
		.times(1000)
		.reply(function (_uri, body, callback) {
			const entries = body as Array<{ internal_product_id: string }>;
			const n = seen.arrivals.length;
			seen.arrivals.push({ at: Date.now(), first: entries[0].internal_product_id, size: entries.length });
			inFlight++;
			seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
			const retryAfter = limit(n);
			setTimeout(() => {
				inFlight--;
				if (retryAfter !== undefined) {
					seen.limitedAt.push(Date.now());
					callback(null, [429, { error: 'rate limited' }, { 'Retry-After': String(retryAfter) }]);
				} else callback(null, [200, { updated: entries.length, failed: [] }]);
			}, retryAfter !== undefined ? 0 : delayOf(entries[0].internal_product_id));
		});
	return seen;
}

const products = (n: number) => Array.from({ length: n }, (_, i) => ({ internal_product_id: `p${i}`, available_stock_quantity: i }));
const run = (items: object[], options: object) =>
	runCartona({ nodeParameters: { resource: 'product', operation: 'bulkUpdate', options }, inputData: items as never });

/** Most requests that arrived within any span shorter than `spanMs`. */
function mostWithin(arrivals: number[], spanMs: number): number {
	const at = [...arrivals].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0, j = 0; j < at.length; j++) {
		while (at[j] - at[i] >= spanMs) i++;
		most = Math.max(most, j - i + 1);
	}
	return most;
}

describe('concurrency', () => {
	it('keeps output order and pairing with concurrency 4 when later batches answer first', async () => {
		// Batch k (first product p{10k}) answers after (12 - k) * 15 ms: the last batch sent answers first.
		const seen = cartona((first) => (12 - Number(first.slice(1)) / 10) * 15);
		const output = await run(products(120), { batchSize: 10, concurrency: 4 });
		expect(seen.arrivals).toHaveLength(12);
		expect(seen.maxInFlight).toBe(4);
		expect(output).toHaveLength(120);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ ok: true, outcome: 'updated', request: { internal_product_id: `p${i}`, available_stock_quantity: i } });
		});
		// Batches are still sent in input order.
		expect(seen.arrivals.map((a) => a.first)).toEqual(Array.from({ length: 12 }, (_, k) => `p${k * 10}`));
	});

	it('never has more than N batch requests in flight', async () => {
		for (const concurrency of [1, 2, 3]) {
			nock.cleanAll();
			const seen = cartona(() => 20);
			const output = await run(products(70), { batchSize: 10, concurrency });
			expect(seen.arrivals).toHaveLength(7);
			expect(seen.maxInFlight).toBe(concurrency);
			expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 70 }, (_, i) => ({ item: i })));
		}
	});

	it('sends one batch at a time when one product is in two batches, so its changes land in input order', async () => {
		const seen = cartona((first) => (first === 'p0' ? 60 : 5));
		const items = products(40);
		items[35] = { internal_product_id: 'p3', available_stock_quantity: 999 }; // p3 again, in the last batch
		const output = await run(items, { batchSize: 10, concurrency: 4 });
		expect(seen.maxInFlight).toBe(1);
		expect(seen.arrivals.map((a) => a.first)).toEqual(['p0', 'p10', 'p20', 'p30']);
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 40 }, (_, i) => ({ item: i })));
	});

	it('defaults to 4 batch requests in flight', async () => {
		const seen = cartona(() => 20);
		await run(products(100), { batchSize: 10 });
		expect(seen.arrivals).toHaveLength(10);
		expect(seen.maxInFlight).toBe(4);
	});

	it('a 429 holds back every request not yet sent until its Retry-After has passed', async () => {
		// Request 2 (the third) is answered 429 at once, Retry-After 1 s; the others answer after
		// 150 ms, so without a shared pause batches 4 and 5 would start about 150 ms after the 429.
		const seen = cartona(() => 150, (n) => (n === 2 ? 1 : undefined));
		const output = await run(products(80), { batchSize: 10, concurrency: 4 });
		expect(seen.limitedAt).toHaveLength(1);
		const limitedAt = seen.limitedAt[0];
		// 8 batches + the one sent again.
		expect(seen.arrivals).toHaveLength(9);
		// Requests started before the 429 was seen may still arrive right after it; then nothing
		// for the rest of the Retry-After second, whichever batch it is.
		const duringPause = seen.arrivals.filter((a) => a.at > limitedAt + 100 && a.at < limitedAt + 900);
		expect(duringPause).toHaveLength(0);
		const after = seen.arrivals.filter((a) => a.at >= limitedAt + 900);
		expect(after.length).toBeGreaterThanOrEqual(3);
		// The limited batch was sent again and every item came out, in order, updated.
		expect(seen.arrivals.filter((a) => a.first === 'p20')).toHaveLength(2);
		expect(output).toHaveLength(80);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ ok: true, outcome: 'updated' });
		});
	});

	it('never starts more than Max Requests Per Second requests in any second', async () => {
		const seen = cartona(() => 5);
		const output = await run(products(14), { batchSize: 1, concurrency: 4, maxRequestsPerSecond: 5 });
		expect(seen.arrivals).toHaveLength(14);
		expect(output).toHaveLength(14);
		// Any span of 500 ms holds at most 5 arrivals (a 500 ms margin for delivery jitter on a busy
		// machine), so the 14 requests spread over more than 2 s; with no cap they do not (next test).
		expect(mostWithin(seen.arrivals.map((a) => a.at), 500)).toBeLessThanOrEqual(5);
	});

	it('without a cap, the same requests are not spread out', async () => {
		const seen = cartona(() => 5);
		await run(products(14), { batchSize: 1, concurrency: 4 });
		expect(mostWithin(seen.arrivals.map((a) => a.at), 2000)).toBe(14);
	});
});
