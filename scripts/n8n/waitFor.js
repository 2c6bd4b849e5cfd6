'use strict';

/**
 * Polls fn every intervalMs until it returns something truthy (returned) or timeoutMs passes
 * (throws, naming `what` and the last error fn threw). Errors thrown by fn are retried.
 */
async function waitFor(fn, { timeoutMs, intervalMs = 100, what }) {
	const end = Date.now() + timeoutMs;
	let last;
	while (Date.now() < end) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

module.exports = { waitFor };
