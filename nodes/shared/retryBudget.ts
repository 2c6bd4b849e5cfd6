/**
 * The retry arithmetic both transports share (Cartona's and Odoo's): reading `Retry-After`, and
 * the wait before the next retry within a count and a total-wait budget. What may be retried
 * stays with each transport's own policy.
 */

export interface RetryLimits {
	maxRetries: number;
	maxWaitMs: number;
}

/** Connection failures where the request never reached a server: safe to send again. */
export const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A `Retry-After` value (seconds or an HTTP date) in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfterMs(raw: string | undefined, now: number = Date.now()): number | undefined {
	const value = raw?.trim();
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (0-based): `retryAfter` when the answer gave one, else
 * `baseMs * 2 ** attempt`; undefined to stop (out of retries, or the wait would pass `maxWaitMs`).
 */
export function budgetedWaitMs(
	attempt: number,
	waitedMs: number,
	limits: RetryLimits,
	retryAfter: number | undefined,
	baseMs: number,
): number | undefined {
	if (attempt >= limits.maxRetries) return undefined;
	const wait = retryAfter ?? baseMs * 2 ** attempt;
	return waitedMs + wait > limits.maxWaitMs ? undefined : wait;
}
