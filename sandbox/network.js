'use strict';
/**
 * Network conditions of the sandbox: a delay before every API answer (fixed, or jittered from a
 * seeded generator so runs repeat) and an optional rate limit (requests per second over a sliding
 * one-second window; a request over it is answered 429 with Retry-After, like Cartona's [assumed]
 * limit). Settings: { latencyMs, jitterMs, rateLimitPerSecond }; 0 turns a part off.
 * The delay models the round trip: it applies to every API answer, 429s and faults included.
 */
const { createRandom } = require('./seed');

const KEYS = ['latencyMs', 'jitterMs', 'rateLimitPerSecond'];
const WINDOW_MS = 1000;

/** A number option: a non-negative finite number, else an Error naming it. */
function nonNegative(name, value) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new Error(`"${name}" must be a non-negative number (got ${JSON.stringify(value)})`);
	}
	return value;
}

/** Accepts { latencyMs, jitterMs, rateLimitPerSecond } (any subset); unknown keys throw. */
function readSettings(input, base) {
	if (input === undefined || input === null) return { ...base };
	if (typeof input !== 'object' || Array.isArray(input)) throw new Error('network settings must be an object like {"latencyMs": 80}');
	const out = { ...base };
	for (const [key, value] of Object.entries(input)) {
		if (!KEYS.includes(key)) throw new Error(`unknown network setting "${key}" (known: ${KEYS.join(', ')})`);
		out[key] = nonNegative(key, value);
	}
	return out;
}

class NetworkConditions {
	constructor(settings) {
		this.random = createRandom(20260202);
		this.settings = readSettings(settings, { latencyMs: 0, jitterMs: 0, rateLimitPerSecond: 0 });
		/** Arrival times of the requests let through in the last window. */
		this.accepted = [];
		this.limited = 0;
	}

	/** Replaces the given settings (others stay); throws on invalid input. A new rate limit starts an empty window. */
	set(settings) {
		this.settings = readSettings(settings, this.settings);
		if (settings && settings.rateLimitPerSecond !== undefined) this.accepted = [];
		return this.get();
	}

	get() {
		return { ...this.settings, rateLimited: this.limited };
	}

	/** Delay for this answer: latencyMs plus a uniform draw in [-jitterMs, +jitterMs], never below 0. */
	delayMs() {
		const { latencyMs, jitterMs } = this.settings;
		if (!jitterMs) return latencyMs;
		return Math.max(0, Math.round(latencyMs + (this.random() * 2 - 1) * jitterMs));
	}

	/**
	 * Admits a request arriving at `now`, or returns the seconds for Retry-After when the last
	 * window already holds `rateLimitPerSecond` admitted requests (rejected ones do not count).
	 */
	admit(now = Date.now()) {
		const limit = this.settings.rateLimitPerSecond;
		if (!limit) return { ok: true };
		while (this.accepted.length && this.accepted[0] <= now - WINDOW_MS) this.accepted.shift();
		if (this.accepted.length < limit) {
			this.accepted.push(now);
			return { ok: true };
		}
		this.limited++;
		const freeInMs = this.accepted[this.accepted.length - limit] + WINDOW_MS - now;
		return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(freeInMs / 1000)) };
	}
}

module.exports = { NetworkConditions, readNetworkSettings: readSettings };
