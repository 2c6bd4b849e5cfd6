import { sleep } from 'n8n-workflow';

/** Requests per second are counted over a sliding window of this length. */
export const RATE_WINDOW_MS = 1_000;

export interface RequestGateLimits {
	/** Most requests in flight at once (>= 1). */
	concurrency: number;
	/** Most requests started in any window of RATE_WINDOW_MS; 0 = no cap. */
	maxPerSecond: number;
}

/**
 * What every request of one node run passes before it is sent (transport/index.ts): at most
 * `concurrency` requests in flight, at most `maxPerSecond` started in any sliding second, and a
 * shared pause: when Cartona answers 429, no request starts before its Retry-After has passed
 * (requests already sent cannot be recalled). No timers: waits use n8n-workflow's `sleep`, and a
 * promise queue (FIFO) hands out the slots, so requests start in the order they asked.
 */
export class RequestGate {
	private readonly limits: RequestGateLimits;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	/** Start times of the last `maxPerSecond` requests, oldest first. */
	private readonly starts: number[] = [];
	private pauseUntil = 0;
	/** Starts are timed one at a time, so each recorded start is the real one. */
	private timing: Promise<void> = Promise.resolve();

	constructor(limits: RequestGateLimits) {
		this.limits = {
			concurrency: Math.max(1, Math.floor(limits.concurrency)),
			maxPerSecond: Math.max(0, limits.maxPerSecond),
		};
	}

	/** Holds back every request not yet started until `ms` from now (or a later pause). Returns its end. */
	pauseFor(ms: number): number {
		this.pauseUntil = Math.max(this.pauseUntil, Date.now() + ms);
		return this.pauseUntil;
	}

	/**
	 * Waits for a slot, the shared pause and the rate cap; resolves with `release`, to be called
	 * once the answer (or failure) is in. `waitedUntil`: the end of a pause this request has
	 * already slept through itself (its own 429), so it does not wait for it twice.
	 */
	async acquire(waitedUntil = 0): Promise<() => void> {
		if (this.inFlight >= this.limits.concurrency)
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		else this.inFlight++;
		let release!: () => void;
		const mine = new Promise<void>((resolve) => (release = resolve));
		const before = this.timing;
		this.timing = before.then(async () => await mine);
		await before;
		try {
			// At most a few rounds: a pause may be extended while this request sleeps.
			for (let round = 0; round < 3; round++) {
				const wait = this.waitMs(Date.now(), waitedUntil);
				if (wait <= 0) break;
				await sleep(wait);
			}
			this.starts.push(Date.now());
			if (this.limits.maxPerSecond > 0 && this.starts.length > this.limits.maxPerSecond)
				this.starts.shift();
		} finally {
			release();
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const next = this.waiting.shift();
			if (next)
				next(); // the slot passes on directly
			else this.inFlight--;
		};
	}

	private waitMs(now: number, waitedUntil: number): number {
		const pause = this.pauseUntil > waitedUntil ? this.pauseUntil - now : 0;
		const { maxPerSecond } = this.limits;
		const rate =
			maxPerSecond > 0 && this.starts.length >= maxPerSecond
				? this.starts[this.starts.length - maxPerSecond] + RATE_WINDOW_MS - now
				: 0;
		return Math.max(pause, rate);
	}
}
